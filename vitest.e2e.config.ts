import { defineConfig } from 'vitest/config';

// Browser tests: build the example archive, serve it under a sub-path, drive Debian's Chromium.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		globalSetup: ['tests/e2e/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		fileParallelism: false,
	},
});
