import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EventSpec, encodeEventFile, textValue } from '../../../bench/tensorboard-writer.ts';
import { hfTrainerAdapter } from '../../../src/ingest/adapters/hf-trainer.ts';
import { tensorboardAdapter } from '../../../src/ingest/adapters/tensorboard.ts';
import { ingest } from '../../../src/ingest/pipeline.ts';
import { put, tempDir, testOptions } from '../helpers/stores.ts';
import { readStore } from './read-store.ts';

const folder = { isFile: () => false, isDirectory: () => true };
const T0 = Date.UTC(2026, 5, 10, 8, 0, 0) / 1000;

function state(step: number, maxSteps: number, history: unknown[], extra: Record<string, unknown> = {}): string {
	return `${JSON.stringify(
		{ global_step: step, max_steps: maxSteps, epoch: 1, log_history: history, best_metric: null, best_model_checkpoint: null, ...extra },
		null,
		2
	)}\n`;
}

const HISTORY = [
	{ loss: 0.9, learning_rate: 5e-5, grad_norm: 3.5, epoch: 0.5, step: 10 },
	{ eval_loss: 0.7, eval_accuracy: 0.75, epoch: 0.5, step: 10 },
	{ loss: 0.6, learning_rate: 2.5e-5, epoch: 1, step: 20 },
	{ eval_loss: NaN, eval_accuracy: 0.8, epoch: 1, step: 20 },
];

describe('hf-trainer adapter', () => {
	it('claims an output folder with checkpoint-N/trainer_state.json', async () => {
		const out = join(tempDir(), 'proj', 'out');
		put(join(out, 'checkpoint-10', 'trainer_state.json'), state(10, 20, []));
		expect(await hfTrainerAdapter.detect(out, folder, false)).toBe(true);
		expect(await hfTrainerAdapter.detect(join(out, '..'), folder, false)).toBe(false);
	});

	it("reads the highest checkpoint's log_history under the TensorBoard callback's names, best checkpoint as tags, finished at max_steps", async () => {
		const out = join(tempDir(), 'defect-cls', 'out');
		put(join(out, 'checkpoint-10', 'trainer_state.json'), state(10, 20, HISTORY.slice(0, 2)));
		put(
			join(out, 'checkpoint-20', 'trainer_state.json'),
			state(20, 20, HISTORY, { best_metric: 0.7, best_model_checkpoint: 'out/checkpoint-10', best_global_step: 10 }).replace(
				'"eval_loss": null',
				'"eval_loss": NaN'
			)
		);
		const { records } = await readStore(hfTrainerAdapter, out);
		const run = records[0]!;
		expect(run).toMatchObject({
			id: 'hf-trainer:defect-cls/out',
			experiment: 'out',
			status: 'finished',
			statusRaw: 'global_step 20 of max_steps 20',
			tags: { best_metric: '0.7', best_model_checkpoint: 'out/checkpoint-10', best_global_step: '10' },
		});
		expect(Object.keys(run.metrics).sort()).toEqual(['eval/accuracy', 'eval/loss', 'train/epoch', 'train/grad_norm', 'train/learning_rate', 'train/loss']);
		expect(run.metrics['train/loss']).toMatchObject({ steps: [10, 20], values: [0.9, 0.6] });
		expect(run.metrics['eval/loss']!.values).toEqual([0.7, NaN]);
		expect(run.params['trainer_state.max_steps']).toBe(20);
		expect(run.warnings.join('\n')).toMatch(
			/trainer_state\.json records no times and no event files were found; times are the state files' modification times/
		);
	});

	it('keeps a state with an empty log_history as a run without metrics, not yet finished', async () => {
		const out = join(tempDir(), 'proj', 'out');
		put(join(out, 'checkpoint-5', 'trainer_state.json'), state(5, 100, []));
		const { records } = await readStore(hfTrainerAdapter, out);
		expect(records[0]!.metrics).toEqual({});
		expect(records[0]!.status).toBe('running');
		expect(records[0]!.warnings.join('\n')).toMatch(/trainer_state\.json: log_history is empty, so the run has no metrics yet/);
	});

	it('reports a malformed trainer_state.json as a bad run naming the file and line', async () => {
		const out = join(tempDir(), 'proj', 'out');
		put(join(out, 'checkpoint-5', 'trainer_state.json'), '{"global_step": 5,\n"log_history": [');
		const listing = await hfTrainerAdapter.list(out, { previous: () => undefined });
		await expect(hfTrainerAdapter.read(listing.units[0]!, listing)).rejects.toThrow(/checkpoint-5\/trainer_state\.json: malformed JSON/);
	});

	it('reads event files beside the output folder, named by their args text, and the state as one run: one run whichever folder is ingested', async () => {
		const project = join(tempDir(), 'defect-cls');
		const out = join(project, 'results');
		put(join(out, 'checkpoint-20', 'trainer_state.json'), state(20, 20, HISTORY, { best_metric: 0.7 }));
		const args = JSON.stringify({ output_dir: './results', logging_dir: './logs', learning_rate: 5e-5 }, null, 2);
		const events: EventSpec[] = [
			{ wallTime: T0, values: [textValue('args', args)] },
			{ wallTime: T0 + 10, step: 10, values: [{ tag: 'train/loss', simpleValue: 0.875 }] },
			{
				wallTime: T0 + 20,
				step: 20,
				values: [
					{ tag: 'train/loss', simpleValue: 0.625 },
					{ tag: 'train/train_runtime', simpleValue: 20 },
				],
			},
		];
		put(join(project, 'logs', 'events.out.tfevents.1781078400.gpu-01.77.0'), Buffer.from(encodeEventFile(events)));
		const fromState = (await readStore(hfTrainerAdapter, out)).records[0]!;
		const fromEvents = (await readStore(tensorboardAdapter, join(project, 'logs'))).records[0]!;
		expect(fromEvents).toEqual(fromState);
		expect(fromState).toMatchObject({
			id: 'hf-trainer:defect-cls/results',
			source: 'hf-trainer',
			status: 'finished',
			user: 'gpu-01',
			startedAt: new Date(T0 * 1000).toISOString(),
			params: { learning_rate: 5e-5, output_dir: './results' },
		});
		// the event files win for what they hold; the state adds what they lack
		expect(fromState.metrics['train/loss']!.values).toEqual([0.875, 0.625]);
		expect(fromState.metrics['train/train_runtime']!.values).toEqual([20]);
		expect(fromState.metrics['eval/accuracy']!.values).toEqual([0.75, 0.8]);

		const work = tempDir();
		const report = await ingest(testOptions([project], work, { cacheDir: null }));
		expect(report.bad).toEqual([]);
		const runs = readdirSync(join(work, 'out'))
			.filter((n) => n !== 'index.json')
			.flatMap((n) => JSON.parse(readFileSync(join(work, 'out', n), 'utf8')).runs);
		expect(runs.map((r: { id: string }) => r.id)).toEqual(['hf-trainer:defect-cls/results']);
	});

	it('reads event files inside the output folder (the default runs/<time>_<host>/) with the state', async () => {
		const out = join(tempDir(), 'proj', 'out');
		put(join(out, 'checkpoint-20', 'trainer_state.json'), state(20, 20, HISTORY));
		put(
			join(out, 'runs', 'Jun10_08-00-00_gpu-01', 'events.out.tfevents.1781078400.gpu-01.77.0'),
			Buffer.from(encodeEventFile([{ wallTime: T0 + 5, step: 10, values: [{ tag: 'train/loss', simpleValue: 0.5 }] }]))
		);
		const { records } = await readStore(hfTrainerAdapter, out);
		expect(records[0]!.metrics['train/loss']!.values).toEqual([0.5]);
		expect(records[0]!.startedAt).toBe(new Date((T0 + 5) * 1000).toISOString());
	});
});
