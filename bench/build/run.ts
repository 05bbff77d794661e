/**
 * `npm run bench:build`: the build benchmark. In one run, on this machine, over the same MDX files:
 *
 *  1. Hindsight's full build of the generated archive (astro build with HINDSIGHT_CONTENT; the search
 *     index is made by its integration at astro:build:done);
 *  2. the floor: bare Astro + @astrojs/mdx with the same unified + remark-gfm processor, one minimal
 *     page per MDX file (bench/build/floor/), then the Pagefind CLI over its output;
 *  3. the peer: Starlight (installed by this script into bench/build/work/starlight/) over the same MDX files;
 *  4. Hindsight on the half archive (5 years), for linearity;
 *  5. for reference, the floor again with Astro 7's default Markdown processor (Sätteri), which Starlight uses:
 *     it shows what the processor alone costs, since Hindsight must use unified with remark-gfm;
 *  6. two parts of Hindsight's own work, each alone: reading and validating the run digests
 *     (digest-check.ts), and the Pagefind CLI over what Hindsight's search step indexes (search-input.ts),
 *     to set against what the time targets leave over the floor.
 *
 * Builds run one after the other, each cold (its cache and output folders emptied first); Hindsight's with the
 * environment `npm run build` sets. Figures go to
 * bench/build/work/results-<years>y.json and to the "Build" section of BENCHMARKS.md.
 *
 * Flags: --years N (default 10), --seed S, --only hindsight,floor,starlight,half,floor-default, --no-write (leave BENCHMARKS.md alone),
 * --no-components (an archive whose bodies use no MDX components, so all three build identical bodies; figures go to
 * results-<years>y-plain.json and BENCHMARKS.md is left alone).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL, generateArchive } from '../archive/generate.ts';
import { readMachine } from '../report-section.ts';
import { type Measured, measure } from './measure.ts';
import { measurePageWeight, quantile } from './page-weight.ts';
import { writeSearchInput } from './search-input.ts';
import { setUpStarlight, writePeerCopies } from './starlight.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WORK = join(ROOT, 'bench/build/work');
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
const { values } = parseArgs({
	options: {
		years: { type: 'string', default: String(FULL.years) },
		seed: { type: 'string', default: '42' },
		only: { type: 'string' },
		'no-write': { type: 'boolean', default: false },
		'no-components': { type: 'boolean', default: false },
	},
});
const components = !values['no-components'];
const years = Number(values.years);
const halfYears = Math.max(1, Math.round(years / 2));
const seed = Number(values.seed);
const only = new Set((values.only ?? 'hindsight,floor,starlight,half,floor-default').split(','));
const hasTime = existsSync('/usr/bin/time');
const baseEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
// Hindsight is built with the environment `npm run build` sets (its allocator settings), read from package.json
const packageJson = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const npmBuildEnv = Object.fromEntries([...packageJson.scripts['build']!.matchAll(/\b([A-Z][A-Z0-9_]*)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
const MB = 1024 * 1024;
const log = (...args: unknown[]) => console.log(`[bench:build ${new Date().toISOString().slice(11, 19)}]`, ...args);

// --- The machine -------------------------------------------------------------------------------
const machine = readMachine();
log('machine', machine);

/** What was measured: the commit, and a hash of the site's sources as they are in the working tree (others edit them too). */
export async function siteVersion(root: string) {
	const { createHash } = await import('node:crypto');
	const hash = createHash('sha256');
	const files = (await readdir(join(root, 'src'), { recursive: true, withFileTypes: true }))
		.filter((e) => e.isFile())
		.map((e) => join(e.parentPath, e.name))
		.sort();
	for (const file of [...files, join(root, 'astro.config.mjs')]) hash.update(file).update(await readFile(file));
	const git = (args: string[]) => execFileSync('git', args, { cwd: root }).toString().trim();
	const dirty = git(['status', '--short', '--', 'src', 'astro.config.mjs']).split('\n').filter(Boolean).length;
	return { commit: git(['rev-parse', '--short', 'HEAD']), dirtySiteFiles: dirty, srcHash: hash.digest('hex').slice(0, 12) };
}
const version = await siteVersion(ROOT);
log('site', version);

// --- Archives ----------------------------------------------------------------------------------
const suffix = components ? '' : '-plain';
const archiveDir = join(WORK, `archive-${years}y${suffix}`);
const halfDir = join(WORK, `archive-${halfYears}y${suffix}`);
log(`generating ${years}-year archive (seed ${seed})`);
const archive = await generateArchive({ outDir: archiveDir, seed, years, components });
log(archive);
let half: Awaited<ReturnType<typeof generateArchive>> | undefined;
if (only.has('half')) {
	log(`generating ${halfYears}-year archive`);
	half = await generateArchive({ outDir: halfDir, seed, years: halfYears, components });
}

const copies = await writePeerCopies(archiveDir, WORK);
log(`copied ${copies.files} MDX files for the floor and Starlight; components stripped from ${copies.stripped}`);

// --- Builds ------------------------------------------------------------------------------------
async function fresh(...dirs: string[]) {
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
}
async function countHtml(dir: string): Promise<number> {
	let n = 0;
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile() && entry.name.endsWith('.html')) n++;
	return n;
}
const results: Record<string, Measured & { pages?: number }> = {};
function summarise(m: Measured) {
	log(
		`${m.label}: exit ${m.code}, ${(m.wallMs / 1000).toFixed(1)} s wall, ${m.cpuSeconds?.toFixed(1)} s CPU, peak tree RSS ${(m.peakTreeRssBytes / MB).toFixed(0)} MB, load ${m.loadBefore[0]!.toFixed(2)} → ${m.loadAfter[0]!.toFixed(2)}`
	);
	if (m.code !== 0) {
		console.error(
			m.lines
				.slice(-40)
				.map((l) => l.text)
				.join('\n')
		);
		throw new Error(`${m.label} failed`);
	}
}

async function buildHindsight(label: string, content: string, out: string) {
	const cache = join(WORK, `${label}-cache`);
	await fresh(out, cache);
	const m = await measure(label, [process.execPath, ASTRO, 'build', '--config', 'bench/build/hindsight.config.mjs', '--outDir', out], {
		cwd: ROOT,
		env: { ...baseEnv, ...npmBuildEnv, HINDSIGHT_CONTENT: content, BENCH_CACHE_DIR: cache },
		logFile: join(WORK, `${label}.log`),
		hasTime,
	});
	summarise(m);
	results[label] = { ...m, pages: await countHtml(out) };
}

const hindsightOut = join(WORK, 'hindsight-dist');
if (only.has('hindsight')) await buildHindsight('hindsight', archiveDir, hindsightOut);

if (only.has('floor')) {
	const out = join(WORK, 'floor-dist');
	const cache = join(WORK, 'floor-cache');
	await fresh(out, cache);
	const env = { ...baseEnv, FLOOR_CONTENT: copies.floorDir, FLOOR_OUT: out, FLOOR_CACHE: cache };
	const astro = await measure('floor-astro', [process.execPath, ASTRO, 'build', '--root', 'bench/build/floor'], {
		cwd: ROOT,
		env,
		logFile: join(WORK, 'floor-astro.log'),
		hasTime,
	});
	summarise(astro);
	const pagefind = await measure('floor-pagefind', [process.execPath, join(ROOT, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', out], {
		cwd: ROOT,
		env,
		logFile: join(WORK, 'floor-pagefind.log'),
		hasTime,
	});
	summarise(pagefind);
	results['floor-astro'] = { ...astro, pages: await countHtml(out) };
	results['floor-pagefind'] = pagefind;
}

let starlightVersions: { starlight: string; astro: string } | undefined;
if (only.has('starlight')) {
	const s = await setUpStarlight(WORK, baseEnv, log);
	starlightVersions = s;
	const out = join(s.dir, 'dist'); // inside the project: its prerender chunks resolve packages from there
	const cache = join(WORK, 'starlight-cache');
	await fresh(out, cache, join(s.dir, '.astro'));
	const m = await measure('starlight', [process.execPath, join(s.dir, 'node_modules/astro/bin/astro.mjs'), 'build'], {
		cwd: s.dir,
		env: { ...baseEnv, BENCH_CACHE_DIR: cache, BENCH_OUT_DIR: out },
		logFile: join(WORK, 'starlight.log'),
		hasTime,
	});
	summarise(m);
	results['starlight'] = { ...m, pages: await countHtml(out) };
}

if (only.has('half')) await buildHindsight('half', halfDir, join(WORK, 'half-dist'));

if (only.has('floor-default')) {
	const out = join(WORK, 'floor-default-dist');
	const cache = join(WORK, 'floor-default-cache');
	await fresh(out, cache);
	const env = { ...baseEnv, FLOOR_CONTENT: copies.floorDir, FLOOR_OUT: out, FLOOR_CACHE: cache, FLOOR_PROCESSOR: 'default' };
	const m = await measure('floor-default', [process.execPath, ASTRO, 'build', '--root', 'bench/build/floor'], {
		cwd: ROOT,
		env,
		logFile: join(WORK, 'floor-default.log'),
		hasTime,
	});
	summarise(m);
	results['floor-default'] = { ...m, pages: await countHtml(out) };
}

// --- Hindsight's own work -----------------------------------------------------------------------
// Two parts of Hindsight's build that the floor has no counterpart for, each measured on its own: reading
// and validating the run digests (the floor reads none), and Pagefind over the pages Hindsight's search
// step hands it, by the same Pagefind CLI as the floor's output (the floor's minimal pages carry no
// titles, filters or month pages). Together with the floor they show what the time targets leave.
let ownWork:
	| { digests: { files: number; bytes: number; runs: number; cpuS: number; wallMs: number }; searchInput: { pages: number; bytes: number } }
	| undefined;
if (only.has('hindsight') && only.has('floor')) {
	const out = execFileSync(process.execPath, [join(ROOT, 'bench/build/digest-check.ts'), archiveDir], { cwd: ROOT, env: baseEnv, encoding: 'utf8' });
	const check = JSON.parse(out.trim().split('\n').at(-1)!) as { files: number; bytes: number; runs: number; rounds: { cpuS: number; wallMs: number }[] };
	const middle = [...check.rounds].sort((a, b) => a.cpuS - b.cpuS)[1]!;
	const input = join(WORK, 'hindsight-search-input');
	const searchInput = await writeSearchInput(hindsightOut, input);
	const pagefind = await measure('hindsight-search-cli', [process.execPath, join(ROOT, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', input], {
		cwd: ROOT,
		env: baseEnv,
		logFile: join(WORK, 'hindsight-search-cli.log'),
		hasTime,
	});
	summarise(pagefind);
	results['hindsight-search-cli'] = pagefind;
	ownWork = { digests: { files: check.files, bytes: check.bytes, runs: check.runs, ...middle }, searchInput };
	log('own work', JSON.stringify(ownWork));
}

// --- Page weight -------------------------------------------------------------------------------
let weight: ReturnType<typeof weighSummary> | undefined;
function weighSummary(pages: Awaited<ReturnType<typeof measurePageWeight>>) {
	const totals = pages.map((p) => p.totalGzip).sort((a, b) => a - b);
	const js = pages.map((p) => p.jsBytes).sort((a, b) => a - b);
	const largest = pages.reduce((a, b) => (b.totalGzip > a.totalGzip ? b : a));
	const otherJs = new Map<string, number>();
	for (const p of pages) for (const s of p.otherScripts) otherJs.set(s, (otherJs.get(s) ?? 0) + 1);
	const byKind = new Map<string, number[]>();
	for (const p of pages) {
		const kind = p.page.split('/')[0]!.replace(/\.html$/, '');
		byKind.set(kind, [...(byKind.get(kind) ?? []), p.totalGzip]);
	}
	return {
		pages: pages.length,
		medianTotalGzip: quantile(totals, 0.5),
		p90TotalGzip: quantile(totals, 0.9),
		largest: { page: largest.page, totalGzip: largest.totalGzip, htmlBytes: largest.htmlBytes, htmlGzip: largest.htmlGzip },
		medianHtmlGzip: quantile(
			pages.map((p) => p.htmlGzip).sort((a, b) => a - b),
			0.5
		),
		cssGzip: pages[0]?.cssGzip ?? 0,
		medianJsBytes: quantile(js, 0.5),
		maxJsBytes: js[js.length - 1] ?? 0,
		otherScripts: [...otherJs.entries()].map(([script, count]) => ({ script, pages: count })),
		byKind: [...byKind.entries()].map(([kind, v]) => {
			v.sort((a, b) => a - b);
			return { kind, pages: v.length, median: quantile(v, 0.5), max: v[v.length - 1]! };
		}),
	};
}
if (only.has('hindsight')) {
	weight = weighSummary(await measurePageWeight(hindsightOut));
	log('page weight', JSON.stringify(weight, null, 1));
}

// --- Report ------------------------------------------------------------------------------------
const phases = (label: string) =>
	(results[label]?.lines ?? [])
		.filter(
			(l) => /\[(content|build|hindsight[^\]]*|@astrojs\/sitemap|vite)\]|Indexed|Complete|generating|Building|Synced|✓/.test(l.text) && !/WARN/.test(l.text)
		)
		.map((l) => ({ s: Number((l.ms / 1000).toFixed(1)), text: l.text.replace(/^\d\d:\d\d:\d\d\s*/, '').slice(0, 140) }));
const versionAfter = await siteVersion(ROOT);
const output = {
	date: new Date().toISOString(),
	components,
	machine,
	version,
	versionAfter,
	years,
	halfYears,
	seed,
	archive,
	half,
	copies,
	starlightVersions,
	weight,
	ownWork,
	results: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ...v, lines: undefined, phases: phases(k) }])),
};
const resultsFile = join(WORK, `results-${years}y${suffix}.json`);
await writeFile(resultsFile, `${JSON.stringify(output, null, 2)}\n`);
log('results in', resultsFile);
if (!values['no-write'] && components) {
	const { writeBuildSection } = await import('./report.ts');
	await writeBuildSection(join(ROOT, 'BENCHMARKS.md'), output);
	log('BENCHMARKS.md updated');
}
