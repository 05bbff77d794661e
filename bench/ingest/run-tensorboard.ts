// The TensorBoard case of `npm run bench:ingest`: a cold ingest of a seeded Lightning log folder
// (1,000 runs × 10 tags × 1,000 steps, generate-tensorboard.ts) against the raw read of the same files.
// Run by run.ts after the MLflow case, or alone: `node bench/ingest/run-tensorboard.ts [--no-write]`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, replaceSection } from '../report-section.ts';
import { generateTensorboardStore, TENSORBOARD_SHAPE as SHAPE } from './generate-tensorboard.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const work = join(here, 'work', 'tensorboard');
const store = join(work, 'logs');
const stamp = join(work, 'shape.json');
const REPEATS = 3;

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== JSON.stringify(SHAPE)) {
	rmSync(work, { recursive: true, force: true });
	process.stdout.write(`generating ${SHAPE.runs} runs × ${SHAPE.tags} tags × ${SHAPE.steps} steps in ${store} …\n`);
	generateTensorboardStore(store);
	writeFileSync(stamp, JSON.stringify(SHAPE));
}

function measure(script: string, args: string[]): Record<string, number> {
	const out = execFileSync(process.execPath, [join(here, script), ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 20 });
	return JSON.parse(out.trim().split('\n').at(-1)!);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

measure('raw-read.ts', [store]);
const raw: Record<string, number>[] = [];
const cold: Record<string, number>[] = [];
for (let i = 0; i < REPEATS; i++) {
	const out = join(work, 'out');
	const cache = join(work, 'cache');
	rmSync(out, { recursive: true, force: true });
	rmSync(cache, { recursive: true, force: true });
	raw.push(measure('raw-read.ts', [store]));
	cold.push(measure('child.ts', [store, out, cache]));
}
const rawMs = median(raw.map((r) => r.ms!));
const coldMs = median(cold.map((r) => r.ms!));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const points = SHAPE.runs * SHAPE.tags * SHAPE.steps;

const section = `Command: \`npm run bench:ingest\` (bench/ingest/run-tensorboard.ts, after the MLflow case). Store: a seeded Lightning
log folder written by the project's own event-file writer (bench/ingest/generate-tensorboard.ts), ${SHAPE.runs.toLocaleString('en')} runs ×
${SHAPE.tags} tags × ${SHAPE.steps.toLocaleString('en')} steps, one \`simple_value\` event per tag and step as Lightning writes them (${raw[0]!.files!.toLocaleString('en')} files,
${(raw[0]!.bytes! / 1e6).toFixed(0)} MB, ${points.toLocaleString('en')} points). Median of ${REPEATS} runs, each in a fresh Node process, page cache warm.
The cold ingest checks every record's two masked CRC32C checksums and decodes every event.

Machine: ${describeMachine()}.

| measurement | time | throughput | CPU (user + system) | peak RSS |
|---|---|---|---|---|
| raw read | ${seconds(rawMs)} | ${(raw[0]!.bytes! / 1e6 / (rawMs / 1000)).toFixed(0)} MB/s | — | ${Math.max(...raw.map((r) => r.maxRssMb!)).toFixed(0)} MB |
| cold ingest (no cache, no digests) | ${seconds(coldMs)} | ${(raw[0]!.bytes! / 1e6 / (coldMs / 1000)).toFixed(0)} MB/s, ${(points / (coldMs / 1000) / 1e6).toFixed(1)} M points/s | ${median(cold.map((r) => r.cpuS!)).toFixed(2)} s | ${Math.max(...cold.map((r) => r.maxRssMb!)).toFixed(0)} MB |

| target | figure | |
|---|---|---|
| cold ingest ≤ 3× the raw read | ${(coldMs / rawMs).toFixed(2)}× | ${coldMs <= 3 * rawMs ? 'met' : '**missed**'} |

Runs: the cold ingest read ${cold[0]!.runsRead} (${cold[0]!.bad} bad); ${cold[0]!.months} monthly digests.
`;
process.stdout.write(`## Ingest: TensorBoard\n\n${section}`);
if (!process.argv.includes('--no-write')) await replaceSection(join(repo, 'BENCHMARKS.md'), 'Ingest: TensorBoard', section);
