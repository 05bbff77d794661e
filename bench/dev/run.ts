/**
 * `npm run bench:dev`: the dev-server benchmark. In one run, on this machine, one after the other:
 *
 *  1. Hindsight's `astro dev` on the ten-year benchmark archive (HINDSIGHT_CONTENT, the archive that
 *     `npm run bench:archive` writes);
 *  2. Starlight's `astro dev` over the same MDX files (installed by the build benchmark's helper into
 *     bench/build/work/starlight/, never a dependency of the project);
 *  3. for what the run digests cost, Hindsight's `astro dev` on a copy of that archive without them (first page only).
 *
 * Each starts cold (no content store, no Vite cache), three times, the two servers taking turns, so that a busy
 * spell of the shared machine falls on both. For each: the time from the start of the process to the
 * first complete page (median of the three) (a month page with its runs section; Starlight the same month's retro), with every
 * error answer on the way; the median of ten warm requests of that page; the time from appending a word to
 * the retro to the page that shows it, three times, median; and the peak RSS of the server's process tree.
 * Figures go to bench/dev/work/results.json and to the "Dev server" section of BENCHMARKS.md.
 *
 * Flags: --years N (default 10), --seed S, --month YYYY-MM (default the archive's last June), --no-write.
 */
import { appendFile, cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { readRunIndex, updateRunIndex } from '../../src/archive/run-index.ts';
import { validateArchiveFiles } from '../../src/archive/validate-archive.ts';
import { listMonthDigests } from '../../src/model/month-digests.ts';
import { FULL, generateArchive } from '../archive/generate.ts';
import { setUpStarlight, starlightDocPath, writePeerCopies } from '../build/starlight.ts';
import { readMachine } from '../report-section.ts';
import { fetchPage, startDevServer, waitForPage } from './dev-server.ts';
import type { Session as ServerFigures } from './report.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD_WORK = join(ROOT, 'bench/build/work');
const WORK = join(ROOT, 'bench/dev/work');
const { values } = parseArgs({
	options: {
		years: { type: 'string', default: String(FULL.years) },
		seed: { type: 'string', default: '42' },
		month: { type: 'string', default: '2025-06' },
		'no-write': { type: 'boolean', default: false },
	},
});
const years = Number(values.years);
const month = values.month!;
const EDITS = 3;
const COLD_STARTS = 3;
const WARM = 10;
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };
const log = (...args: unknown[]) => console.log(`[bench:dev ${new Date().toISOString().slice(11, 19)}]`, ...args);

const machine = readMachine();
log('machine', machine);

await mkdir(WORK, { recursive: true });
const archiveDir = join(BUILD_WORK, `archive-${years}y`);
log(`generating the ${years}-year archive`);
const archive = await generateArchive({ outDir: archiveDir, seed: Number(values.seed), years });
const digestsShown = await countDigestsShown(archiveDir, month);
log(`the month page is built from ${digestsShown.read} of ${digestsShown.total} digests`);
const copies = await writePeerCopies(archiveDir, BUILD_WORK);
const starlight = await setUpStarlight(BUILD_WORK, env, log);
// The same archive without its run digests: the entries alone.
const entriesOnlyDir = join(BUILD_WORK, `archive-${years}y-without-digests`);
await rm(entriesOnlyDir, { recursive: true, force: true });
await cp(archiveDir, entriesOnlyDir, { recursive: true, filter: (path) => !path.startsWith(`${join(archiveDir, 'runs')}${sep}`) });
log(`${copies.files} MDX files copied for Starlight`);

/** How many of the archive's digests the dev server reads for the month page, by the run index. */
async function countDigestsShown(contentDir: string, page: string): Promise<{ read: number; total: number }> {
	const { archive: entries } = await validateArchiveFiles(contentDir, ROOT, { deferDigests: true });
	const { index } = await readRunIndex(contentDir);
	if (!index) throw new Error(`${contentDir}: the generator wrote no run index`);
	return { read: listMonthDigests(page, index, entries).size, total: index.digests.length };
}

/** One server's figures, with the name it is reported under. */
type Session = ServerFigures & { label: string };

/** How one server is started and asked. */
interface ServerCase {
	label: string;
	argv: string[];
	cwd: string;
	env: NodeJS.ProcessEnv;
	url: string;
	isComplete: (text: string) => boolean;
	retroFile: string;
	digestFile?: string;
	/** Emptied before each start: the content store and caches, so that every start is cold. */
	coldDirs: string[];
}

/**
 * Starts one server cold and waits for its first complete page; then, if `measureMore`, measures it as the
 * header says. Stops it.
 */
async function measureServer(options: ServerCase, start: number, measureMore: boolean): Promise<Session> {
	const { label } = options;
	await Promise.all(options.coldDirs.map((dir) => rm(dir, { recursive: true, force: true })));
	const server = startDevServer(options.argv, { cwd: options.cwd, env: options.env, logFile: join(WORK, `${label}-${start}.log`) });
	try {
		const first = await waitForPage(options.url, options.isComplete, server.startedAt, { timeoutMs: 600_000, pollMs: 100 });
		log(
			`${label}: cold start ${start}, first complete page after ${(first.ms / 1000).toFixed(2)} s (${first.page.text.length} bytes), ${first.errors.length} errors`
		);
		const figures = { label, firstPageMs: [first.ms], firstPageBytes: first.page.text.length, errors: [...first.errors], warmMs: [], editMs: [], digestMs: [] };
		if (!measureMore) return { ...figures, peakRssBytes: server.peakRss() };
		const { errors } = figures;
		await fetchPage(options.url);
		const warmMs: number[] = [];
		for (let i = 0; i < WARM; i++) {
			const page = await fetchPage(options.url);
			if (page.status !== 200 || !options.isComplete(page.text)) errors.push(`warm request: status ${page.status}, ${page.text.length} bytes`);
			warmMs.push(page.ms);
		}
		log(`${label}: warm ${warmMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
		const editMs: number[] = [];
		for (let i = 0; i < EDITS; i++) {
			const word = `benchedit${Date.now().toString(36)}x${i}`;
			const since = performance.now();
			await appendFile(options.retroFile, `\n\n${word}\n`);
			const seen = await waitForPage(options.url, (text) => text.includes(word), since, { timeoutMs: 300_000, pollMs: 50 });
			errors.push(...seen.errors.map((error) => `after edit ${i + 1}: ${error}`));
			editMs.push(seen.ms);
			log(`${label}: edit ${i + 1} visible after ${seen.ms.toFixed(0)} ms`);
			// Lets the server settle (the content store's debounced write, the search index) before the next edit
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
		const digestMs = options.digestFile ? await measureDigestRewrites(label, options.url, options.digestFile, errors) : [];
		return { ...figures, warmMs, editMs, digestMs, peakRssBytes: server.peakRss() };
	} finally {
		await server.stop();
		log(`${label}: stopped; peak tree RSS ${(server.peakRss() / 1024 / 1024).toFixed(0)} MB`);
	}
}
/** Renames the first run of a digest, as a new ingest would write it (a new file renamed into place, then the run index), until the page shows it; three times, then the digest is put back. */
/** Renames the first run of a digest, as a new ingest would write it (a new file renamed into place), until the page shows it; three times, then the digest is put back. */
async function measureDigestRewrites(label: string, url: string, digestFile: string, errors: string[]): Promise<number[]> {
	const original = await readFile(digestFile, 'utf8');
	const times: number[] = [];
	try {
		for (let i = 0; i < EDITS; i++) {
			const name = `benchrun${Date.now().toString(36)}x${i}`;
			const digest = JSON.parse(original) as { runs: { name: string | null }[] };
			digest.runs[0]!.name = name;
			const since = performance.now();
			await writeFile(`${digestFile}.tmp`, JSON.stringify(digest));
			await rename(`${digestFile}.tmp`, digestFile);
			await updateRunIndex(dirname(digestFile), new Set([basename(digestFile, '.json')]));
			const seen = await waitForPage(url, (text) => text.includes(name), since, { timeoutMs: 300_000, pollMs: 50 });
			errors.push(...seen.errors.map((error) => `after digest rewrite ${i + 1}: ${error}`));
			times.push(seen.ms);
			log(`${label}: digest rewrite ${i + 1} visible after ${seen.ms.toFixed(0)} ms`);
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	} finally {
		await writeFile(digestFile, original);
		await updateRunIndex(dirname(digestFile), new Set([basename(digestFile, '.json')]));
	}
	return times;
}

const hindsightCase: ServerCase = {
	label: 'hindsight',
	argv: [
		process.execPath,
		join(ROOT, 'node_modules/astro/bin/astro.mjs'),
		'dev',
		'--config',
		'bench/build/hindsight.config.mjs',
		'--port',
		'4411',
		'--host',
		'127.0.0.1',
	],
	cwd: ROOT,
	env: { ...env, HINDSIGHT_CONTENT: archiveDir, BENCH_CACHE_DIR: join(WORK, 'hindsight-cache') },
	url: `http://127.0.0.1:4411/months/${month}/`,
	isComplete: (text) => text.includes('</html>') && text.includes('id="runs"'),
	retroFile: join(archiveDir, 'retros', `${month}.mdx`),
	digestFile: join(archiveDir, 'runs', `${month}.json`),
	coldDirs: [join(ROOT, '.astro'), join(WORK, 'hindsight-cache')],
};
// Hindsight on the archive without its digests is measured to its first page only: it has no digest to rewrite.
const { digestFile: _, ...firstPageOnly } = hindsightCase;
const entriesOnlyCase: ServerCase = {
	...firstPageOnly,
	label: 'hindsight-without-digests',
	env: { ...hindsightCase.env, HINDSIGHT_CONTENT: entriesOnlyDir },
	retroFile: join(entriesOnlyDir, 'retros', `${month}.mdx`),
};
const starlightCase: ServerCase = {
	label: 'starlight',
	argv: [process.execPath, join(starlight.dir, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', '4412', '--host', '127.0.0.1'],
	cwd: starlight.dir,
	env: { ...env, BENCH_CACHE_DIR: join(WORK, 'starlight-cache') },
	url: `http://127.0.0.1:4412/retros/${month}/`,
	isComplete: (text) => text.includes('</html>'),
	retroFile: starlightDocPath(BUILD_WORK, 'retros', `${month}.mdx`),
	coldDirs: [join(starlight.dir, '.astro'), join(starlight.dir, 'node_modules/.vite'), join(WORK, 'starlight-cache')],
};

/** Folds one more cold start of a server into its figures so far: first pages listed, errors and peak memory kept. */
function foldStart(so: Session | undefined, next: Session): Session {
	if (!so) return next;
	const firstPageMs = [...so.firstPageMs, ...next.firstPageMs];
	return { ...next, firstPageMs, errors: [...so.errors, ...next.errors], peakRssBytes: Math.max(so.peakRssBytes, next.peakRssBytes) };
}

let hindsightSoFar: Session | undefined;
let peerSoFar: Session | undefined;
let entriesOnlySoFar: Session | undefined;
// The last start of each of the two goes on to the warm requests and edits.
for (let start = 1; start <= COLD_STARTS; start++) {
	hindsightSoFar = foldStart(hindsightSoFar, await measureServer(hindsightCase, start, start === COLD_STARTS));
	peerSoFar = foldStart(peerSoFar, await measureServer(starlightCase, start, start === COLD_STARTS));
	entriesOnlySoFar = foldStart(entriesOnlySoFar, await measureServer(entriesOnlyCase, start, false));
}
const hindsight = hindsightSoFar!;
const peer = peerSoFar!;
const withoutDigests = entriesOnlySoFar!;

const output = {
	date: new Date().toISOString(),
	machine: { ...machine, loadAtEnd: loadavg().map((x) => Number(x.toFixed(2))) },
	years,
	month,
	archive,
	digestsShown,
	documents: copies.files,
	starlightVersions: { starlight: starlight.starlight, astro: starlight.astro },
	astro: (JSON.parse(await readFile(join(ROOT, 'node_modules/astro/package.json'), 'utf8')) as { version: string }).version,
	hindsight,
	starlight: peer,
	withoutDigests,
};
await writeFile(join(WORK, 'results.json'), `${JSON.stringify(output, null, 2)}\n`);
log('results in', join(WORK, 'results.json'));
if (!values['no-write']) {
	const { writeDevSection } = await import('./report.ts');
	await writeDevSection(join(ROOT, 'BENCHMARKS.md'), output);
	log('BENCHMARKS.md updated');
}
