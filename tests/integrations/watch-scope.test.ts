import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWatchFilter } from '../../src/integrations/watch-scope.ts';

const root = '/repo';
const ignored = createWatchFilter(root, [join(root, 'src'), join(root, 'public'), join(root, 'content')]);

describe('createWatchFilter', () => {
	it('keeps the site sources, the archive and the top-level configuration', () => {
		for (const path of [
			'/repo',
			'/repo/src',
			'/repo/src/pages/index.astro',
			'/repo/public/favicon.svg',
			'/repo/content/runs/2026-01.json',
			'/repo/astro.config.mjs',
		])
			expect(ignored(path), path).toBe(false);
	});

	it('leaves out run stores, benchmark output and tests under the project', () => {
		for (const path of ['/repo/mlruns/0/abc/metrics/loss', '/repo/bench/ingest/work/store', '/repo/tests/e2e/site.test.ts', '/repo/srcs/x.ts'])
			expect(ignored(path), path).toBe(true);
	});

	it('walks the folders above an archive kept deep in the project, and nothing beside it', () => {
		const deep = createWatchFilter(root, [join(root, 'src'), join(root, 'bench/build/work/archive-10y')]);
		expect(deep('/repo/bench/build')).toBe(false);
		expect(deep('/repo/bench/build/work')).toBe(false);
		expect(deep('/repo/bench/build/work/archive-10y/retros/2016-01.mdx')).toBe(false);
		expect(deep('/repo/bench/build/work/hindsight-dist/index.html')).toBe(true);
		expect(deep('/repo/bench/build/work/archive-10y-old/x')).toBe(true);
	});

	it('leaves paths outside the project to Vite, and keeps everything when the archive is the project folder', () => {
		expect(ignored('/elsewhere/archive/runs/2026-01.json')).toBe(false);
		expect(createWatchFilter(root, [root])('/repo/mlruns/0')).toBe(false);
	});
});
