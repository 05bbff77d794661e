// The W&B case of `npm run bench:ingest`: cold ingest and an unchanged re-ingest of a seeded offline W&B
// store (1,000 runs × 10 keys × 1,000 steps, binary logs only, generate-wandb.ts), against the raw read
// of the same files. Run by run.ts after the MLflow case, or alone: `node bench/ingest/run-wandb.ts [--no-write]`.
import { join } from 'node:path';
import { describeMachine, replaceSection } from '../report-section.ts';
import { generateWandbBenchStore, WANDB_SHAPE as SHAPE } from './generate-wandb.ts';
import { formatRows, measureRounds, median, prepareStore, REPEATS, REPO, verdict } from './measure-case.ts';

const work = join(REPO, 'bench', 'ingest', 'work', 'wandb-case');
const store = join(work, 'wandb');
prepareStore(work, SHAPE, () => {
	process.stdout.write(`generating ${SHAPE.runs} W&B runs × ${SHAPE.keys} keys × ${SHAPE.steps} steps in ${store} …\n`);
	generateWandbBenchStore(store);
});
const rounds = measureRounds(store, work);
const { raw, cold, warm } = rounds;
const rawMs = median(raw.map((r) => r.ms!));
const coldMs = median(cold.map((r) => r.ms!));
const points = SHAPE.runs * SHAPE.keys * SHAPE.steps;

const section = `Command: \`npm run bench:ingest\` (bench/ingest/run-wandb.ts). Store: a seeded synthetic offline W&B store
(bench/ingest/generate-wandb.ts), ${SHAPE.runs.toLocaleString('en')} runs × ${SHAPE.keys} keys × ${SHAPE.steps.toLocaleString('en')} steps, each run only its \`run-<id>.wandb\` log
(${raw[0]!.files!.toLocaleString('en')} files, ${(raw[0]!.bytes! / 1e6).toFixed(0)} MB), generated into \`bench/ingest/work/wandb-case/\` (not committed). Each time is the
median of ${REPEATS} runs, each in a fresh Node process, with the page cache warm. The raw read (bench/ingest/raw-read.ts)
lists the store and reads every file into one buffer, doing nothing with the bytes.

Machine: ${describeMachine()}.

${formatRows(rounds)}

| target | figure | |
|---|---|---|
| cold ingest ≤ 3× the raw read | ${(coldMs / rawMs).toFixed(1)}× | ${verdict(coldMs <= 3 * rawMs)} |

The cold ingest decodes ${(points / 1e6).toFixed(0)} million logged values (a protobuf item with a key and a JSON value each, every
chunk's CRC-32 checked) at ${(((points / coldMs) * 1000) / 1e6).toFixed(1)} million a second; the raw read only copies bytes.
Runs: the cold ingest read ${cold[0]!.runsRead}; the re-ingest read ${warm[0]!.runsRead} and carried over ${warm[0]!.runsReused}; ${cold[0]!.months} monthly digests.
`;
process.stdout.write(`## Ingest: W&B offline store\n\n${section}`);
if (!process.argv.includes('--no-write')) await replaceSection(join(REPO, 'BENCHMARKS.md'), 'Ingest: W&B offline store', section);
