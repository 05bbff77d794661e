// The Sacred and DVCLive adapters against real stores in ../shared/fixtures/real/ (read in place,
// never copied). Expected values come from expected-sacred.ts and expected-dvclive.ts, which do not
// use src/ingest/; the counts below are the fixtures' README facts, a second, independent check.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedDvcliveRun } from './expected-dvclive.ts';
import { expectedSacredRuns } from './expected-sacred.ts';
import { ingestRealStore, REAL } from './real-store.ts';

const SACRED_STATUS: Record<string, string> = { COMPLETED: 'finished', FAILED: 'failed', INTERRUPTED: 'killed' };

const SACRED = [
	{ name: 'aida-ugent__tgne', path: 'aida-ugent__tgne/my_runs', runs: 8, statuses: { COMPLETED: 8 }, listValued: 0 },
	// Runs 7–9, 34, 35 and 38–47 logged Keras' [loss, accuracy] pair as one value
	{
		name: 'mandark97__Lyrics-Classification',
		path: 'mandark97__Lyrics-Classification/my_runs',
		runs: 44,
		statuses: { COMPLETED: 28, FAILED: 13, INTERRUPTED: 3 },
		listValued: 15,
	},
];

describe.runIf(existsSync(REAL))('real Sacred stores', () => {
	it.each(SACRED.map((s) => [s.name, s] as const))("%s: status, times, params, each metric's count and value at the highest step", async (_, store) => {
		const root = join(REAL, store.path);
		const expected = expectedSacredRuns(root);
		expect(expected).toHaveLength(store.runs);
		const counts: Record<string, number> = {};
		for (const e of expected) counts[e.statusRaw] = (counts[e.statusRaw] ?? 0) + 1;
		expect(counts).toEqual(store.statuses);
		expect(expected.filter((e) => e.listValued.length)).toHaveLength(store.listValued);

		const { runs, report } = await ingestRealStore(root);
		expect(report.bad).toEqual([]);
		expect(runs).toHaveLength(store.runs);
		const byId = new Map(runs.map((r) => [r.nativeId, r]));
		let points = 0;
		for (const e of expected) {
			const run = byId.get(e.id)!;
			expect(run, e.id).toBeDefined();
			expect(run).toMatchObject({
				source: 'sacred',
				statusRaw: e.statusRaw,
				status: SACRED_STATUS[e.statusRaw],
				startedAt: e.startedAt,
				endedAt: e.endedAt,
				experiment: e.experiment,
			});
			expect(run.params).toEqual(e.params);
			expect(Object.keys(run.metrics).sort()).toEqual(Object.keys(e.metrics).sort());
			for (const [key, m] of Object.entries(e.metrics)) {
				expect({ key, count: run.metrics[key]!.count, final: run.metrics[key]!.final }).toEqual({ key, count: m.count, final: m.final });
				points += m.count;
			}
			// A list-valued metric is kept as a warning on its run, never a crash
			for (const key of e.listValued) expect(run.warnings).toContainEqual(expect.stringContaining(`metric ${key}: its 1 value(s) are not numbers`));
		}
		expect(points).toBeGreaterThan(0);
	});

	it('aida-ugent__tgne: git state from experiment.repositories, the host as a tag, 1, 100 or 200 points a metric', async () => {
		const { runs } = await ingestRealStore(join(REAL, 'aida-ugent__tgne/my_runs'));
		for (const run of runs) {
			expect(run.git).toEqual({ commit: '8d89446969c0ccc8adcab1d3fb99b867962b7fdb', branch: null, repoUrl: 'https://github.com/aida-ugent/tgne.git' });
			expect(run.tags).toMatchObject({ host: 'raphael-Latitude-5501', 'git.dirty': 'true' });
		}
		expect(new Set(runs.flatMap((r) => Object.values(r.metrics).map((m) => m.count)))).toEqual(new Set([1, 100, 200]));
	});

	it("mandark97: a failed run's notes end with its traceback's last line; copies of sources in run folders are not read", async () => {
		const { runs } = await ingestRealStore(join(REAL, 'mandark97__Lyrics-Classification/my_runs'));
		const failed = runs.filter((r) => r.statusRaw === 'FAILED');
		expect(failed).toHaveLength(13);
		for (const run of failed) expect(run.notes).toMatch(/^Failed: \w+(Error|Exception)?\b/);
		expect(new Set(runs.map((r) => r.tags['host']))).toEqual(new Set(['matei', 'mandark']));
	});
});

const DVCLIVE = [
	{
		name: 'CaroCardozo__example-dvc-experiments (main)',
		project: 'CaroCardozo__example-dvc-experiments',
		metrics: { 'train/loss': 10, 'train/acc': 10, 'eval/loss': 10, 'eval/acc': 10 },
	},
	...['cnn-16', 'cnn-32', 'cnn-64', 'cnn-128', 'cnn-256'].map((b) => ({
		name: `CaroCardozo__example-dvc-experiments (${b})`,
		project: `CaroCardozo__example-dvc-experiments/_branches/${b}`,
		metrics: { 'train/loss': 10, 'train/acc': 10, 'eval/loss': 10, 'eval/acc': 10 },
	})),
	{
		name: 'ankxyz__fastai-with-dvclive-demo',
		project: 'ankxyz__fastai-with-dvclive-demo',
		metrics: { accuracy: 3, error_rate: 3, 'train/loss': 3, 'eval/loss': 3 },
	},
	{ name: 'dberenbaum__dvclive-fabric', project: 'dberenbaum__dvclive-fabric', metrics: { loss: 470, 'test/loss': 5, 'test/acc': 5 } },
];

describe.runIf(existsSync(REAL))('real DVCLive folders', () => {
	it('CaroCardozo: the project and its five branch copies are six runs, one per DVCLive folder', async () => {
		const { runs, report } = await ingestRealStore(join(REAL, 'CaroCardozo__example-dvc-experiments'));
		expect(report.bad).toEqual([]);
		expect(runs.map((r) => r.name).sort()).toEqual(['CaroCardozo__example-dvc-experiments', 'cnn-128', 'cnn-16', 'cnn-256', 'cnn-32', 'cnn-64']);
	});

	it.each(DVCLIVE.map((s) => [s.name, s] as const))("%s: status, times, params, each metric's count and last row", async (_, store) => {
		const project = join(REAL, store.project);
		const expected = expectedDvcliveRun(project);
		// The README's row counts agree with the independent reader
		expect(Object.fromEntries(Object.entries(expected.metrics).map(([k, m]) => [k, m.count]))).toEqual(store.metrics);
		const { runs, report } = await ingestRealStore(join(project, 'dvclive'));
		expect(report.bad).toEqual([]);
		expect(runs).toHaveLength(1);
		const [run] = runs;
		// DVCLive records no status: a folder with results is finished, as `dvc exp show` reports one
		expect(run).toMatchObject({ source: 'dvclive', status: 'finished', statusRaw: null, startedAt: expected.startedAt, endedAt: expected.endedAt });
		expect(run!.params).toEqual(expected.params);
		expect(Object.keys(run!.metrics).sort()).toEqual(Object.keys(expected.metrics).sort());
		for (const [key, m] of Object.entries(expected.metrics)) {
			expect({ key, count: run!.metrics[key]!.count, final: run!.metrics[key]!.final }).toEqual({ key, count: m.count, final: m.final });
		}
	});

	it('ankxyz: the dvc.yaml that lists each entry four times gives each param once and no warning about it', async () => {
		const { runs } = await ingestRealStore(join(REAL, 'ankxyz__fastai-with-dvclive-demo'));
		expect(runs).toHaveLength(1);
		expect(runs[0]!.warnings.filter((w) => !w.startsWith('no logged times'))).toEqual([]);
		expect(runs[0]!.tags).toMatchObject({ 'dvc.train.cmd': 'python train.py', 'dvc.train.deps.train.py': '42ddd63b86e0c73ff066264d0f761adc' });
	});

	it('dberenbaum: loss steps start at 1 and skip the test steps; metrics.json pairs step 475 with the last loss row', async () => {
		const { runs } = await ingestRealStore(join(REAL, 'dberenbaum__dvclive-fabric'));
		const metrics = runs[0]!.metrics;
		expect(metrics['loss']).toMatchObject({ count: 470, lastStep: 474, final: 0.004679840058088303 });
		expect(metrics['loss']!.series[0]![0]).toBe(1);
		expect(metrics['test/acc']).toMatchObject({ count: 5, lastStep: 475, final: 99.04999542236328 });
		expect(runs[0]!.warnings.filter((w) => !w.startsWith('no logged times'))).toEqual([]);
	});
});
