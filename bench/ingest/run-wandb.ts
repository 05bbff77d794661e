// The W&B case of `npm run bench:ingest`: cold ingest and an unchanged re-ingest of a seeded offline W&B
// store (1,000 runs × 10 keys × 1,000 steps, binary logs only, generate-wandb.ts), against the raw read
// of the same files. Writes its section of BENCHMARKS.md; `--no-write` only prints it. Runs on its own
// with `node bench/ingest/run-wandb.ts`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, replaceSection } from '../report-section.ts';
import { generateWandbBenchStore, WANDB_SHAPE } from './generate-wandb.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const work = join(here, 'work', 'wandb-case');
const store = join(work, 'wandb');
const stamp = join(work, 'shape.json');
const REPEATS = 3;

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== JSON.stringify(WANDB_SHAPE)) {
	rmSync(work, { recursive: true, force: true });
	process.stdout.write(`generating ${WANDB_SHAPE.runs} W&B runs × ${WANDB_SHAPE.keys} keys × ${WANDB_SHAPE.steps} steps in ${store} …\n`);
	generateWandbBenchStore(store);
	writeFileSync(stamp, JSON.stringify(WANDB_SHAPE));
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
for (let i = 0; i < REPEATS; i++) {
	const out = join(work, 'out');
	const cache = join(work, 'cache');
	rmSync(out, { recursive: true, force: true });
	rmSync(cache, { recursive: true, force: true });
	raw.push(measure('raw-read.ts', [store]));
	cold.push(measure('child.ts', [store, out, cache]));
	warm.push(measure('child.ts', [store, out, cache]));
}
const rawMs = median(raw.map((r) => r.ms!));
const coldMs = median(cold.map((r) => r.ms!));
const warmMs = median(warm.map((r) => r.ms!));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const points = WANDB_SHAPE.runs * WANDB_SHAPE.keys * WANDB_SHAPE.steps;

const section = `Command: \`npm run bench:ingest\` (bench/ingest/run-wandb.ts). Store: a seeded synthetic offline W&B store
(bench/ingest/generate-wandb.ts), ${WANDB_SHAPE.runs.toLocaleString('en')} runs × ${WANDB_SHAPE.keys} keys × ${WANDB_SHAPE.steps.toLocaleString('en')} steps, each run only its \`run-<id>.wandb\` log
(${raw[0]!.files!.toLocaleString('en')} files, ${(raw[0]!.bytes! / 1e6).toFixed(0)} MB), generated into \`bench/ingest/work/wandb-case/\` (not committed). Each time is the
median of ${REPEATS} runs, each in a fresh Node process, with the page cache warm. The raw read (bench/ingest/raw-read.ts)
lists the store and reads every file into one buffer, doing nothing with the bytes.

Machine: ${describeMachine()}.

| measurement | time | CPU (user + system) | peak RSS |
|---|---|---|---|
| raw read | ${seconds(rawMs)} | — | ${Math.max(...raw.map((r) => r.maxRssMb!)).toFixed(0)} MB |
| cold ingest (no cache, no digests) | ${seconds(coldMs)} | ${median(cold.map((r) => r.cpuS!)).toFixed(2)} s | ${Math.max(...cold.map((r) => r.maxRssMb!)).toFixed(0)} MB |
| re-ingest, nothing changed | ${seconds(warmMs)} | ${median(warm.map((r) => r.cpuS!)).toFixed(2)} s | ${Math.max(...warm.map((r) => r.maxRssMb!)).toFixed(0)} MB |

| target | figure | |
|---|---|---|
| cold ingest ≤ 3× the raw read | ${(coldMs / rawMs).toFixed(1)}× | ${coldMs <= 3 * rawMs ? 'met' : '**missed**'} |

The cold ingest decodes ${(points / 1e6).toFixed(0)} million logged values (a protobuf item with a key and a JSON value each, every
chunk's CRC-32 checked) at ${(((points / coldMs) * 1000) / 1e6).toFixed(1)} million a second; the raw read only copies bytes.
Runs: the cold ingest read ${cold[0]!.runsRead}; the re-ingest read ${warm[0]!.runsRead} and carried over ${warm[0]!.runsReused}; ${cold[0]!.months} monthly digests.
`;
process.stdout.write(`## Ingest: W&B offline store\n\n${section}`);
if (!process.argv.includes('--no-write')) await replaceSection(join(repo, 'BENCHMARKS.md'), 'Ingest: W&B offline store', section);
