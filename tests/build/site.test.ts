import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SITE_LANGUAGE } from '../../src/search/search-bundle.ts';
import { copyFixtureArchive, editFile } from '../helpers.ts';
import { type BuildResult, buildSite } from './build-site.ts';
import { extractLoads, extractUrls, isExternal, listFiles, readText } from './inspect-dist.ts';
import { copyTwoYearArchive } from './two-year-archive.ts';

const BASE = '/research/retros/';
let outDir: string;
let build: BuildResult;
let files: string[];
let archive: Awaited<ReturnType<typeof copyTwoYearArchive>>;

// One build of the fixture archive (with a retro of 2025, so that lessons span two years) under a
// sub-path, inspected by every test below.
beforeAll(async () => {
	outDir = await mkdtemp(join(tmpdir(), 'hindsight-dist-'));
	archive = await copyTwoYearArchive();
	build = await buildSite(archive.dir, outDir, ['--base', BASE]);
	files = build.code === 0 ? await listFiles(outDir) : [];
});
afterAll(() => Promise.all([rm(outDir, { recursive: true, force: true }), archive.cleanup()]));

describe('a build of the fixture archive under /research/retros/', () => {
	test('succeeds', () => {
		expect(build.output).not.toMatch(/error/i);
		expect(build.code).toBe(0);
	});

	test("logs no warning: the bundler's one per MDX file about Astro's own directive is filtered out", () => {
		expect(build.output).not.toMatch(/WARN|MODULE_LEVEL_DIRECTIVE/);
	});

	test('has a page for every entry, every listing, search and 404', () => {
		const expected = [
			'index.html',
			'404.html',
			'search/index.html',
			'lessons/index.html',
			'lessons/2026/index.html',
			'lessons/2025/index.html',
			'lessons/tags/data-quality/index.html',
			'lessons/tags/training/index.html',
			'lessons/tags/tracking/index.html',
			'months/index.html',
			'months/2025-11/index.html',
			'months/2026-01/index.html',
			'months/2026-02/index.html',
			'decisions/index.html',
			'decisions/timeline/index.html',
			'decisions/graph/index.html',
			'decisions/dr-0001/index.html',
			'decisions/dr-0002/index.html',
			'decisions/dr-0003/index.html',
			'decisions/dr-0004/index.html',
			'experiments/index.html',
			'experiments/warmup-trial/index.html',
			'people/index.html',
			'people/ada/index.html',
			'people/ben/index.html',
			'people/cleo/index.html',
		];
		expect(files).toEqual(expect.arrayContaining(expected));
	});

	test('writes a search index with pages in it', async () => {
		const entry = JSON.parse(await readText(outDir, 'pagefind/pagefind-entry.json')) as { languages: Record<string, { page_count: number }> };
		// Listing pages, the lesson archive's front page and its tag pages are left out of the index; the 13
		// entry pages (3 months, 4 decisions, an experiment, 3 people, 2 years of lessons) are in.
		expect(entry.languages['en']?.page_count).toBe(13);
		expect(files.some((file) => file.startsWith('pagefind/fragment/'))).toBe(true);
	});

	test('the search index is the very one Pagefind makes from the whole output folder, though it is fed only the searchable content', async () => {
		// The month pages' run tables are emptied before indexing; that must change nothing Pagefind writes.
		expect(await readText(outDir, 'months/2026-02/index.html')).toMatch(/data-pagefind-ignore>\s*<table/);
		const reference = await mkdtemp(join(tmpdir(), 'hindsight-pagefind-'));
		try {
			const { index } = await pagefind.createIndex({ forceLanguage: SITE_LANGUAGE });
			await index!.addDirectory({ path: outDir });
			await index!.writeFiles({ outputPath: reference });
			await pagefind.close();
			const written = (await listFiles(reference)).filter((file) => /\.pf_|pagefind-entry\.json$/.test(file)).sort();
			expect(written.length).toBeGreaterThan(13);
			expect(files.filter((file) => /^pagefind\/.*(\.pf_|pagefind-entry\.json$)/.test(file)).sort()).toEqual(written.map((file) => `pagefind/${file}`));
			for (const file of written) expect((await readFile(join(outDir, 'pagefind', file))).equals(await readFile(join(reference, file))), file).toBe(true);
		} finally {
			await rm(reference, { recursive: true, force: true });
		}
	});

	test('the search page asks ahead for what Pagefind loads first, at paths that exist, and the bundle has no unused files', async () => {
		const html = await readText(outDir, 'search/index.html');
		const tag = /data-cache-tag="([a-z0-9]+)"/.exec(html)?.[1];
		expect(tag).toBeDefined();
		const preloads = [...html.matchAll(/<link rel="(modulepreload|preload)" href="([^"]+)"/g)].map(([, rel, url]) => `${rel} ${url}`);
		expect(preloads).toEqual([
			`modulepreload ${BASE}pagefind/pagefind.js`,
			`preload ${BASE}pagefind/pagefind-entry.json?ts=${tag}`,
			`preload ${BASE}pagefind/wasm.en.pagefind`,
		]);
		for (const file of ['pagefind/pagefind.js', 'pagefind/pagefind-entry.json', 'pagefind/wasm.en.pagefind']) expect(files).toContain(file);
		for (const file of ['pagefind/pagefind-worker.js', 'pagefind/wasm.unknown.pagefind', 'pagefind/pagefind-ui.js', 'pagefind/pagefind-highlight.js'])
			expect(files).not.toContain(file);
	});

	test('marks each entry page with its search filters', async () => {
		const html = await readText(outDir, 'decisions/dr-0004/index.html');
		for (const filter of [
			'kind:decision',
			'status:accepted',
			'month:2026-02',
			'year:2026',
			'person:ada',
			'person:cleo',
			'tag:data-quality',
			'impact:preprocessing',
		]) {
			expect(html).toContain(`data-pagefind-filter="${filter}"`);
		}
		expect(html).toContain('data-pagefind-body');
		// The decision views repeat the titles and summaries the records hold.
		for (const view of ['decisions/index.html', 'decisions/timeline/index.html', 'decisions/graph/index.html']) {
			expect(await readText(outDir, view), view).not.toContain('data-pagefind-body');
		}
	});

	test('no link or asset points outside the base path', async () => {
		const offenders: string[] = [];
		for (const file of files.filter((name) => name.endsWith('.html'))) {
			for (const url of extractUrls(await readText(outDir, file))) {
				if (url.startsWith('#') || url.startsWith(BASE)) continue;
				offenders.push(`${file}: ${url}`);
			}
		}
		expect(offenders).toEqual([]);
	});

	test('no script, style, font, image or import loads from another host', async () => {
		const offenders: string[] = [];
		for (const file of files.filter((name) => /\.(html|css|js|mjs|svg)$/.test(name))) {
			const text = await readText(outDir, file);
			const urls = file.endsWith('.html') ? [...extractUrls(text), ...extractLoads(text)] : extractLoads(text);
			for (const url of urls) if (isExternal(url)) offenders.push(`${file}: ${url}`);
		}
		expect(offenders).toEqual([]);
	});

	test('the month page shows the retro, runs, decisions, lessons, exchanges and every contributor', async () => {
		const html = await readText(outDir, 'months/2026-02/index.html');
		expect(html).toContain('Statistics from the training split only');
		expect(html).toMatch(/<table class="runs">[\s\S]*<code>val_loss<\/code>[\s\S]*<\/table>/);
		expect(html).toContain('id="run-manifest-warmup-a"');
		expect(html).toContain(`href="${BASE}decisions/dr-0004/"`);
		expect(html).toContain('Review preprocessing before trusting a metric');
		expect(html).toContain('warmup helps only with the schedule logged.');
		expect(html).toContain('Review of the input pipeline');
		for (const name of ['Ada Park', 'Ben Ito', 'Cleo Marsh']) expect(html).toContain(name);
	});

	test('the month page shows signed, coloured changes since the previous month and its workdays', async () => {
		const html = await readText(outDir, 'months/2026-02/index.html');
		expect(html).toContain('Changes since January 2026');
		expect(html).toMatch(/<code>val_loss<\/code>[\s\S]*?0\.52<\/td>[\s\S]*?0\.41<\/td>[\s\S]*?class="num delta-better">−0\.11/);
		expect(html).toMatch(/<code>optimizer\.lr<\/code><\/td><td>0\.003<\/td><td>0\.001, 0\.01<\/td>/);
		// February 2026 has 20 weekdays; the fixture's hindsight.yaml makes the 16th a holiday.
		expect(html).toContain('19 workdays');
	});

	test('RSS feeds list retros and decisions, newest first, and a sitemap lists the pages', async () => {
		const decisions = await readText(outDir, 'feeds/decisions.xml');
		const links = [...decisions.matchAll(/<item><title>(DR-\d{4})/g)].map((match) => match[1]);
		expect(links).toEqual(['DR-0004', 'DR-0003', 'DR-0002', 'DR-0001']);
		expect(decisions).toContain('<link>http://localhost:4321/research/retros/decisions/dr-0004/</link>');
		expect(await readText(outDir, 'feeds/retros.xml')).toMatch(/<item><title>2026-02: Statistics[\s\S]*<item><title>2026-01:/);
		const sitemap = await readText(outDir, 'sitemap-0.xml');
		expect(sitemap).toContain('<loc>http://localhost:4321/research/retros/decisions/dr-0001/</loc>');
		for (const view of ['decisions/', 'decisions/timeline/', 'decisions/graph/'])
			expect(sitemap).toContain(`<loc>http://localhost:4321/research/retros/${view}</loc>`);
		expect(sitemap).not.toContain('/search/');
	});

	test('the site options name the site', async () => {
		expect(await readText(outDir, 'index.html')).toContain('<title>Fixture Lab archive</title>');
	});

	test('the month page draws the metric trend as inline SVG, marking the decision that breaks comparability', async () => {
		const html = await readText(outDir, 'months/2026-02/index.html');
		const svg = /id="runs"[\s\S]*?(<svg class="chart"[\s\S]*?<\/svg>)/.exec(html)?.[1] ?? '';
		// A group, not an image: the decision markers inside are links, which an image role would hide.
		expect(svg).toMatch(/role="group" aria-labelledby=/);
		expect(svg).toMatch(/<title id="[^"]+">Warmup trial: best val_loss per month<\/title>/);
		expect(svg).toMatch(/<desc id="[^"]+">2 months from January 2026 to February 2026, lower is better\. February 2026: 0\.41\. Marked: DR-0004 on 2026-02-20/);
		expect(svg).toMatch(/<a class="chart-marker" href="\/research\/retros\/decisions\/dr-0004\/">/);
		expect(svg).toMatch(/<path d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+"/);
		expect(html).toMatch(/<table class="sr-only"><caption>Warmup trial: best val_loss per month: data<\/caption>/);
	});

	test('MDX components render a run metric, a decision, a chart, a run table and a lesson', async () => {
		const html = await readText(outDir, 'months/2026-02/index.html');
		const prose = /<section class="prose"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
		expect(prose).toMatch(
			/<a class="metric-value" href="\/research\/retros\/months\/2026-02\/#run-manifest-warmup-a"[^>]*><data value="0\.41">0\.41<\/data><\/a>/
		);
		expect(prose).toMatch(/<span class="decision-ref"><a href="\/research\/retros\/decisions\/dr-0004\/"><strong>DR-0004<\/strong>/);
		expect(prose).toMatch(/<svg class="chart"[\s\S]*DR-0004/);
		expect(prose).toMatch(/<table class="runs brief">[\s\S]*warmup-a[\s\S]*warmup-b[\s\S]*<\/table>/);
		expect(prose).not.toContain('id="run-');
		expect(prose).toContain('Log the schedule, not only the peak rate');
	});

	test('ids in prose become links under the base path', async () => {
		const html = await readText(outDir, 'months/2026-01/index.html');
		expect(html).toMatch(/We decided <a href="\/research\/retros\/decisions\/dr-0001\/" title="DR-0001: Store runs on a shared disk">DR-0001<\/a>/);
	});

	test('the decision table, the timeline and the supersession graph are pages of their own, each linking to the others', async () => {
		const views = { table: 'decisions/', timeline: 'decisions/timeline/', graph: 'decisions/graph/' };
		for (const [view, path] of Object.entries(views)) {
			const html = await readText(outDir, `${path}index.html`);
			const nav = /<nav class="decision-views"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
			for (const other of Object.values(views)) expect(nav, view).toContain(`href="${BASE}${other}"`);
			expect(nav, view).toContain(`href="${BASE}${path}" aria-current="page"`);
			expect(html, view).toMatch(/<a href="\/research\/retros\/decisions\/" aria-current="page">Decisions<\/a>/);
		}
		const table = await readText(outDir, 'decisions/index.html');
		expect(table).toMatch(/<tr data-status="accepted" data-impact="preprocessing evaluation"/);
		expect(table).not.toContain('class="timeline"');
		expect(table).not.toContain('<svg class="supersession-graph"');
		// Its rows carry no scoping attribute: at six hundred records that alone was a hundred kilobytes.
		expect(table).not.toMatch(/<tr [^>]*data-astro-cid/);
	});

	test('the timeline lists the records month by month, newest first, each month linking to its page', async () => {
		const html = await readText(outDir, 'decisions/timeline/index.html');
		expect(html).toMatch(
			/<ol class="timeline"[\s\S]*<h2[^>]*><a href="\/research\/retros\/months\/2026-02\/">February 2026<\/a><\/h2>[\s\S]*DR-0004[\s\S]*January 2026[\s\S]*DR-0001/
		);
		expect(html).toMatch(/<a href="\/research\/retros\/decisions\/dr-0004\/">DR-0004: [^<]+<\/a> <span class="badge status-accepted"/);
	});

	test('the supersession graph is laid out as SVG on its page, each box linking to its record', async () => {
		const html = await readText(outDir, 'decisions/graph/index.html');
		const graph = /<svg class="supersession-graph"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
		expect(graph).toMatch(/<desc id="supersession-desc"[^>]*>DR-0002 supersedes DR-0001; DR-0003 supersedes DR-0001\.<\/desc>/);
		expect(graph.match(/class="graph-edge"/g)).toHaveLength(2);
		expect(graph).toMatch(/<a href="\/research\/retros\/decisions\/dr-0001\/" class="graph-node status-superseded[" ]/);
	});

	test('a decision links its metric keys to their chart and its experiments to their page', async () => {
		const html = await readText(outDir, 'decisions/dr-0004/index.html');
		expect(html).toContain('<a href="/research/retros/experiments/warmup-trial/#chart-trend-val-loss"><code>val_loss</code></a>');
		expect(html).toMatch(/<a href="\/research\/retros\/experiments\/warmup-trial\/">Warmup trial<\/a>/);
		expect(await readText(outDir, 'experiments/warmup-trial/index.html')).toContain('id="chart-trend-val-loss"');
	});

	test('a record replaced by two shows both successors, and each successor shows it', async () => {
		const replaced = await readText(outDir, 'decisions/dr-0001/index.html');
		expect(replaced).toMatch(/Superseded by[\s\S]*dr-0002[\s\S]*dr-0003/);
		for (const successor of ['dr-0002', 'dr-0003']) {
			expect(await readText(outDir, `decisions/${successor}/index.html`)).toMatch(/Supersedes[\s\S]*decisions\/dr-0001\//);
		}
	});

	test('pages ship no JavaScript except the theme toggle and search; the listing filters are CSS', async () => {
		for (const file of files.filter((name) => name.endsWith('.html') && name !== 'search/index.html')) {
			const scripts = [...(await readText(outDir, file)).matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
			expect(
				scripts.map(([tag]) => tag.slice(0, 30)).filter((tag) => /src=/.test(tag)),
				file
			).toEqual([]);
			for (const [, code] of scripts) expect(code, file).toMatch(/hindsight-theme/);
		}
		// The keyboard shortcut to search is the header box's access key, which needs no script.
		expect(await readText(outDir, 'decisions/dr-0001/index.html')).toMatch(/<input id="header-search-input"[^>]*accesskey="k"/);
		expect(await readText(outDir, 'search/index.html')).toMatch(/<script type="module" src="\/research\/retros\/_astro\//);
	});

	test('the decision index and the lesson archive filter with CSS rules that read their boxes and selects', async () => {
		const decisions = await readText(outDir, 'decisions/index.html');
		expect(decisions).toContain('<input type="checkbox" name="status" value="accepted"');
		expect(decisions).toContain(
			'.decision-index:has(input[name="status"]:checked):has(input[name="status"][value="accepted"]:not(:checked)) tbody tr[data-status="accepted"]{display:none}'
		);
		expect(decisions).toContain('tbody tr[data-impact="preprocessing evaluation"]{display:none}');
		const lessons = await readText(outDir, 'lessons/2026/index.html');
		expect(lessons).toContain('input[name="tag"]:not([value=""]):checked ~ .lesson-list .f-tag{display:none}');
		expect(lessons).toContain('input[id="filter:tag:training"]:checked ~ .lesson-list .f-tag[data-tag~="training"]{display:block}');
		expect(lessons).toMatch(/<input type="radio" class="filter-input" form="lesson-filters" name="tag" value="training" id="filter:tag:training"/);
		// A single filter is a link: the anchor `#tag:training` is a note that CSS shows while it is the target.
		expect(lessons).toMatch(
			/<p id="tag:training" class="linked-filter"[^>]*>Showing the lessons of 2026 tagged training\. <a href="\/research\/retros\/lessons\/tags\/training\/">Every year's<\/a>\./
		);
		expect(lessons).toContain('[id="tag:training"]:target ~ .lesson-list .f-view[data-view~="tag:training"]{display:block}');
		// Every lesson sits in one wrapper per filter, so that filters combine as AND.
		expect(lessons).toMatch(
			/<div class="f-view" data-view="[^"]*tag:training[^"]*"[^>]*><div class="f-tag" data-tag="[^"]*training[^"]*"[^>]*><div class="f-month" data-month="\d{4}-\d{2}"[^>]*><div class="f-person" data-person="[^"]*"[^>]*><div class="f-source" data-source="(retro|experiment|run)"[^>]*>\s*<article class="lesson"/
		);
		// A lesson's tag links to the tag's own page, which spans the years.
		expect(lessons).toContain(`<a href="${BASE}lessons/tags/training/">training</a>`);
		// A year's filters offer only what its lessons carry.
		expect(lessons).toContain('id="filter:month:2026-02"');
		expect(lessons).not.toContain('id="filter:month:2025-11"');
		expect(await readText(outDir, 'lessons/2025/index.html')).not.toContain('id="filter:tag:training"');
	});

	test("the lesson archive has a page per year, newest first, each linking to every year and holding its lessons' anchors", async () => {
		const years = ['2026', '2025'];
		for (const file of ['lessons/index.html', 'lessons/2026/index.html', 'lessons/2025/index.html', 'lessons/tags/data-quality/index.html']) {
			const html = await readText(outDir, file);
			const nav = /<nav class="lesson-years"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
			expect(
				[...nav.matchAll(/href="\/research\/retros\/lessons\/(\d{4})\/"/g)].map((match) => match[1]),
				file
			).toEqual(years);
		}
		const y2026 = await readText(outDir, 'lessons/2026/index.html');
		const y2025 = await readText(outDir, 'lessons/2025/index.html');
		expect(y2026).toMatch(/<h3 id="review-preprocessing-first">/);
		expect(y2026).toMatch(/<h3 id="warmup-needs-schedule-logging">/);
		expect(y2026).not.toContain('audit-labels-first');
		expect(y2025).toMatch(/<h3 id="audit-labels-first">/);
		expect(y2025).not.toContain('review-preprocessing-first');
		expect(y2026).toMatch(/<nav class="lesson-years"[\s\S]*?href="\/research\/retros\/lessons\/2026\/" aria-current="page"/);
		// Each year page is indexed, with the year and its months as search filters.
		for (const filter of ['kind:lessons', 'year:2025', 'month:2025-11']) expect(y2025).toContain(`data-pagefind-filter="${filter}"`);
		expect(y2025).toContain('data-pagefind-body');
		// The front page shows the newest year at once, with its anchors, and is left out of search, as the year page holds the same lessons.
		const front = await readText(outDir, 'lessons/index.html');
		expect(front).toMatch(/<h3 id="review-preprocessing-first">/);
		expect(front).not.toContain('audit-labels-first');
		expect(front).not.toContain('data-pagefind-body');
		expect(front).toMatch(/<nav class="lesson-tags"[\s\S]*?href="\/research\/retros\/lessons\/tags\/data-quality\/"/);
	});

	test("a tag's page holds its lessons of every year, linking each to its year page, and is left out of search", async () => {
		const html = await readText(outDir, 'lessons/tags/data-quality/index.html');
		expect(html).not.toContain('data-pagefind-body');
		const sections = [...html.matchAll(/<h2 id="year-(\d{4})"><a href="([^"]+)">/g)].map((match) => [match[1], match[2]]);
		expect(sections).toEqual([
			['2026', `${BASE}lessons/2026/#tag:data-quality`],
			['2025', `${BASE}lessons/2025/#tag:data-quality`],
		]);
		expect(html).toContain(`<a href="${BASE}lessons/2026/#review-preprocessing-first">Review preprocessing before trusting a metric</a>`);
		expect(html).toContain(`<a href="${BASE}lessons/2025/#audit-labels-first">Audit the labels before the first training run</a>`);
		expect(html).not.toContain('Log the schedule');
		expect(html).not.toMatch(/<h3 id=/);
	});

	test('links to a lesson lead to its year page, and a month page to its month on that page', async () => {
		const month = await readText(outDir, 'months/2026-02/index.html');
		expect(month).toContain(`<a href="${BASE}lessons/2026/#month:2026-02">This month in the lesson archive</a>`);
		const front = await readText(outDir, 'index.html');
		expect(front).toContain(`href="${BASE}lessons/2026/#review-preprocessing-first"`);
		for (const file of files.filter((name) => name.endsWith('.html'))) {
			expect(await readText(outDir, file), file).not.toMatch(/href="\/research\/retros\/lessons\/#/);
		}
		const sitemap = await readText(outDir, 'sitemap-0.xml');
		for (const path of ['lessons/', 'lessons/2025/', 'lessons/2026/', 'lessons/tags/data-quality/'])
			expect(sitemap).toContain(`<loc>http://localhost:4321/research/retros/${path}</loc>`);
	});

	test("a person's page links to the lessons credited to them, which the lesson archive holds in full", async () => {
		const html = await readText(outDir, 'people/ada/index.html');
		const lessons = /<h2 id="lessons"[\s\S]*$/.exec(html)?.[0] ?? '';
		expect(lessons).toMatch(/<ul class="list" data-pagefind-ignore><li><a href="\/research\/retros\/lessons\/2026\/#[a-z0-9-]+">/);
		expect(lessons).not.toContain('<article class="lesson"');
		expect(await readText(outDir, 'people/cleo/index.html')).toContain(`<a href="${BASE}lessons/2025/#audit-labels-first">`);
		// A year page's view of one person leads to this list, which spans the years.
		expect(await readText(outDir, 'lessons/2026/index.html')).toMatch(
			/<p id="person:ada" class="linked-filter"[^>]*>Showing the lessons of 2026 credited to Ada Park\. <a href="\/research\/retros\/people\/ada\/#lessons">Every year's<\/a>/
		);
	});

	test('an experiment page summarises its runs by month and links to their rows, which only month pages hold', async () => {
		const experiment = await readText(outDir, 'experiments/warmup-trial/index.html');
		const runs = /<h2 id="runs"[\s\S]*?<h2 id="decisions"/.exec(experiment)?.[0] ?? '';
		expect(runs).toMatch(/<table class="runs-by-month"/);
		expect(runs).toContain(`<a href="${BASE}months/2026-02/#runs-warmup-trial">February 2026</a>`);
		expect(runs).toMatch(new RegExp(`<a href="${BASE}months/2026-02/#run-manifest-warmup-a">0\\.41</a>`));
		expect(runs).not.toContain('id="run-');
		const month = await readText(outDir, 'months/2026-02/index.html');
		expect(month).toMatch(/<section id="runs-warmup-trial"[^>]*>/);
	});
});

test('a build of an archive with an invalid status, an unknown author and a supersession cycle fails, naming every file, id and record', async () => {
	const copy = await copyFixtureArchive();
	const brokenOut = await mkdtemp(join(tmpdir(), 'hindsight-dist-'));
	try {
		await editFile(join(copy.dir, 'decisions/0003-write-manifests.mdx'), 'status: accepted', 'status: approved');
		await editFile(join(copy.dir, 'retros/2026-01.mdx'), 'authors: [ada, ben]', 'authors: [ada, zoe]');
		await editFile(join(copy.dir, 'decisions/0001-store-runs-on-disk.mdx'), 'tags: [tracking]', 'supersedes: [DR-0002]\ntags: [tracking]');
		const result = await buildSite(copy.dir, brokenOut);
		expect(result.code).not.toBe(0);
		expect(result.output).toMatch(/decisions\/0003-write-manifests\.mdx:5 status: .*"approved"/);
		expect(result.output).toMatch(/retros\/2026-01\.mdx:4 authors\[1\]: unknown person "zoe"/);
		expect(result.output).toMatch(/0001-store-runs-on-disk\.mdx:\d+ supersedes: supersession cycle: DR-0001 → DR-0002 → DR-0001/);
		expect(result.output).toMatch(/\d+ problems/);
	} finally {
		await Promise.all([copy.cleanup(), rm(brokenOut, { recursive: true, force: true })]);
	}
});

describe('frontmatter Markdown and wording', () => {
	test('Markdown fields render inline: an exchange outcome links its record, as prose does', async () => {
		const html = await readText(outDir, 'months/2026-02/index.html');
		expect(html).toMatch(/Found the statistics leak; led to <a href="\/research\/retros\/decisions\/dr-0004\/"[^>]*>DR-0004<\/a>\./);
	});

	test('no doubled month label on a person page and no "1 runs" anywhere', async () => {
		const person = await readText(outDir, 'people/ada/index.html');
		expect(person).not.toMatch(/(\w+ 2026): \1/);
		const experiments = await readText(outDir, 'experiments/index.html');
		expect(experiments).not.toMatch(/\b1 runs\b/);
		expect(await readText(outDir, 'index.html')).not.toMatch(/\b1 (runs|experiments|months)\b/);
	});
});
