import { defineConfig } from 'vitest/config';

// `npm run test:real`: every adapter against the real run stores in ../shared/fixtures/real/, read in place.
export default defineConfig({
	test: {
		include: ['tests/real/**/*.test.ts'],
		testTimeout: 60_000,
	},
});
