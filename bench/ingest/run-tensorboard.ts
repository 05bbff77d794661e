// The TensorBoard case of `npm run bench:ingest`: cold ingest and an unchanged re-ingest of a seeded Lightning
// log folder (1,000 runs × 10 tags × 1,000 steps, generate-tensorboard.ts) against the raw read of the same
// files. Run by run.ts after the MLflow case, or alone: `node bench/ingest/run-tensorboard.ts [--no-write]`.
import { join } from 'node:path';
import { describeMachine, replaceSection } from '../report-section.ts';
import { generateTensorboardStore, TENSORBOARD_SHAPE as SHAPE } from './generate-tensorboard.ts';
import { formatRows, measureRounds, median, prepareStore, REPEATS, REPO, verdict } from './measure-case.ts';

const work = join(REPO, 'bench', 'ingest', 'work', 'tensorboard');
const store = join(work, 'logs');
prepareStore(work, SHAPE, () => {
	process.stdout.write(`generating ${SHAPE.runs} runs × ${SHAPE.tags} tags × ${SHAPE.steps} steps in ${store} …\n`);
	generateTensorboardStore(store);
});
const rounds = measureRounds(store, work);
const { raw, cold, warm } = rounds;
const rawMs = median(raw.map((r) => r.ms!));
const coldMs = median(cold.map((r) => r.ms!));
const points = SHAPE.runs * SHAPE.tags * SHAPE.steps;

const section = `Command: \`npm run bench:ingest\` (bench/ingest/run-tensorboard.ts). Store: a seeded Lightning log folder written by the
project's own event-file writer (bench/ingest/generate-tensorboard.ts), ${SHAPE.runs.toLocaleString('en')} runs × ${SHAPE.tags} tags × ${SHAPE.steps.toLocaleString('en')} steps, one
\`simple_value\` event per tag and step as Lightning writes them (${raw[0]!.files!.toLocaleString('en')} files, ${(raw[0]!.bytes! / 1e6).toFixed(0)} MB, ${points.toLocaleString('en')} points),
generated into \`bench/ingest/work/tensorboard/\` (not committed). Each time is the median of ${REPEATS} runs, each in a fresh
Node process, with the page cache warm. The cold ingest checks every record's two masked CRC32C checksums and decodes every event.

Machine: ${describeMachine()}.

${formatRows(rounds)}

| target | figure | |
|---|---|---|
| cold ingest ≤ 3× the raw read | ${(coldMs / rawMs).toFixed(1)}× | ${verdict(coldMs <= 3 * rawMs)} |

The cold ingest decodes ${(points / 1e6).toFixed(0)} million points at ${(((points / coldMs) * 1000) / 1e6).toFixed(1)} million a second; the raw read only copies bytes.
Runs: the cold ingest read ${cold[0]!.runsRead} (${cold[0]!.bad} bad); the re-ingest read ${warm[0]!.runsRead} and carried over ${warm[0]!.runsReused}; ${cold[0]!.months} monthly digests.
`;
process.stdout.write(`## Ingest: TensorBoard\n\n${section}`);
if (!process.argv.includes('--no-write')) await replaceSection(join(REPO, 'BENCHMARKS.md'), 'Ingest: TensorBoard', section);
