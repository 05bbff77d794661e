// The TensorBoard, Lightning CSV and Hugging Face Trainer adapters against the real stores in
// ../shared/fixtures/real/ (read in place, never copied). Expected figures come from
// tests/real/expected-logs.ts, which does not use src/ingest/, and from the fixtures' README.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/schemas/digest.ts';
import { type ExpectedLogRun, expectedCsvRun, expectedEventRun, expectedTrainerState } from './expected-logs.ts';
import { ingestRealStore, REAL } from './real-store.ts';

function same(actual: number | null, expected: number): boolean {
	return actual !== null && (Number.isNaN(expected) ? Number.isNaN(actual) : actual === expected);
}

/** Every tag of the expected run is a metric with that point count and final value, and there are no others. */
function expectSeries(run: Run, expected: ExpectedLogRun): number {
	expect(Object.keys(run.metrics).sort(), run.id).toEqual(Object.keys(expected.series).sort());
	let points = 0;
	for (const [tag, e] of Object.entries(expected.series)) {
		const m = run.metrics[tag]!;
		expect(m.count, `${run.id} ${tag} count`).toBe(e.count);
		expect(same(m.final, e.final), `${run.id} ${tag}: final ${m.final}, expected ${e.final}`).toBe(true);
		points += m.count;
	}
	return points;
}

const STATE_MTIME_NOW = (path: string) => statSync(path).mtimeMs + 3_600_000;

describe.runIf(existsSync(REAL))('real TensorBoard, Lightning and Trainer stores', () => {
	it('orktes (TF2 tf.summary): one run, 100 tensor_content scalars, no session end so the stale rule reports it crashed', async () => {
		const dir = join(REAL, 'orktes__go-tensorboard/testdata/tfevents');
		const { runs, report } = await ingestRealStore(join(REAL, 'orktes__go-tensorboard'));
		expect(report.bad).toEqual([]);
		expect(runs).toHaveLength(1);
		const expected = expectedEventRun(dir);
		expect(expected.series['my_metric']).toEqual({ count: 100, final: 49.5 }); // README: steps 0–99, value step / 2
		expect(expectSeries(runs[0]!, expected)).toBe(100);
		expect(runs[0]).toMatchObject({
			source: 'tensorboard',
			status: 'crashed',
			startedAt: expected.first,
			endedAt: null,
			user: 'Jaakkos-Mac-mini.local',
			nativeId: 'testdata/tfevents',
			name: 'tfevents',
			experiment: 'testdata',
		});
	});

	it('Abdul-AA (Lightning through torch): counts and finals of every tag, SUCCESS session end, the 5 hyper-parameters', async () => {
		const dir = join(REAL, 'Abdul-AA__Text-Generation-With-LSTM/lightning_logs/version_0');
		const { runs, report } = await ingestRealStore(join(REAL, 'Abdul-AA__Text-Generation-With-LSTM'));
		expect(report.bad).toEqual([]);
		expect(runs).toHaveLength(1);
		const expected = expectedEventRun(dir);
		expect(Object.fromEntries(Object.entries(expected.series).map(([k, v]) => [k, v.count]))).toEqual({
			train_loss: 7691,
			epoch: 7720,
			val_loss: 29,
			hp_metric: 1,
		});
		expect(expected.endStatus).toBe(1);
		const run = runs[0]!;
		expectSeries(run, expected);
		expect(run).toMatchObject({
			status: 'finished',
			statusRaw: 'STATUS_SUCCESS',
			startedAt: expected.first,
			endedAt: expected.last,
			experiment: 'Abdul-AA__Text-Generation-With-LSTM',
			name: 'version_0',
		});
		expect(run.params).toEqual({ hidden_units: 512, lr: 0.001, num_chars: 29, num_layers: 2, seq_length: 100 });
	});

	it('sncf (Lightning through tensorboardX): 76 versions, 15,352 points, every tag of every version, Python-tagged hparams.yaml read without running anything', async () => {
		const logger = join(REAL, 'AlexWarembourg__sncf_playground/lightning_logs');
		const { runs, report } = await ingestRealStore(join(REAL, 'AlexWarembourg__sncf_playground'));
		expect(report.bad).toEqual([]);
		expect(runs).toHaveLength(76);
		let points = 0;
		for (const run of runs) {
			const expected = expectedEventRun(join(logger, run.name!));
			points += expectSeries(run, expected);
			expect(run.status, run.id).toBe(expected.endStatus === 1 ? 'finished' : 'unexpected');
			expect(run.startedAt).toBe(expected.first);
			expect(run.params['loss']).toBe('MAE()');
			expect(run.warnings.join('\n')).toMatch(/Python tags read as plain values, never run: .*!!python\/object:neuralforecast\.losses\.pytorch\.MAE/);
		}
		expect(points).toBe(15_352);
		expect(runs.find((r) => r.name === 'version_12')!.metrics['train_loss_epoch']!.count).toBe(1000);
	});

	it('RTiberiu (Trainer: six event files in logs/ and seven checkpoints in results/): one run, every tag as TensorBoard shows it, finished at max_steps', async () => {
		const root = join(REAL, 'RTiberiu__CM4107-Advanced-Artificial-Intelligence-CW');
		const { runs, report } = await ingestRealStore(root);
		expect(report.bad).toEqual([]);
		expect(runs).toHaveLength(1);
		const expected = expectedEventRun(join(root, 'logs'));
		const state = expectedTrainerState(join(root, 'results'));
		expect(state.globalStep).toBe(state.maxSteps);
		const run = runs[0]!;
		expect(expectSeries(run, expected)).toBe(3857);
		expect(run.metrics['train/epoch']!.count).toBe(960);
		expect(run).toMatchObject({
			source: 'hf-trainer',
			status: 'finished',
			statusRaw: `global_step ${state.globalStep} of max_steps ${state.maxSteps}`,
			startedAt: expected.first,
			endedAt: expected.last,
			user: 'Tyrion',
		});
		expect(run.params['output_dir']).toBe('./results');
		expect(run.params['trainer_state.max_steps']).toBe(3128);
		// only the Trainer's folder, or only the event folder: the same single run
		for (const part of ['results', 'logs']) {
			const alone = await ingestRealStore(join(root, part));
			expect(alone.runs.map((r) => r.id)).toEqual([run.id]);
			expect(alone.runs[0]!.metrics).toEqual(run.metrics);
		}
	});

	it('subro608 and chandar-lab (trainer_state.json only): the highest checkpoint, each key as the TensorBoard callback names it, status from the steps', async () => {
		const subro = join(REAL, 'subro608__Deep_learning_Bert_project2');
		const a = await ingestRealStore(subro, { nowMs: STATE_MTIME_NOW(join(subro, 'checkpoint-2400/trainer_state.json')) });
		expect(a.report.bad).toEqual([]);
		expect(a.runs).toHaveLength(1);
		const expectedA = expectedTrainerState(subro);
		expectSeries(a.runs[0]!, expectedA);
		expect(a.runs[0]!.metrics['train/epoch']!.count).toBe(48); // README: 48 rows in the last file
		expect(a.runs[0]!.status).toBe('finished');

		const chandar = join(REAL, 'chandar-lab__healthy-data-diet/output');
		const b = await ingestRealStore(chandar, { nowMs: STATE_MTIME_NOW(join(chandar, 'checkpoint-500/trainer_state.json')) });
		expect(b.runs).toHaveLength(1);
		expectSeries(b.runs[0]!, expectedTrainerState(chandar));
		expect(b.runs[0]).toMatchObject({
			status: 'running',
			statusRaw: 'global_step 500 of max_steps 681',
			tags: { best_model_checkpoint: 'output/checkpoint-500', best_metric: String(b.runs[0]!.metrics['eval/loss']!.final) },
		});
	});

	it('Jordi6 and DanyaSH759 (CSVLogger): header orders that differ, sparse train and validation rows', async () => {
		const jordi = join(REAL, 'Jordi6__pytorchLit15min/lightning_logs');
		const a = await ingestRealStore(join(REAL, 'Jordi6__pytorchLit15min'));
		expect(a.report.bad).toEqual([]);
		expect(a.runs).toHaveLength(5);
		const headers = new Set(a.runs.map((r) => readFileSync(join(jordi, r.name!, 'metrics.csv'), 'utf8').split(/\r?\n/)[0]));
		expect(headers.size).toBe(4); // README: four header orders
		for (const run of a.runs) {
			expectSeries(run, expectedCsvRun(join(jordi, run.name!, 'metrics.csv')));
			expect(run).toMatchObject({ source: 'lightning-csv', status: 'unknown', params: {} });
		}
		const danya = join(REAL, 'DanyaSH759__MLOps_homework/lightning_logs/version_0');
		const b = await ingestRealStore(join(REAL, 'DanyaSH759__MLOps_homework'));
		expect(b.runs).toHaveLength(1);
		expectSeries(b.runs[0]!, expectedCsvRun(join(danya, 'metrics.csv')));
		expect(Object.fromEntries(Object.entries(b.runs[0]!.metrics).map(([k, m]) => [k, m.count]))).toEqual({ epoch: 30, train_loss: 25, val_loss: 5 });
		expect(b.runs[0]!.params).toEqual({ hidden_dim: 64, input_dim: 4, lr: 0.00001, num_layers: 2, output_dim: 1 });
	});
});
