import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FIXTURE_ARCHIVE } from '../helpers.ts';
import { buildSite, type BuildResult } from './build-site.ts';
import { listFiles, readText } from './inspect-dist.ts';

let outDir: string;
let build: BuildResult;
let files: string[];

// The public edition of the fixture archive: DR-0002, the February retro, Ada and Cleo are public;
// DR-0004 is restricted and everything else internal.
beforeAll(async () => {
	outDir = await mkdtemp(join(tmpdir(), 'hindsight-public-'));
	build = await buildSite(FIXTURE_ARCHIVE, outDir, [], { HINDSIGHT_AUDIENCE: 'public' });
	files = build.code === 0 ? await listFiles(outDir) : [];
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

test('a public edition has pages only for public entries', () => {
	expect(build.code, build.output).toBe(0);
	const pages = files.filter((file) => /^(decisions|experiments|people|months)\/[^/]+\/index\.html$/.test(file)).sort();
	expect(pages).toEqual(['decisions/dr-0002/index.html', 'months/2026-02/index.html', 'people/ada/index.html', 'people/cleo/index.html']);
});

test('what the edition leaves out appears nowhere: not in pages, listings, feeds, sitemap or search', async () => {
	const texts = await Promise.all(files.filter((file) => /\.(html|xml|json)$/.test(file)).map((file) => readText(outDir, file)));
	const everything = texts.join('\n');
	for (const secret of ['Normalise inputs with training-split statistics only', 'zscore_inputs', 'Warmup trial', 'Ben Ito', 'warmup-a', 'Store runs on a shared disk']) {
		expect(everything, secret).not.toContain(secret);
	}
	const decisionsFeed = await readText(outDir, 'feeds/decisions.xml');
	expect([...decisionsFeed.matchAll(/<item><title>(DR-\d{4})/g)].map((match) => match[1])).toEqual(['DR-0002']);
	expect(build.output).toMatch(/Indexed \d+ pages/);
});

test('references to left-out entries render as bare ids, and run data is absent', async () => {
	const month = await readText(outDir, 'months/2026-02/index.html');
	expect(month).toContain('<span class="decision-ref">DR-0004</span>');
	expect(month).not.toMatch(/href="[^"]*dr-0004/);
	expect(month).toContain('(run data not in this edition)');
	expect(month).toContain('Run data is not part of the public edition.');
	expect(month).toMatch(/<span>ben<\/span>/);
	const decision = await readText(outDir, 'decisions/dr-0002/index.html');
	expect(decision).toMatch(/Supersedes<\/dt>\s*<dd>DR-0001<\/dd>/);
});
