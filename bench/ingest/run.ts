// `npm run bench:ingest`: cold ingest and an unchanged re-ingest of a seeded synthetic MLflow store
// (5,000 runs × 10 metrics × 500 steps), against the raw read of the same files and the re-ingest floor
// (the `lstat` calls an unchanged re-ingest cannot skip, stat-floor.ts). Writes its section of
// BENCHMARKS.md; `--no-write` only prints it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, replaceSection } from '../report-section.ts';
import { generateBenchStore, SHAPE } from './generate.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const work = join(here, 'work');
const store = join(work, 'mlruns');
const stamp = join(work, 'shape.json');
const REPEATS = 3;

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== JSON.stringify(SHAPE)) {
	rmSync(work, { recursive: true, force: true });
	process.stdout.write(`generating ${SHAPE.runs} runs × ${SHAPE.metrics} metrics × ${SHAPE.steps} steps in ${store} …\n`);
	generateBenchStore(store);
	writeFileSync(stamp, JSON.stringify(SHAPE));
}

/** Runs one measuring script in a fresh Node process and returns the JSON it prints last. */
function measure(script: string, args: string[]): Record<string, number> {
	const out = execFileSync(process.execPath, [join(here, script), ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 20 });
	return JSON.parse(out.trim().split('\n').at(-1)!);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Warm the page cache once, so every measurement reads from memory alike
measure('raw-read.ts', [store]);
const raw: Record<string, number>[] = [];
const cold: Record<string, number>[] = [];
const warm: Record<string, number>[] = [];
const floor: Record<string, number>[] = [];
for (let i = 0; i < REPEATS; i++) {
	const out = join(work, 'out');
	const cache = join(work, 'cache');
	rmSync(out, { recursive: true, force: true });
	rmSync(cache, { recursive: true, force: true });
	raw.push(measure('raw-read.ts', [store]));
	cold.push(measure('child.ts', [store, out, cache]));
	warm.push(measure('child.ts', [store, out, cache]));
	floor.push(measure('stat-floor.ts', [store]));
}
const rawMs = median(raw.map((r) => r.ms!));
const coldMs = median(cold.map((r) => r.ms!));
const warmMs = median(warm.map((r) => r.ms!));
const floorMs = median(floor.map((r) => r.ms!));
const peak = Math.max(...cold.map((r) => r.maxRssMb!), ...warm.map((r) => r.maxRssMb!));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (met: boolean) => (met ? 'met' : '**missed**');

const section = `Command: \`npm run bench:ingest\` (bench/ingest/run.ts). Store: a seeded synthetic MLflow file store,
${SHAPE.runs.toLocaleString('en')} runs × ${SHAPE.metrics} metrics × ${SHAPE.steps} steps (${raw[0]!.files!.toLocaleString('en')} files, ${(raw[0]!.bytes! / 1e6).toFixed(0)} MB),
generated into \`bench/ingest/work/\` (not committed). Each time is the median of ${REPEATS} runs, each in a fresh Node
process, with the page cache warm, so the comparison is CPU and system calls, not the disk. The raw read
(bench/ingest/raw-read.ts) lists the store and reads every file into one buffer, doing nothing with the bytes.
The re-ingest floor (bench/ingest/stat-floor.ts) is one \`lstat\` of each of the ${floor[0]!.paths!.toLocaleString('en')} paths an unchanged
re-ingest must look at (${(floor[0]!.paths! / SHAPE.runs).toFixed(0)} a run: meta.yaml, the run's folders, its tag files), listed before the clock starts.

Machine: ${describeMachine()}.

| measurement | time | CPU (user + system) | peak RSS |
|---|---|---|---|
| raw read | ${seconds(rawMs)} | — | ${Math.max(...raw.map((r) => r.maxRssMb!)).toFixed(0)} MB |
| cold ingest (no cache, no digests) | ${seconds(coldMs)} | ${median(cold.map((r) => r.cpuS!)).toFixed(2)} s | ${Math.max(...cold.map((r) => r.maxRssMb!)).toFixed(0)} MB |
| re-ingest, nothing changed | ${seconds(warmMs)} | ${median(warm.map((r) => r.cpuS!)).toFixed(2)} s | ${Math.max(...warm.map((r) => r.maxRssMb!)).toFixed(0)} MB |
| re-ingest floor | ${seconds(floorMs)} | — | — |

| target | figure | |
|---|---|---|
| cold ingest ≤ 3× the raw read | ${(coldMs / rawMs).toFixed(2)}× | ${verdict(coldMs <= 3 * rawMs)} |
| unchanged re-ingest ≤ 2× the re-ingest floor | ${(warmMs / floorMs).toFixed(2)}× | ${verdict(warmMs <= 2 * floorMs)} |
| peak memory ≤ 500 MB | ${peak.toFixed(0)} MB | ${verdict(peak <= 500)} |

Runs: the cold ingest read ${cold[0]!.runsRead}; the re-ingest read ${warm[0]!.runsRead} and carried over ${warm[0]!.runsReused}; ${cold[0]!.months} monthly digests.
`;
process.stdout.write(`## Ingest\n\n${section}`);
if (!process.argv.includes('--no-write')) await replaceSection(join(repo, 'BENCHMARKS.md'), 'Ingest', section);
// The W&B case, with a section of its own
await import('./run-wandb.ts');

// The TensorBoard case, with a section of its own
await import('./run-tensorboard.ts');
