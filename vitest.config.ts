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
		coverage: {
			provider: 'v8',
			include: ['src/**/*.ts', 'scripts/**/*.ts'],
			reporter: ['text-summary', 'json-summary'],
			reportsDirectory: 'node_modules/.cache/hindsight/coverage',
			// At the level the suite reaches today, so coverage cannot drop without someone deciding it should
			thresholds: { lines: 85, functions: 83, branches: 76, statements: 83 },
		},
	},
});
