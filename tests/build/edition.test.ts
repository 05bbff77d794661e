import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BuildResult, buildSite } from './build-site.ts';
import { listFiles, readText } from './inspect-dist.ts';
import { copyTwoYearArchive } from './two-year-archive.ts';

let outDir: string;
let build: BuildResult;
let files: string[];
let archive: Awaited<ReturnType<typeof copyTwoYearArchive>>;

// The public edition of the fixture archive with its internal retro of 2025: DR-0002, the February
// retro, Ada and Cleo are public; DR-0004 is restricted and everything else internal.
beforeAll(async () => {
	outDir = await mkdtemp(join(tmpdir(), 'hindsight-public-'));
	archive = await copyTwoYearArchive();
	build = await buildSite(archive.dir, outDir, [], { HINDSIGHT_AUDIENCE: 'public' });
	files = build.code === 0 ? await listFiles(outDir) : [];
});
afterAll(() => Promise.all([rm(outDir, { recursive: true, force: true }), archive.cleanup()]));

test('a public edition has pages only for public entries', () => {
	expect(build.code, build.output).toBe(0);
	const pages = files.filter((file) => /^(decisions\/dr-\d+|(experiments|people|months)\/[^/]+)\/index\.html$/.test(file)).sort();
	expect(pages).toEqual(['decisions/dr-0002/index.html', 'months/2026-02/index.html', 'people/ada/index.html', 'people/cleo/index.html']);
});

test('what the edition leaves out appears nowhere: not in pages, listings, feeds, sitemap or search', async () => {
	const texts = await Promise.all(files.filter((file) => /\.(html|xml|json)$/.test(file)).map((file) => readText(outDir, file)));
	const everything = texts.join('\n');
	for (const secret of [
		'Normalise inputs with training-split statistics only',
		'zscore_inputs',
		'Warmup trial',
		'Ben Ito',
		'warmup-a',
		'Store runs on a shared disk',
		'Audit the labels',
		'audit-labels-first',
		'Keep every run in one place',
	]) {
		expect(everything, secret).not.toContain(secret);
	}
	const decisionsFeed = await readText(outDir, 'feeds/decisions.xml');
	expect([...decisionsFeed.matchAll(/<item><title>(DR-\d{4})/g)].map((match) => match[1])).toEqual(['DR-0002']);
	expect(build.output).toMatch(/Indexed \d+ pages/);
});

test('the decision views show only the records of the edition', async () => {
	for (const view of ['decisions/', 'decisions/timeline/', 'decisions/graph/']) {
		const ids = [...(await readText(outDir, `${view}index.html`)).matchAll(/decisions\/(dr-\d{4})\//g)].map((match) => match[1]);
		expect(new Set(ids), view).toEqual(view === 'decisions/graph/' ? new Set() : new Set(['dr-0002']));
	}
	// DR-0002 supersedes DR-0001, which this edition leaves out: no edge is left to draw.
	expect(await readText(outDir, 'decisions/graph/index.html')).toContain('No record has been superseded yet.');
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

test('the lesson archive of an edition has pages only for the years and tags of the lessons it may show', async () => {
	const lessonPages = files.filter((file) => file.startsWith('lessons/')).sort();
	expect(lessonPages).toEqual(['lessons/2026/index.html', 'lessons/index.html', 'lessons/tags/data-quality/index.html']);
	const year = await readText(outDir, 'lessons/2026/index.html');
	expect(year).toMatch(/<h3 id="review-preprocessing-first">/);
	expect([...year.matchAll(/<h3 id="([^"]+)">/g)].map((match) => match[1])).toEqual(['review-preprocessing-first']);
	const nav = /<nav class="lesson-years"[\s\S]*?<\/nav>/.exec(year)?.[0] ?? '';
	expect(nav).not.toContain('lessons/2025/');
	const tag = await readText(outDir, 'lessons/tags/data-quality/index.html');
	expect([...tag.matchAll(/<h2 id="year-(\d{4})">/g)].map((match) => match[1])).toEqual(['2026']);
	expect(await readText(outDir, 'sitemap-0.xml')).not.toContain('lessons/2025/');
});
