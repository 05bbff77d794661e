/**
 * Profiles Hindsight's build of a generated archive: `node --cpu-prof` on `astro build` (main thread),
 * then self time aggregated by function and by area (the site's src/ files, each package in
 * node_modules, Node's internals, GC).
 *
 *   node bench/build/profile.ts <archive dir> [--top 40]
 *   node bench/build/profile.ts bench/build/work/floor-content --floor   (the floor, for comparison)
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');
const WORK = join(ROOT, 'bench/build/work');
const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { floor: { type: 'boolean', default: false }, top: { type: 'string', default: '40' }, 'profile-only': { type: 'string' } },
});
const archive = resolve(positionals[0] ?? join(WORK, 'archive-5y'));
const dir = join(WORK, 'prof');

let file = values['profile-only'];
if (!file) {
	await rm(dir, { recursive: true, force: true });
	await rm(join(WORK, 'prof-cache'), { recursive: true, force: true });
	await rm(join(WORK, 'prof-dist'), { recursive: true, force: true });
	const started = performance.now();
	const lines: { ms: number; text: string }[] = [];
	// --floor: the floor project instead (bench/build/floor), over the MDX copies in <archive dir>.
	const args = values.floor
		? ['node_modules/astro/bin/astro.mjs', 'build', '--root', 'bench/build/floor']
		: ['node_modules/astro/bin/astro.mjs', 'build', '--config', 'bench/build/hindsight.config.mjs', '--outDir', join(WORK, 'prof-dist')];
	const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...args], {
		cwd: ROOT,
		env: {
			...process.env,
			ASTRO_TELEMETRY_DISABLED: '1',
			NO_COLOR: '1',
			HINDSIGHT_CONTENT: archive,
			BENCH_CACHE_DIR: join(WORK, 'prof-cache'),
			FLOOR_CONTENT: archive,
			FLOOR_OUT: join(WORK, 'prof-dist'),
			FLOOR_CACHE: join(WORK, 'prof-cache'),
		},
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	child.stdout.on('data', (chunk: Buffer) => {
		for (const text of chunk.toString().split('\n')) if (text.trim()) lines.push({ ms: performance.now() - started, text });
	});
	const code = await new Promise((done) => child.on('close', done));
	if (code !== 0) throw new Error('build failed');
	await writeFile(join(dir, 'lines.json'), JSON.stringify(lines));
	console.log(`profiled build: ${((performance.now() - started) / 1000).toFixed(1)} s`);
	const profiles = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile'));
	file = join(dir, profiles.sort().at(-1)!);
}

interface Node {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
const profile = JSON.parse(await readFile(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const area = (url: string, name: string) => {
	if (!url) return name.startsWith('(') ? name : '(native/internal)';
	if (url.startsWith('node:')) return 'node internals';
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (pkg) return `pkg ${pkg[1]}`;
	const src = new RegExp(`${ROOT}/(src/[^?]+|bench/[^?]+)`).exec(url);
	if (src && /\/(floor-content|archive-\w+)\//.test(src[1]!)) return '(the MDX entries, compiled)';
	if (src) return src[1]!;
	if (/dist\/.prerender|chunks|\.mjs/.test(url)) return `built chunk ${url.split('/').slice(-1)[0]}`;
	return url.slice(-60);
};
const byFunction = new Map<string, number>();
const byArea = new Map<string, number>();
for (const [id, us] of self) {
	const n = byId.get(id)!;
	const key = `${n.callFrame.functionName || '(anonymous)'} ${area(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;
	byFunction.set(key, (byFunction.get(key) ?? 0) + us);
	const a = area(n.callFrame.url, n.callFrame.functionName);
	byArea.set(a, (byArea.get(a) ?? 0) + us);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const top = Number(values.top);
const print = (title: string, map: Map<string, number>) => {
	console.log(`\n${title} (of ${(total / 1e6).toFixed(1)} s sampled on the main thread)`);
	for (const [k, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
		console.log(`${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
};
print('self time by area', byArea);
print('self time by function', byFunction);
// Self time by phase: the phases start at these log lines (times as seen by this process, which started the build).
const linesFile = join(dir, 'lines.json');
const lines = JSON.parse(await readFile(linesFile, 'utf8').catch(() => '[]')) as { ms: number; text: string }[];
const MARKS: [string, RegExp][] = [
	['start-up and archive check (astro:config:setup)', /^/],
	['content sync', /Syncing content/],
	['vite build of the entrypoints', /Building static entrypoints/],
	['page rendering', /generating static routes/],
	['build:done hooks (sitemap, Pagefind)', /sitemap-index|astro:build:done/],
];
const bounds = MARKS.map(([name, re]) => ({ name, ms: re.source === '^' ? 0 : (lines.find((l) => re.test(l.text))?.ms ?? Infinity) }));
if (lines.length) {
	const phaseSelf = bounds.map(() => new Map<string, number>());
	let t = 0;
	profile.samples.forEach((id, i) => {
		t += (profile.timeDeltas[i] ?? 0) / 1000;
		let p = 0;
		for (let k = 0; k < bounds.length; k++) if (t >= bounds[k]!.ms) p = k;
		const n = byId.get(id)!;
		const key = n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : area(n.callFrame.url, n.callFrame.functionName);
		phaseSelf[p]!.set(key, (phaseSelf[p]!.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
	});
	console.log('\nself time by phase (phase start from the build log, approximate)');
	bounds.forEach((b, k) => {
		const m = phaseSelf[k]!;
		const sum = [...m.values()].reduce((a, c) => a + c, 0);
		const top = [...m.entries()]
			.sort((a, c) => c[1] - a[1])
			.slice(0, 8)
			.map(([key, us]) => `${key} ${(us / 1e6).toFixed(2)}`)
			.join('; ');
		console.log(`${b.name} (from ${(b.ms / 1000).toFixed(1)} s): ${(sum / 1e6).toFixed(1)} s: ${top}`);
	});
}
console.log(`\nprofile: ${file}`);
