import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mlflowFsAdapter } from '../../../src/ingest/adapters/mlflow-fs.ts';
import { runMeta, tempDir, uuid, writeFsExperiment } from '../helpers/stores.ts';
import { readStore } from './read-store.ts';

const folder = { isFile: () => false, isDirectory: () => true };

function makeStore(): string {
	const mlruns = join(tempDir(), 'mlruns');
	writeFsExperiment(
		mlruns,
		'1',
		'exp',
		[
			{
				uuid: uuid(1),
				metrics: { loss: '1767225601000 0.9 0\n1767225602000 nan 1\n1767225603000 0.4 1\n', 'val/acc': '1767225601000 0.5 0\nbad line\n' },
				params: { lr: '0.1' },
				tags: { 'mlflow.note.content': 'Lesson: warm up first.', 'mlflow.user': 'ada', 'mlflow.source.git.commit': 'abc', team: 'a' },
			},
			{ uuid: uuid(2), meta: runMeta(uuid(2), '1', { status: 1, end_time: null }) },
		],
		'Lesson: the experiment keeps notes too.'
	);
	return mlruns;
}

describe('mlflow-fs adapter', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('claims a folder of experiment folders', async () => {
		const mlruns = makeStore();
		expect(await mlflowFsAdapter.detect(mlruns, folder, false)).toBe(true);
		expect(await mlflowFsAdapter.detect(join(mlruns, '1', uuid(1)), folder, false)).toBe(false);
	});

	it('reads runs into the run model, with MLflow points, its final rule and its bookkeeping tags mapped', async () => {
		const { records } = await readStore(mlflowFsAdapter, makeStore());
		const [a, b] = records;
		expect(a).toMatchObject({
			id: `mlflow:${uuid(1)}`,
			source: 'mlflow-fs',
			experiment: 'exp',
			experimentId: '1',
			status: 'finished',
			statusRaw: '3',
			user: 'ada',
			git: { commit: 'abc', branch: null, repoUrl: null },
			params: { lr: '0.1' },
			tags: { team: 'a' },
			lessons: [{ text: 'warm up first.', origin: 'run-note' }],
			startedAt: '2026-01-01T00:00:00.000Z',
			lastActivityAt: '2026-01-01T00:00:03.000Z',
		});
		expect(a!.metrics['loss']).toEqual({
			steps: [0, 1, 1],
			values: [0.9, NaN, 0.4],
			timestamps: [1767225601000, 1767225602000, 1767225603000],
			finalRule: 'mlflow',
			final: null,
			direction: null,
		});
		expect(a!.warnings).toEqual(['metrics/val/acc: 1 malformed line(s) skipped; first at line 2: "bad line" (expected "<timestamp ms> <value> [<step>]")']);
		expect(b).toMatchObject({ status: 'running', endedAt: null, metrics: {} });
	});

	it('lists experiment lessons, and gives an ended run the fingerprint it had when its folders have not moved', async () => {
		const mlruns = makeStore();
		const first = await mlflowFsAdapter.list(mlruns, { previous: () => undefined });
		expect(first.experimentLessons).toEqual([{ experimentKey: `mlflow-fs:${mlruns}:1`, experiment: 'exp', texts: ['the experiment keeps notes too.'] }]);
		const unit = first.units[0]!;
		expect(first.units.map((u) => u.hint)).toEqual([null, null]); // just written: too fresh to trust their folders' times
		// Two hours on, the run has settled
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + 2 * 3_600_000);
		const settled = await mlflowFsAdapter.list(mlruns, { previous: () => undefined });
		const listedAgain = settled.units[0]!;
		const rechecked = await mlflowFsAdapter.list(mlruns, {
			previous: (key) => (key === unit.key ? { fingerprint: listedAgain.fingerprint, hint: listedAgain.hint, ended: true } : undefined),
		});
		expect(rechecked.units[0]).toMatchObject({ fingerprint: listedAgain.fingerprint, files: null });
	});
});
