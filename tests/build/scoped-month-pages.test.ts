import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateArchive } from '../../bench/archive/generate.ts';
import { PROJECT_ROOT } from '../helpers.ts';
import { type BuildResult, buildSite } from './build-site.ts';

// `npm run dev` renders a month page from the digests the run index says it shows, not from all of them.
// Built that way (HINDSIGHT_SCOPED_MONTHS=1) and the usual way, the pages must be the same: on the example
// archive, and on two years of the benchmark generator's busy team, whose retros chart and cite runs of
// other months.
let work: string;
beforeAll(async () => {
	work = await mkdtemp(join(tmpdir(), 'hindsight-scoped-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

const listMonths = async (dist: string) => (await readdir(join(dist, 'months'))).filter((name) => /^\d{4}-\d{2}$/.test(name)).sort();

async function buildBothWays(contentDir: string, name: string): Promise<{ whole: string; scoped: string; builds: BuildResult[] }> {
	const whole = join(work, `${name}-whole`);
	const scoped = join(work, `${name}-scoped`);
	const builds = [await buildSite(contentDir, whole), await buildSite(contentDir, scoped, [], { HINDSIGHT_SCOPED_MONTHS: '1' })];
	return { whole, scoped, builds };
}

async function expectSamePages(dists: { whole: string; scoped: string }, pages: string[]) {
	for (const page of pages) {
		const [whole, scoped] = await Promise.all([readFile(join(dists.whole, page), 'utf8'), readFile(join(dists.scoped, page), 'utf8')]);
		expect(scoped, page).toBe(whole);
	}
}

describe('month pages rendered from the digests they show are the pages rendered from every digest', () => {
	test('on the example archive; the pages that are not month pages do not take a month page’s model', async () => {
		const dists = await buildBothWays(join(PROJECT_ROOT, 'content'), 'example');
		expect(dists.builds.map(({ code }) => code)).toEqual([0, 0]);
		const months = await listMonths(dists.whole);
		expect(months.length).toBeGreaterThanOrEqual(12);
		expect(await listMonths(dists.scoped)).toEqual(months);
		await expectSamePages(dists, [
			...months.map((month) => `months/${month}/index.html`),
			'index.html',
			'experiments/index.html',
			'lessons/index.html',
			'people/index.html',
		]);
	}, 180_000);

	test('on two generated years of a busy team', async () => {
		const archive = join(work, 'generated');
		const generated = await generateArchive({ outDir: archive, seed: 11, years: 2 });
		expect(generated.componentUses).toBeGreaterThan(100);
		const dists = await buildBothWays(archive, 'generated');
		expect(dists.builds.map(({ code }) => code)).toEqual([0, 0]);
		const months = await listMonths(dists.whole);
		expect(months).toHaveLength(24);
		await expectSamePages(
			dists,
			months.map((month) => `months/${month}/index.html`)
		);
	}, 240_000);
});
