import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../helpers.ts';
import { type BuildResult, buildSite } from './build-site.ts';

// `npm run dev` renders a month page from the digests the run index says it shows, not from all of them.
// Built that way (HINDSIGHT_SCOPED_MONTHS=1) and the usual way, the example archive's pages must be the same.
const EXAMPLE = join(PROJECT_ROOT, 'content');
let work: string;
let builds: { whole: BuildResult; scoped: BuildResult };

beforeAll(async () => {
	work = await mkdtemp(join(tmpdir(), 'hindsight-scoped-'));
	const whole = await buildSite(EXAMPLE, join(work, 'whole'));
	const scoped = await buildSite(EXAMPLE, join(work, 'scoped'), [], { HINDSIGHT_SCOPED_MONTHS: '1' });
	builds = { whole, scoped };
}, 180_000);
afterAll(() => rm(work, { recursive: true, force: true }));

test('month pages rendered from the digests they show are the pages rendered from every digest', async () => {
	expect(builds.whole.code).toBe(0);
	expect(builds.scoped.code).toBe(0);
	const months = (await readdir(join(work, 'whole', 'months'))).filter((name) => /^\d{4}-\d{2}$/.test(name)).sort();
	expect(months.length).toBeGreaterThanOrEqual(12);
	expect((await readdir(join(work, 'scoped', 'months'))).filter((name) => /^\d{4}-\d{2}$/.test(name)).sort()).toEqual(months);
	for (const month of months) {
		const [whole, scoped] = await Promise.all(['whole', 'scoped'].map((build) => readFile(join(work, build, 'months', month, 'index.html'), 'utf8')));
		expect(scoped, month).toBe(whole);
	}
	// The pages that are not month pages do not take a month page's model.
	for (const page of ['index.html', 'experiments/index.html', 'lessons/index.html', 'people/index.html']) {
		const [whole, scoped] = await Promise.all(['whole', 'scoped'].map((build) => readFile(join(work, build, page), 'utf8')));
		expect(scoped, page).toBe(whole);
	}
});
