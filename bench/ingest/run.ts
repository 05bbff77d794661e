// `npm run bench:ingest`: cold ingest and an unchanged re-ingest of a seeded synthetic MLflow store
// (5,000 runs × 10 metrics × 500 steps), against the raw read of the same files and the re-ingest floor
// (the `lstat` calls an unchanged re-ingest cannot skip, stat-floor.ts); then the W&B and TensorBoard cases.
// Each writes its section of BENCHMARKS.md; `--no-write` only prints them.
import { join } from 'node:path';
import { describeMachine, replaceSection } from '../report-section.ts';
import { generateBenchStore, SHAPE } from './generate.ts';
import { formatRows, measure, measureRounds, median, prepareStore, REPEATS, REPO, seconds, verdict } from './measure-case.ts';

const work = join(REPO, 'bench', 'ingest', 'work');
const store = join(work, 'mlruns');
prepareStore(work, SHAPE, () => {
	process.stdout.write(`generating ${SHAPE.runs} runs × ${SHAPE.metrics} metrics × ${SHAPE.steps} steps in ${store} …\n`);
	generateBenchStore(store);
});
const rounds = measureRounds(store, work, () => measure('stat-floor.ts', [store]));
const { raw, cold, warm, extra: floor } = rounds;
const rawMs = median(raw.map((r) => r.ms!));
const coldMs = median(cold.map((r) => r.ms!));
const warmMs = median(warm.map((r) => r.ms!));
const floorMs = median(floor.map((r) => r.ms!));
const peak = Math.max(...cold.map((r) => r.maxRssMb!), ...warm.map((r) => r.maxRssMb!));

const section = `Command: \`npm run bench:ingest\` (bench/ingest/run.ts). Store: a seeded synthetic MLflow file store,
${SHAPE.runs.toLocaleString('en')} runs × ${SHAPE.metrics} metrics × ${SHAPE.steps} steps (${raw[0]!.files!.toLocaleString('en')} files, ${(raw[0]!.bytes! / 1e6).toFixed(0)} MB),
generated into \`bench/ingest/work/\` (not committed). Each time is the median of ${REPEATS} runs, each in a fresh Node
process, with the page cache warm, so the comparison is CPU and system calls, not the disk. The raw read
(bench/ingest/raw-read.ts) lists the store and reads every file into one buffer, doing nothing with the bytes.
The re-ingest floor (bench/ingest/stat-floor.ts) is one \`lstat\` of each of the ${floor[0]!.paths!.toLocaleString('en')} paths an unchanged
re-ingest must look at (${(floor[0]!.paths! / SHAPE.runs).toFixed(0)} a run: meta.yaml, the run's folders, its tag files), listed before the clock starts.

Machine: ${describeMachine()}.

${formatRows(rounds)}
| re-ingest floor | ${seconds(floorMs)} | — | — |

| target | figure | |
|---|---|---|
| cold ingest ≤ 3× the raw read | ${(coldMs / rawMs).toFixed(2)}× | ${verdict(coldMs <= 3 * rawMs)} |
| unchanged re-ingest ≤ 2× the re-ingest floor | ${(warmMs / floorMs).toFixed(2)}× | ${verdict(warmMs <= 2 * floorMs)} |
| peak memory ≤ 500 MB | ${peak.toFixed(0)} MB | ${verdict(peak <= 500)} |

Runs: the cold ingest read ${cold[0]!.runsRead}; the re-ingest read ${warm[0]!.runsRead} and carried over ${warm[0]!.runsReused}; ${cold[0]!.months} monthly digests.
`;
process.stdout.write(`## Ingest\n\n${section}`);
if (!process.argv.includes('--no-write')) await replaceSection(join(REPO, 'BENCHMARKS.md'), 'Ingest', section);

// The W&B and TensorBoard cases, each with a section of its own
await import('./run-wandb.ts');
await import('./run-tensorboard.ts');
