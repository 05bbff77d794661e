import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts'],
		exclude: ['tests/e2e/**', 'tests/real/**', 'node_modules/**'],
		testTimeout: 20_000,
		// Several test files build the site; Astro keeps its content cache in the project, so builds
		// must not overlap.
		fileParallelism: false,
		hookTimeout: 300_000,
	},
});
