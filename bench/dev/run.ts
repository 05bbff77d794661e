/**
 * `npm run bench:dev`: the dev-server benchmark. In one run, on this machine, one after the other:
 *
 *  1. Hindsight's `astro dev` on the ten-year benchmark archive (HINDSIGHT_CONTENT, the archive that
 *     `npm run bench:archive` writes);
 *  2. Starlight's `astro dev` over the same MDX files (installed by the build benchmark's helper into
 *     bench/build/work/starlight/, never a dependency of the project).
 *
 * Each starts cold (no content store, no Vite cache). For each: the time from the start of the process to the
 * first complete page (a month page with its runs section; Starlight the same month's retro), with every
 * error answer on the way; the median of ten warm requests of that page; the time from appending a word to
 * the retro to the page that shows it, three times, median; and the peak RSS of the server's process tree.
 * Figures go to bench/dev/work/results.json and to the "Dev server" section of BENCHMARKS.md.
 *
 * Flags: --years N (default 10), --seed S, --month YYYY-MM (default the archive's last June), --no-write.
 */
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
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
const WARM = 10;
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };
const log = (...args: unknown[]) => console.log(`[bench:dev ${new Date().toISOString().slice(11, 19)}]`, ...args);

const machine = readMachine();
log('machine', machine);

await mkdir(WORK, { recursive: true });
const archiveDir = join(BUILD_WORK, `archive-${years}y`);
log(`generating the ${years}-year archive`);
const archive = await generateArchive({ outDir: archiveDir, seed: Number(values.seed), years });
const copies = await writePeerCopies(archiveDir, BUILD_WORK);
const starlight = await setUpStarlight(BUILD_WORK, env, log);
log(`${copies.files} MDX files copied for Starlight`);

/** One server's figures, with the name it is reported under. */
type Session = ServerFigures & { label: string };

/** Starts one server, measures it as the header says, and stops it. */
async function measureServer(
	label: string,
	argv: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; url: string; isComplete: (text: string) => boolean; retroFile: string }
): Promise<Session> {
	const server = startDevServer(argv, { cwd: options.cwd, env: options.env, logFile: join(WORK, `${label}.log`) });
	try {
		const first = await waitForPage(options.url, options.isComplete, server.startedAt, { timeoutMs: 600_000, pollMs: 100 });
		log(`${label}: first complete page after ${(first.ms / 1000).toFixed(2)} s (${first.page.text.length} bytes), ${first.errors.length} errors`);
		const errors = [...first.errors];
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
		return { label, firstPageMs: first.ms, firstPageBytes: first.page.text.length, errors, warmMs, editMs, peakRssBytes: server.peakRss() };
	} finally {
		await server.stop();
		log(`${label}: stopped; peak tree RSS ${(server.peakRss() / 1024 / 1024).toFixed(0)} MB`);
	}
}

const freshDirs = async (...dirs: string[]) => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
const hasRunsSection = (text: string) => text.includes('</html>') && text.includes('id="runs"');

// Cold: Astro's dev content store (.astro/) and both caches emptied.
const hindsightCache = join(WORK, 'hindsight-cache');
await freshDirs(join(ROOT, '.astro'), hindsightCache);
const hindsight = await measureServer(
	'hindsight',
	[
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
	{
		cwd: ROOT,
		env: { ...env, HINDSIGHT_CONTENT: archiveDir, BENCH_CACHE_DIR: hindsightCache },
		url: `http://127.0.0.1:4411/months/${month}/`,
		isComplete: hasRunsSection,
		retroFile: join(archiveDir, 'retros', `${month}.mdx`),
	}
);

const starlightCache = join(WORK, 'starlight-cache');
await freshDirs(join(starlight.dir, '.astro'), join(starlight.dir, 'node_modules/.vite'), starlightCache);
const peer = await measureServer(
	'starlight',
	[process.execPath, join(starlight.dir, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', '4412', '--host', '127.0.0.1'],
	{
		cwd: starlight.dir,
		env: { ...env, BENCH_CACHE_DIR: starlightCache },
		url: `http://127.0.0.1:4412/retros/${month}/`,
		isComplete: (text) => text.includes('</html>'),
		retroFile: starlightDocPath(BUILD_WORK, 'retros', `${month}.mdx`),
	}
);

const output = {
	date: new Date().toISOString(),
	machine: { ...machine, loadAtEnd: loadavg().map((x) => Number(x.toFixed(2))) },
	years,
	month,
	archive,
	documents: copies.files,
	starlightVersions: { starlight: starlight.starlight, astro: starlight.astro },
	astro: (JSON.parse(await readFile(join(ROOT, 'node_modules/astro/package.json'), 'utf8')) as { version: string }).version,
	hindsight,
	starlight: peer,
};
await writeFile(join(WORK, 'results.json'), `${JSON.stringify(output, null, 2)}\n`);
log('results in', join(WORK, 'results.json'));
if (!values['no-write']) {
	const { writeDevSection } = await import('./report.ts');
	await writeDevSection(join(ROOT, 'BENCHMARKS.md'), output);
	log('BENCHMARKS.md updated');
}
