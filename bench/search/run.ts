/**
 * `npm run bench:search`: search latency and bytes on a generated archive of about 1,200 pages.
 *
 * Generates the search preset archive (bench/archive, seed 42), builds it with Hindsight into
 * bench/build/work/search-dist (cold cache), serves it with a gzip-serving static server on
 * 127.0.0.1, and drives Debian's Chromium (playwright-core, no download):
 *
 *  - first query: a fresh browser context (empty cache) opens /search/?q=<identifier>; the time runs
 *    from navigation start to the first `.search-result-link` with the status naming the query
 *    (index loading included). Repeated in several fresh contexts; the median is reported.
 *  - warm: in the same page, ≥ 20 queries for different identifiers, each submitted through the
 *    search form; the time runs from the submit to the results rendered (aria-busy false, status
 *    naming the query, links present), measured inside the page with performance.now().
 *  - bytes: counted at the server, the compressed body bytes it sent (Pagefind fetches from a Web
 *    Worker, which a page's CDP session does not see; every fetch of a fresh context crosses the server).
 *
 * Starlight (the build benchmark's install, bench/build/work/starlight/) is built over the same archive's MDX
 * files and measured in the same run, in the same browser, the same way: its first query is typed into its search
 * dialog as soon as the dialog's box is there (bench/search/starlight-search.ts), its warm queries one after another.
 *
 * Flags: --reuse (keep existing builds), --no-write (leave BENCHMARKS.md alone), --cold-runs N (default 5).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../tests/e2e/browser.ts';
import { generateArchive, SEARCH_PRESET } from '../archive/generate.ts';
import { readStarlightVersions } from '../build/starlight.ts';
import { median, replaceSection } from '../report-section.ts';
import { type Sent, serveGzip } from './serve-gzip.ts';
import { buildStarlightSearchSite, TYPING_PAUSE_MS, typeOnArrival, typeWarmQueries } from './starlight-search.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WORK = join(ROOT, 'bench/build/work');
const ARCHIVE = join(WORK, 'search-archive');
const DIST = join(WORK, 'search-dist');
const { values } = parseArgs({
	options: { reuse: { type: 'boolean', default: false }, 'no-write': { type: 'boolean', default: false }, 'cold-runs': { type: 'string', default: '5' } },
});
const log = (...args: unknown[]) => console.log(`[bench:search ${new Date().toISOString().slice(11, 19)}]`, ...args);
const loadAtStart = loadavg();

// --- Archive and build ---------------------------------------------------------------------------
const summary = await generateArchive({ outDir: ARCHIVE, seed: 42, ...SEARCH_PRESET });
log('archive', summary);
let buildMs: number | null = null;
if (!values.reuse || !existsSync(join(DIST, 'search/index.html'))) {
	const cache = join(WORK, 'search-cache');
	await rm(DIST, { recursive: true, force: true });
	await rm(cache, { recursive: true, force: true });
	log('building with Hindsight');
	const started = performance.now();
	const code = await new Promise<number | null>((done, fail) => {
		const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--config', 'bench/build/hindsight.config.mjs', '--outDir', DIST], {
			cwd: ROOT,
			env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', HINDSIGHT_CONTENT: ARCHIVE, BENCH_CACHE_DIR: cache },
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		child.on('error', fail);
		child.on('close', done);
	});
	if (code !== 0) throw new Error('the Hindsight build of the search archive failed');
	buildMs = performance.now() - started;
}
const STARLIGHT_DIST = join(WORK, 'search-starlight-dist');
const STARLIGHT_START = 'retros/2016-01/';
let starlightBuild: Awaited<ReturnType<typeof buildStarlightSearchSite>> | undefined;
if (!values.reuse || !existsSync(join(STARLIGHT_DIST, STARLIGHT_START, 'index.html'))) starlightBuild = await buildStarlightSearchSite(ARCHIVE, WORK, log);
const starlightVersions = starlightBuild?.versions ?? (await readStarlightVersions(join(WORK, 'starlight')));
const starlightPages = (await readdir(STARLIGHT_DIST, { recursive: true })).filter((name) => String(name).endsWith('.html')).length;

let pages = 0;
for (const entry of await readdir(DIST, { withFileTypes: true, recursive: true })) if (entry.isFile() && entry.name.endsWith('.html')) pages++;
let indexBytes = 0;
let indexFiles = 0;
{
	const { stat } = await import('node:fs/promises');
	for (const entry of await readdir(join(DIST, 'pagefind'), { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		indexFiles++;
		indexBytes += (await stat(join(entry.parentPath, entry.name))).size;
	}
}
log(`${pages} pages; Pagefind bundle ${indexFiles} files, ${(indexBytes / 1024).toFixed(0)} KB`);

// --- Queries -------------------------------------------------------------------------------------
const FIRST_QUERY = 'optimizer.lr';
const WARM_QUERIES = [
	'optimizer.warmup_steps',
	'val/loss',
	'src/data/normalize.py',
	'DR-0123',
	'augment.mixup_alpha',
	'val/acc',
	'configs/sweeps/lr.yaml',
	'DR-0456',
	'model.ema_decay',
	'holdout/f1',
	'scripts/export_onnx.py',
	'data.normalize',
	'train.grad_clip',
	'throughput/img_per_s',
	'src/eval/calibrate.py',
	'DR-0700',
	'loss.label_smoothing',
	'val/ece',
	'infra/slurm/train.sbatch',
	'distill.temperature',
	'eval.tta',
	'latency/p95_ms',
	'data/manifests/holdout.csv',
	'DR-0042',
];
/** Other identifiers, not searched before in the page, for timing Pagefind alone under the same conditions. */
const PAGEFIND_QUERIES = [
	'optimizer.beta2',
	'val/f1',
	'src/train/loop.py',
	'DR-0234',
	'augment.cutmix_prob',
	'val/auroc',
	'configs/base.yaml',
	'DR-0567',
	'model.dropout',
	'test/acc',
	'scripts/make_splits.py',
	'data.crop_size',
	'train.batch_size',
	'train/grad_norm',
	'src/models/resnet.py',
	'DR-0811',
	'loss.focal_gamma',
	'val/precision',
	'infra/docker/Dockerfile',
	'distill.alpha',
	'eval.threshold',
	'holdout/acc',
	'data/manifests/train.csv',
	'DR-0099',
];

/** Pagefind alone, in a warm page of either site: `search(q)`, then the data of the first 10 results. */
function timePagefindAlone(page: Page, queries: string[]) {
	return page.evaluate(async (qs) => {
		const bundle = '/pagefind/pagefind.js';
		const pf = await import(/* @vite-ignore */ bundle);
		const out: { query: string; searchMs: number; dataMs: number }[] = [];
		for (const q of qs) {
			const t0 = performance.now();
			const s = await pf.search(q);
			const t1 = performance.now();
			await Promise.all(s.results.slice(0, 10).map((r: { data: () => Promise<unknown> }) => r.data()));
			out.push({ query: q, searchMs: t1 - t0, dataMs: performance.now() - t1 });
		}
		return out;
	}, queries);
}

/**
 * A round trip from a page to the server: `paths` fetched one after another, the HTTP cache bypassed, each
 * read whole; the times in ms.
 */
function timeRoundTrips(page: Page, paths: string[]) {
	return page.evaluate(async (ps) => {
		const times: number[] = [];
		for (const path of ps) {
			const start = performance.now();
			await (await fetch(path, { cache: 'no-store' })).arrayBuffer();
			times.push(performance.now() - start);
		}
		return times;
	}, paths);
}

/** The bytes a list of responses sent: all, and Pagefind's share. */
function countBytes(sent: Sent[]) {
	const bytes = sent.reduce((sum, x) => sum + x.bytes, 0);
	const pagefindBytes = sent.filter((x) => x.path.startsWith('/pagefind/')).reduce((sum, x) => sum + x.bytes, 0);
	return { bytes, pagefindBytes, requests: sent.length };
}

interface Transfer {
	url: string;
	bodyBytes: number;
}

/**
 * In the page: waits until the results for `query` are complete (status final, aria-busy false); resolves with
 * when its first result link was shown (`at`) and when it was complete, as performance.now().
 */
const waitForResults = (query: string) =>
	new Promise<{ at: number; completeAt: number; count: string }>((done) => {
		let shownAt = -1;
		const check = () => {
			const status = document.querySelector('.search-status')?.textContent ?? '';
			const busy = document.querySelector('.search-results')?.getAttribute('aria-busy');
			const links = document.querySelectorAll('.search-result-link').length;
			// The list is replaced in the same task that writes the status, so a status naming the query means its results.
			if (shownAt < 0 && status.includes(`“${query}”`) && (links > 0 || status.startsWith('0 '))) shownAt = performance.now();
			if (shownAt >= 0 && busy === 'false') {
				done({ at: shownAt, completeAt: performance.now(), count: status });
				return true;
			}
			return false;
		};
		if (check()) return;
		const observer = new MutationObserver(() => {
			if (check()) observer.disconnect();
		});
		observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
	});

/** In the page: whether an identifier query has counted all its matches (the status no longer says it is counting). */
const countingDone = () => !(document.querySelector('.search-status')?.textContent ?? '').includes('counting');

const { url, server, sent } = await serveGzip(DIST);
const browser = await launchChromium();
const coldRuns: {
	ms: number;
	completeMs: number;
	allBytes: number;
	sinceDomContentLoaded: number;
	bytes: number;
	pagefindBytes: number;
	status: string;
	transfers: Transfer[];
}[] = [];
const warm: { query: string; ms: number; completeMs: number; status: string; fetchedIndex: boolean }[] = [];
let roundTrips: number[] = [];
let waterfall: { path: string; ms: number; bytes: number }[] = [];
let filterItems = 0;
const cachedPass: number[] = [];
let rendererTrace: { name: string; ms: number }[] = [];
let pageProfile: { fn: string; ms: number }[] = [];
let pagefindOnly: { query: string; searchMs: number; dataMs: number }[] = [];
const warmBytes: number[] = [];
const starlightCold: { ms: number; sinceTyped: number; status: string; bytes: number; pagefindBytes: number; requests: number }[] = [];
const starlightWarm: { query: string; ms: number; status: string; bytes: number }[] = [];
let starlightPagefindOnly: typeof pagefindOnly = [];
let starlightByPath: { path: string; bytes: number }[] = [];
const runs = Number(values['cold-runs']);
try {
	for (let i = 0; i < runs; i++) {
		const context = await browser.newContext();
		const page = await context.newPage();
		sent.length = 0;
		const navigatedAt = performance.now();
		await page.addInitScript(`window.__waitForResults = ${waitForResults.toString()};`);
		await page.goto(`${url}search/?q=${encodeURIComponent(FIRST_QUERY)}`, { waitUntil: 'commit' });
		const result = (await page.evaluate(`window.__waitForResults(${JSON.stringify(FIRST_QUERY)})`)) as { at: number; completeAt: number; count: string };
		const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
		// The first page's bytes: what was asked before it was complete. Then the rest of the query's own work (the
		// filter counts, an identifier's matches counted), once the status says it is done.
		const firstPageSent = sent.filter((x) => x.at - navigatedAt <= result.completeAt);
		await page.waitForFunction(countingDone);
		await page.waitForTimeout(300); // let the last requests finish
		const allBytes = countBytes(sent).bytes;
		if (i === runs - 1) waterfall = sent.map((x) => ({ path: x.path, ms: Math.round(x.at - navigatedAt), bytes: x.bytes }));
		const transfers: Transfer[] = firstPageSent.map((x) => ({ url: `${url}${x.path.replace(/^\//, '')}`, bodyBytes: x.bytes }));
		const { bytes, pagefindBytes } = countBytes(firstPageSent);
		coldRuns.push({
			ms: result.at,
			completeMs: result.completeAt,
			allBytes,
			sinceDomContentLoaded: result.at - dcl,
			bytes,
			pagefindBytes,
			status: result.count,
			transfers: [...transfers],
		});
		log(
			`first query ${i + 1}: ${result.at.toFixed(0)} ms from navigation (${(result.at - dcl).toFixed(0)} ms after DOMContentLoaded; first page complete at ${result.completeAt.toFixed(0)} ms), ${(bytes / 1024).toFixed(1)} KB (${(pagefindBytes / 1024).toFixed(1)} KB Pagefind; ${(allBytes / 1024).toFixed(1)} KB once counted), "${result.count}"`
		);
		if (i === runs - 1) {
			// Warm: the same page, one query after another through the form.
			const ask = async (query: string) => {
				const timed = (await page.evaluate(async (q) => {
					const input = document.querySelector<HTMLInputElement>('#search-query')!;
					const form = document.querySelector<HTMLFormElement>('.search-form')!;
					const wait = (window as unknown as { __waitForResults: (q: string) => Promise<{ at: number; completeAt: number; count: string }> }).__waitForResults;
					input.value = q;
					const start = performance.now();
					const done = wait(q);
					form.requestSubmit();
					const { at, completeAt, count } = await done;
					return { ms: at - start, completeMs: completeAt - start, status: count };
				}, query)) as { ms: number; completeMs: number; status: string };
				// The next query is asked of a page at rest: an identifier's matches counted, as when a reader reads.
				await page.waitForFunction(countingDone);
				return timed;
			};
			// Measured: no profiler, no tracing.
			for (const query of WARM_QUERIES) {
				sent.length = 0;
				const asked = await ask(query);
				warm.push({ query, ...asked, fetchedIndex: sent.some((x) => x.path.startsWith('/pagefind/index/')) });
				warmBytes.push(countBytes(sent).bytes);
			}
			filterItems = await page.evaluate(() => document.querySelectorAll('.search-filter li').length);
			// Pagefind alone, in the same warm page: search, then the data of the first 10 results.
			pagefindOnly = await timePagefindAlone(page, PAGEFIND_QUERIES);
			// The floor under a warm query: one request to the server and back, for files of a result's size.
			const fragments = (await readdir(join(DIST, 'pagefind/fragment'))).sort().slice(0, 20);
			roundTrips = await timeRoundTrips(
				page,
				fragments.map((name) => `/pagefind/fragment/${name}`)
			);
			// Profiled pass: the warm identifiers again, through the form (Pagefind's chunks are now cached, so
			// this is the page's own work plus Pagefind's search without network), under Chromium's CPU
			// profiler and a trace of the renderer's main thread.
			const cdp = await context.newCDPSession(page);
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
			await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
			await cdp.send('Profiler.start');
			for (const query of WARM_QUERIES) cachedPass.push((await ask(query)).ms);
			const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
				profile: { nodes: { id: number; callFrame: { functionName: string; url: string } }[]; samples: number[]; timeDeltas: number[] };
			};
			const trace = JSON.parse((await browser.stopTracing()).toString()) as {
				traceEvents: { name: string; ph: string; dur?: number; tid: number; pid: number }[];
			};
			const self = new Map<string, number>();
			const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
			profile.samples.forEach((id, k) => {
				const n = nodes.get(id)!;
				const key =
					`${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^https?:\/\/[^/]+/, '').replace(/\.[\w-]{8}\.js$/, '.js') || ''}`.trim();
				self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
			});
			pageProfile = [...self.entries()]
				.map(([fn, ms]) => ({ fn, ms }))
				.sort((a, b) => b.ms - a.ms)
				.slice(0, 12);
			const main = trace.traceEvents.find((e) => e.name === 'thread_name' && (e as unknown as { args: { name: string } }).args.name === 'CrRendererMain');
			const totals = new Map<string, number>();
			for (const e of trace.traceEvents) {
				if (e.ph !== 'X' || !e.dur || !main || e.tid !== main.tid || e.pid !== main.pid) continue;
				if (
					![
						'UpdateLayoutTree',
						'Layout',
						'Paint',
						'PrePaint',
						'Layerize',
						'HitTest',
						'ParseHTML',
						'FunctionCall',
						'EventDispatch',
						'TimerFire',
						'RunMicrotasks',
						'v8.run',
						'MajorGC',
						'MinorGC',
						'UpdateLayer',
						'Commit',
					].includes(e.name)
				)
					continue;
				totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
			}
			rendererTrace = [...totals.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
		}
		await context.close();
	}
	// Starlight, in the same browser: fresh contexts, the query typed into its dialog as soon as the box is there.
	const peer = await serveGzip(STARLIGHT_DIST);
	try {
		for (let i = 0; i < runs; i++) {
			const context = await browser.newContext();
			const page = await context.newPage();
			peer.sent.length = 0;
			await page.addInitScript(`window.__first = (${typeOnArrival.toString()})(${JSON.stringify(FIRST_QUERY)});`);
			await page.goto(`${peer.url}${STARLIGHT_START}`, { waitUntil: 'commit' });
			const result = (await page.evaluate('window.__first')) as { typedAt: number; at: number; status: string };
			await page.waitForTimeout(300); // let the last requests finish
			starlightCold.push({ ms: result.at, sinceTyped: result.at - result.typedAt, status: result.status, ...countBytes(peer.sent) });
			const last = starlightCold.at(-1)!;
			log(
				`starlight first query ${i + 1}: ${last.ms.toFixed(0)} ms from navigation (typed at ${result.typedAt.toFixed(0)} ms), ${(last.bytes / 1024).toFixed(1)} KB (${(last.pagefindBytes / 1024).toFixed(1)} KB Pagefind), "${last.status}"`
			);
			if (i === runs - 1) {
				starlightByPath = peer.sent.map((x) => ({ path: x.path, bytes: x.bytes }));
				for (const query of WARM_QUERIES) {
					peer.sent.length = 0;
					starlightWarm.push({ ...(await typeWarmQueries(page, [query]))[0]!, bytes: countBytes(peer.sent).bytes });
				}
				starlightPagefindOnly = await timePagefindAlone(page, PAGEFIND_QUERIES);
			}
			await context.close();
		}
	} finally {
		peer.server.close();
	}
} finally {
	await browser.close();
	server.close();
}

// --- Report ----------------------------------------------------------------------------------------
const warmMedian = median(warm.map((w) => w.ms));
const pfSearch = median(pagefindOnly.map((p) => p.searchMs));
const pfData = median(pagefindOnly.map((p) => p.dataMs));
const warmBytesMedian = warmBytes.length ? median(warmBytes) : 0;
const warmP90 = [...warm.map((w) => w.ms)].sort((a, b) => a - b)[Math.floor(warm.length * 0.9)]!;
const firstMedian = median(coldRuns.map((r) => r.ms));
const firstAfterDcl = median(coldRuns.map((r) => r.sinceDomContentLoaded));
const last = coldRuns[coldRuns.length - 1]!;
const bytesMedian = median(coldRuns.map((r) => r.bytes));
const pagefindMedian = median(coldRuns.map((r) => r.pagefindBytes));
const byKind = new Map<string, number>();
for (const t of last.transfers) {
	const path = new URL(t.url).pathname;
	const kind = path.startsWith('/pagefind/')
		? `pagefind: ${path
				.replace(/^\/pagefind\//, '')
				.replace(/[._-][0-9a-f]{6,}.*$/, '…')
				.replace(/\/.*$/, '/…')}`
		: path.startsWith('/_astro/')
			? `site: ${path.replace(/\.[\w-]+\.(js|css)$/, '.$1')}`
			: `site: ${path}`;
	byKind.set(kind, (byKind.get(kind) ?? 0) + t.bodyBytes);
}
const out = {
	date: new Date().toISOString(),
	machine: {
		cpu: cpus()[0]?.model.trim(),
		cores: cpus().length,
		ramGiB: Number((totalmem() / 1024 ** 3).toFixed(1)),
		node: process.version,
		loadAtStart,
		loadAtEnd: loadavg(),
	},
	summary,
	pages,
	indexBytes,
	indexFiles,
	buildMs,
	firstQuery: FIRST_QUERY,
	coldRuns: coldRuns.map(({ transfers, ...r }) => ({ ...r, requests: transfers.length })),
	warm,
	warmBytes,
	pagefindOnly,
	roundTrips,
	waterfall,
	pageProfile,
	filterItems,
	cachedPass,
	rendererTrace,
	pfSearch,
	pfData,
	warmMedian,
	warmP90,
	firstMedian,
	firstAfterDcl,
	bytesMedian,
	pagefindMedian,
	byKind: Object.fromEntries(byKind),
	starlight: {
		versions: starlightVersions,
		buildMs: starlightBuild?.buildMs,
		pages: starlightPages,
		startPage: STARLIGHT_START,
		coldRuns: starlightCold,
		warm: starlightWarm,
		pagefindOnly: starlightPagefindOnly,
		byPath: starlightByPath,
	},
};
await writeFile(join(WORK, 'search-results.json'), `${JSON.stringify(out, null, 2)}\n`);
log(
	`warm median ${warmMedian.toFixed(1)} ms (p90 ${warmP90.toFixed(1)}), first ${firstMedian.toFixed(0)} ms, ${(bytesMedian / 1024).toFixed(1)} KB (${(pagefindMedian / 1024).toFixed(1)} KB Pagefind)`
);

const peerFirst = median(starlightCold.map((r) => r.ms));
const peerSinceTyped = median(starlightCold.map((r) => r.sinceTyped));
const peerBytes = median(starlightCold.map((r) => r.bytes));
const peerPagefindBytes = median(starlightCold.map((r) => r.pagefindBytes));
const peerWarm = median(starlightWarm.map((w) => w.ms));
const peerPfSearch = median(starlightPagefindOnly.map((p) => p.searchMs));
const peerPfData = median(starlightPagefindOnly.map((p) => p.dataMs));
log(
	`starlight: first ${peerFirst.toFixed(0)} ms (${peerSinceTyped.toFixed(0)} ms after typing), ${(peerBytes / 1024).toFixed(1)} KB; warm median ${peerWarm.toFixed(1)} ms (typing pause included)`
);

const fixedPagefind = [...byKind.entries()]
	.filter(([k]) => /^pagefind: (pagefind\.js|pagefind-entry|wasm\.|pagefind\.en)/.test(k))
	.reduce((sum, [, v]) => sum + v, 0);
const chunkNames = await readdir(join(DIST, 'pagefind/index'));
const medianChunk = median(await Promise.all(chunkNames.map(async (name) => (await stat(join(DIST, 'pagefind/index', name))).size)));

if (!values['no-write']) {
	const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
	const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
	const m = out.machine;
	const sl = starlightVersions;
	const ms = (x: number) => `${x.toFixed(0)} ms`;
	const body = `
Command: \`npm run bench:search\` (bench/search/run.ts), ${out.date.slice(0, 10)}. Archive: \`npm run bench:archive -- --preset search\`
(seed 42): ${summary.retros} retros, ${summary.decisions} decisions, ${summary.experiments} experiments, ${summary.people} people, ${summary.runs.toLocaleString('en')} runs,
built with Hindsight into **${pages} pages**${buildMs ? ` in ${(buildMs / 1000).toFixed(0)} s` : ''}; the Pagefind bundle is ${indexFiles} files, ${kb(indexBytes)} on disk.
The peer, in the same run: Starlight ${sl.starlight} (astro ${sl.astro}, its defaults: a sidebar of every page, Pagefind's default UI in a
dialog) over the same ${summary.retros + summary.decisions + summary.experiments} MDX files, components stripped as the build benchmark copies them, built into ${starlightPages} pages${starlightBuild ? ` in ${(starlightBuild.buildMs / 1000).toFixed(0)} s` : ''}.
Each site is served by a tiny gzip-serving static server on 127.0.0.1 (bench/search/serve-gzip.ts: text types gzip level 6, Pagefind's
own pre-compressed files as they are) and driven in the same Debian Chromium (headless, playwright-core). Bytes are the **compressed
response bodies as sent**, counted at the server (a fresh context has an empty cache, so every byte crosses the server);
headers not counted.

How each site is asked. Hindsight: a search is a page, \`/search/?q=…\` (the header's search box opens it); its script runs
Pagefind on the main thread and asks ahead for pagefind.js, the entry file and the WASM. Starlight: a doc page
(\`/${STARLIGHT_START}\`) whose search button opens a dialog; Pagefind's UI is loaded when the page is idle, and searches ${TYPING_PAUSE_MS} ms
after the last keystroke (its default, which Starlight keeps). Its first query is typed the moment the dialog's box exists;
each warm query is typed into the open dialog. Times run from navigation start (first query) or from the query entered
(warm) to the first result link shown, index loading included.

Machine: ${m.cores} × ${m.cpu}, ${m.ramGiB} GiB RAM, Node ${m.node}; load average ${loadAtStart.map((x) => x.toFixed(2)).join(' / ')} at the start,
${m.loadAtEnd.map((x) => x.toFixed(2)).join(' / ')} at the end (shared machine).

| | Hindsight | Starlight ${sl.starlight} |
|---|---|---|
| pages in the index | ${pages} | ${starlightPages} |
| first query, navigation → first result shown (median of ${coldRuns.length}) | **${ms(firstMedian)}** (${coldRuns.map((r) => r.ms.toFixed(0)).join(', ')}) | **${ms(peerFirst)}** (${starlightCold.map((r) => r.ms.toFixed(0)).join(', ')}) |
| of which after the query was entered | the whole (the query is in the address) | ${ms(peerSinceTyped)}, the ${TYPING_PAUSE_MS} ms typing pause included |
| bytes fetched for the first query (median) | **${kb(bytesMedian)}**, ${kb(pagefindMedian)} of it Pagefind | **${kb(peerBytes)}**, ${kb(peerPagefindBytes)} of it Pagefind |
| warm query, entered → first result shown (median of ${warm.length}) | **${warmMedian.toFixed(1)} ms** (submitted) | **${peerWarm.toFixed(1)} ms** (typed; the ${TYPING_PAUSE_MS} ms pause included) |
| Pagefind alone in a warm page: search + data of 10 results (median of ${pagefindOnly.length}) | ${pfSearch.toFixed(1)} + ${pfData.toFixed(1)} ms | ${peerPfSearch.toFixed(1)} + ${peerPfData.toFixed(1)} ms |

| target | figure | |
|---|---|---|
| first query ≤ Starlight's | ${ms(firstMedian)} against ${ms(peerFirst)} (${(firstMedian / peerFirst).toFixed(2)}×); against Starlight's time after typing, ${ms(peerSinceTyped)}: ${(firstMedian / peerSinceTyped).toFixed(2)}× | ${verdict(firstMedian <= peerFirst)} |
| first-query bytes ≤ Starlight's | ${kb(bytesMedian)} against ${kb(peerBytes)} (${(bytesMedian / peerBytes).toFixed(2)}×) | ${verdict(bytesMedian <= peerBytes)} |
| warm query ≤ 30 ms median | ${warmMedian.toFixed(1)} ms | ${verdict(warmMedian <= 30)} |

Hindsight in detail:

- **First query** (fresh browser context, empty cache; opens \`/search/?q=${FIRST_QUERY}\`; from navigation start to the first
  result link, index loading included): median **${firstMedian.toFixed(0)} ms** of ${coldRuns.length} runs (${coldRuns.map((r) => r.ms.toFixed(0)).join(', ')} ms);
  of which ${firstAfterDcl.toFixed(0)} ms after DOMContentLoaded (loading Pagefind, its WASM and the query). The first page of ten results
  is complete at a median ${median(coldRuns.map((r) => r.completeMs)).toFixed(0)} ms.
- **Bytes fetched for the first query**, asked before its first page was complete: median **${kb(bytesMedian)}** in all (${last.transfers.length} requests: the search page, its CSS and JS, and
  Pagefind), of which ${kb(pagefindMedian)} Pagefind (script, WASM, metadata, index chunks, result fragments). After that page the search
  page loads the filter index for the counts beside the results and, for an identifier, reads the text of its remaining candidates (one
  fragment each) to count those that hold it as written: median ${kb(median(coldRuns.map((r) => r.allBytes)))} in all once that is done.
- **Warm** (same page, ${warm.length} queries for different identifiers through the form, from submit to the first result shown; the next
  query is asked once the last one's page is at rest, its matches counted): median **${warmMedian.toFixed(1)} ms**, 90th percentile ${warmP90.toFixed(1)} ms; complete at a median
  ${median(warm.map((w) => w.completeMs)).toFixed(1)} ms; median ${kb(warmBytesMedian)} fetched per warm query.
- **Pagefind alone**, same warm page, ${pagefindOnly.length} other identifiers not searched before (\`pagefind.search(q)\`, then \`data()\` of the first 10 results): median
  ${pfSearch.toFixed(1)} ms to search + ${pfData.toFixed(1)} ms for the 10 results' data; the rest of the warm figure is the page's own work
  (filter counts and result rendering).
- **The floor under a warm query**: a request from the page to the server and back takes a median ${median(roundTrips).toFixed(1)} ms here
  (${roundTrips.length} result fragments fetched one after another, the HTTP cache bypassed). ${warm.filter((w) => w.fetchedIndex).length} of the ${warm.length} warm
  queries had to fetch part of the index first (their words' chunk was not loaded yet), then their first results' fragments:
  two round trips in sequence, ${(2 * median(roundTrips)).toFixed(1)} ms, before Pagefind's search itself and the page's rendering.

| warm query | first result, ms | first page complete, ms | fetched | asked again once cached (profiled pass), ms | status |
|---|---|---|---|---|---|
${warm.map((w, i) => `| \`${w.query}\` | ${w.ms.toFixed(1)} | ${w.completeMs.toFixed(1)} | ${kb(warmBytes[i] ?? 0)} | ${cachedPass[i]?.toFixed(1) ?? '—'} | ${w.status} |`).join('\n')}

Bytes of the first query, by resource (last run):

| resource | compressed bytes |
|---|---|
${[...byKind.entries()]
	.sort((a, b) => b[1] - a[1])
	.map(([k, v]) => `| ${k} | ${v.toLocaleString('en')} |`)
	.join('\n')}

What any first query needs from Pagefind whatever the page does: its script, entry file, WASM and metadata, ${kb(fixedPagefind)}
(the metadata grows with the page count), plus at least one index chunk (Pagefind cuts the word index into chunks of about
20,000 word positions, ${kb(medianChunk)} compressed at the median here) and the result fragments.

Where the time goes. Waterfall of the first query (last run; ms after navigation when the server received each request):
${waterfall.map((w) => `\`${w.path.replace(/(fragment|index|filter)\/.*/, '$1/…')}\` ${w.ms}`).join(', ')}; results shown at ${last.ms.toFixed(0)} ms.

The same ${WARM_QUERIES.length} warm identifiers asked again through the form, once Pagefind has their chunks (no network left, so
this is Pagefind's search plus the page's own work): median ${median(cachedPass).toFixed(1)} ms. After each query the page
re-renders its result list and its filter lists (${filterItems} filter items after the last query). In that pass, the renderer's
main thread spent (Chromium trace, ms in all for ${WARM_QUERIES.length} queries): ${rendererTrace
		.slice(0, 8)
		.map((t) => `${t.name} ${t.ms.toFixed(0)}`)
		.join(', ')}.
Main-thread CPU profile of that pass (self time, ms in all, top 12; \`wasm-function\` is Pagefind's search;
\`(program)\` is the browser's native work outside JavaScript):

| function | ms |
|---|---|
${pageProfile.map((p) => `| \`${p.fn.replace(/\|/g, '\\|')}\` | ${p.ms.toFixed(1)} |`).join('\n')}

Starlight's first query, by resource (last run): ${starlightByPath.map((x) => `\`${x.path.replace(/(fragment|index)\/.*/, '$1/…')}\` ${x.bytes.toLocaleString('en')}`).join(', ')}.
`;
	await replaceSection(join(ROOT, 'BENCHMARKS.md'), 'Search', body);
	log('BENCHMARKS.md updated');
}
