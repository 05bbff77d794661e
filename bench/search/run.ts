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
 * Flags: --reuse (keep an existing build), --no-write (leave BENCHMARKS.md alone), --cold-runs N (default 5).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../../tests/e2e/browser.ts';
import { generateArchive, SEARCH_PRESET } from '../archive/generate.ts';
import { replaceSection } from '../report-section.ts';
import { serveGzip } from './serve-gzip.ts';

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

interface Transfer {
	url: string;
	bodyBytes: number;
}

/** In the page: waits until the results for `query` are on screen; resolves with performance.now(). */
const waitForResults = (query: string) =>
	new Promise<{ at: number; count: string }>((done) => {
		const check = () => {
			const status = document.querySelector('.search-status')?.textContent ?? '';
			const busy = document.querySelector('.search-results')?.getAttribute('aria-busy');
			const links = document.querySelectorAll('.search-result-link').length;
			if (status.includes(`“${query}”`) && (links > 0 || status.startsWith('0 ')) && busy === 'false') {
				done({ at: performance.now(), count: status });
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

const { url, server, sent } = await serveGzip(DIST);
const browser = await launchChromium();
const coldRuns: { ms: number; sinceDomContentLoaded: number; bytes: number; pagefindBytes: number; status: string; transfers: Transfer[] }[] = [];
const warm: { query: string; ms: number; status: string }[] = [];
let waterfall: { path: string; ms: number; bytes: number }[] = [];
let filterItems = 0;
const cachedPass: number[] = [];
let rendererTrace: { name: string; ms: number }[] = [];
let pageProfile: { fn: string; ms: number }[] = [];
let pagefindOnly: { query: string; searchMs: number; dataMs: number }[] = [];
const warmBytes: number[] = [];
try {
	const runs = Number(values['cold-runs']);
	for (let i = 0; i < runs; i++) {
		const context = await browser.newContext();
		const page = await context.newPage();
		sent.length = 0;
		const navigatedAt = performance.now();
		await page.addInitScript(`window.__waitForResults = ${waitForResults.toString()};`);
		await page.goto(`${url}search/?q=${encodeURIComponent(FIRST_QUERY)}`, { waitUntil: 'commit' });
		const result = (await page.evaluate(`window.__waitForResults(${JSON.stringify(FIRST_QUERY)})`)) as { at: number; count: string };
		const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
		await page.waitForTimeout(300); // let the last requests finish
		if (i === runs - 1) waterfall = sent.map((x) => ({ path: x.path, ms: Math.round(x.at - navigatedAt), bytes: x.bytes }));
		const transfers: Transfer[] = sent.map((x) => ({ url: `${url}${x.path.replace(/^\//, '')}`, bodyBytes: x.bytes }));
		const bytes = transfers.reduce((sum, t) => sum + t.bodyBytes, 0);
		const pagefindBytes = transfers.filter((t) => t.url.includes('/pagefind/')).reduce((sum, t) => sum + t.bodyBytes, 0);
		coldRuns.push({ ms: result.at, sinceDomContentLoaded: result.at - dcl, bytes, pagefindBytes, status: result.count, transfers: [...transfers] });
		log(
			`first query ${i + 1}: ${result.at.toFixed(0)} ms from navigation (${(result.at - dcl).toFixed(0)} ms after DOMContentLoaded), ${(bytes / 1024).toFixed(1)} KB (${(pagefindBytes / 1024).toFixed(1)} KB Pagefind), "${result.count}"`
		);
		if (i === runs - 1) {
			// Warm: the same page, one query after another through the form.
			const ask = async (query: string) =>
				(await page.evaluate(async (q) => {
					const input = document.querySelector<HTMLInputElement>('#search-query')!;
					const form = document.querySelector<HTMLFormElement>('.search-form')!;
					const wait = (window as unknown as { __waitForResults: (q: string) => Promise<{ at: number; count: string }> }).__waitForResults;
					input.value = q;
					const start = performance.now();
					const done = wait(q);
					form.requestSubmit();
					const { at, count } = await done;
					return { ms: at - start, status: count };
				}, query)) as { ms: number; status: string };
			// Measured: no profiler, no tracing.
			for (const query of WARM_QUERIES) {
				sent.length = 0;
				warm.push({ query, ...(await ask(query)) });
				warmBytes.push(sent.reduce((sum, x) => sum + x.bytes, 0));
			}
			filterItems = await page.evaluate(() => document.querySelectorAll('.search-filter li').length);
			// Pagefind alone, in the same warm page: search, then the data of the first 10 results.
			pagefindOnly = (await page.evaluate(async (queries) => {
				const bundle = '/pagefind/pagefind.js';
				const pf = await import(/* @vite-ignore */ bundle);
				const out: { query: string; searchMs: number; dataMs: number }[] = [];
				for (const q of queries) {
					const t0 = performance.now();
					const s = await pf.search(q);
					const t1 = performance.now();
					await Promise.all(s.results.slice(0, 10).map((r: { data: () => Promise<unknown> }) => r.data()));
					out.push({ query: q, searchMs: t1 - t0, dataMs: performance.now() - t1 });
				}
				return out;
			}, PAGEFIND_QUERIES)) as typeof pagefindOnly;
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
} finally {
	await browser.close();
	server.close();
}

// --- Report ----------------------------------------------------------------------------------------
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
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
};
await writeFile(join(WORK, 'search-results.json'), `${JSON.stringify(out, null, 2)}\n`);
log(
	`warm median ${warmMedian.toFixed(1)} ms (p90 ${warmP90.toFixed(1)}), first ${firstMedian.toFixed(0)} ms, ${(bytesMedian / 1024).toFixed(1)} KB (${(pagefindMedian / 1024).toFixed(1)} KB Pagefind)`
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
	const body = `
Command: \`npm run bench:search\` (bench/search/run.ts), ${out.date.slice(0, 10)}. Archive: \`npm run bench:archive -- --preset search\`
(seed 42): ${summary.retros} retros, ${summary.decisions} decisions, ${summary.experiments} experiments, ${summary.people} people, ${summary.runs.toLocaleString('en')} runs,
built with Hindsight into **${pages} pages**${buildMs ? ` in ${(buildMs / 1000).toFixed(0)} s` : ''}; the Pagefind bundle is ${indexFiles} files, ${kb(indexBytes)} on disk.
Served by a tiny gzip-serving static server on 127.0.0.1 (bench/search/serve-gzip.ts: text types gzip level 6, Pagefind's
own pre-compressed files as they are), driven in Debian's Chromium (headless, playwright-core). Bytes are the **compressed
response bodies as sent**, counted at the server (a fresh context has an empty cache, so every byte crosses the server).
Headers not counted. The search page runs Pagefind on the main thread (\`noWorker\`) and asks ahead
(\`<link rel="modulepreload">\`, \`<link rel="preload">\`) for pagefind.js, the entry file and the WASM.

Machine: ${m.cores} × ${m.cpu}, ${m.ramGiB} GiB RAM, Node ${m.node}; load average ${loadAtStart.map((x) => x.toFixed(2)).join(' / ')} at the start,
${m.loadAtEnd.map((x) => x.toFixed(2)).join(' / ')} at the end (shared machine).

- **First query** (fresh browser context, empty cache; opens \`/search/?q=${FIRST_QUERY}\`; from navigation start to the first
  result link, index loading included): median **${firstMedian.toFixed(0)} ms** of ${coldRuns.length} runs (${coldRuns.map((r) => r.ms.toFixed(0)).join(', ')} ms);
  of which ${firstAfterDcl.toFixed(0)} ms after DOMContentLoaded (loading Pagefind, its WASM, the filter index and the query).
- **Bytes fetched for the first query**: median **${kb(bytesMedian)}** in all (${last.transfers.length} requests: the search page, its CSS and JS, and
  Pagefind), of which ${kb(pagefindMedian)} Pagefind (script, WASM, metadata, index chunks, filter chunks, result fragments).
- **Warm** (same page, ${warm.length} queries for different identifiers through the form, from submit to results rendered):
  median **${warmMedian.toFixed(1)} ms**, 90th percentile ${warmP90.toFixed(1)} ms; median ${kb(warmBytesMedian)} fetched per warm query.
- **Pagefind alone**, same warm page, ${pagefindOnly.length} other identifiers not searched before (\`pagefind.search(q)\`, then \`data()\` of the first 10 results): median
  ${pfSearch.toFixed(1)} ms to search + ${pfData.toFixed(1)} ms for the 10 results' data; the rest of the warm figure is the page's own work
  (filter counts and result rendering).

| warm query | ms | fetched | asked again once cached (profiled pass), ms | status |
|---|---|---|---|---|
${warm.map((w, i) => `| \`${w.query}\` | ${w.ms.toFixed(1)} | ${kb(warmBytes[i] ?? 0)} | ${cachedPass[i]?.toFixed(1) ?? '—'} | ${w.status} |`).join('\n')}

Bytes of the first query, by resource (last run):

| resource | compressed bytes |
|---|---|
${[...byKind.entries()]
	.sort((a, b) => b[1] - a[1])
	.map(([k, v]) => `| ${k} | ${v.toLocaleString('en')} |`)
	.join('\n')}

| target | figure | |
|---|---|---|
| warm query ≤ 30 ms | ${warmMedian.toFixed(1)} ms | ${verdict(warmMedian <= 30)} |
| first query ≤ 200 ms | ${firstMedian.toFixed(0)} ms | ${verdict(firstMedian <= 200)} |
| ≤ 100 KB fetched for the first query | ${kb(bytesMedian)} in all, ${kb(pagefindMedian)} of it Pagefind | ${verdict(bytesMedian <= 100 * 1024)} |

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

For scale (from the issue, not measured here): Starlight over 1,200 pages ≈ 30 ms warm, 225 ms first query.
`;
	await replaceSection(join(ROOT, 'BENCHMARKS.md'), 'Search', body);
	log('BENCHMARKS.md updated');
}
