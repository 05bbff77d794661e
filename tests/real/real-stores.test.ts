// Every adapter against the real run stores in ../shared/fixtures/real/ (read in place, never
// copied). Expected values come from tests/real/expected.ts, which does not use src/ingest/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExpectedRun, expectedFsRuns, expectedSqlRuns, statusName } from './expected.ts';
import { ingestRealStore, REAL, REPO, snapshotStore } from './real-store.ts';
import { expectStableReingest } from './stable-reingest.ts';

interface StoreCase {
	name: string;
	path: string;
	kind: 'mlflow-fs' | 'mlflow-sqlite';
	/** Facts from the fixtures' README, as a second, independent check. */
	runs: number;
	statuses: Record<string, number>;
	deleted?: number;
}

const STORES: StoreCase[] = [
	{ name: 'tipresias__augury', path: 'tipresias__augury/mlruns', kind: 'mlflow-fs', runs: 44, statuses: { FINISHED: 44 }, deleted: 1 },
	{ name: 'keimoriyama__baseline', path: 'keimoriyama__baseline/mlruns', kind: 'mlflow-fs', runs: 25, statuses: { FINISHED: 11, RUNNING: 14 } },
	{ name: 'gabrielneil__mlflow-project', path: 'gabrielneil__mlflow-project/mlruns', kind: 'mlflow-fs', runs: 2, statuses: { FINISHED: 2 } },
	{
		name: 'Krewllaks__EdgeAgent-YOLO-MLOps',
		path: 'Krewllaks__EdgeAgent-YOLO-MLOps/runs/mlflow',
		kind: 'mlflow-fs',
		runs: 5,
		statuses: { FINISHED: 3, RUNNING: 2 },
	},
	{ name: '00VALAK00__MCP-LLamaIndex-CRUD-Agent', path: '00VALAK00__MCP-LLamaIndex-CRUD-Agent/mlruns', kind: 'mlflow-fs', runs: 0, statuses: {} },
	{
		name: 'MadanManav__MLFlow_tutorial_with_hyperopt',
		path: 'MadanManav__MLFlow_tutorial_with_hyperopt/mlruns.db',
		kind: 'mlflow-sqlite',
		runs: 100,
		statuses: { FINISHED: 100 },
	},
	{
		name: '1412010__nda-mlops-zoomcamp-2024',
		path: '1412010__nda-mlops-zoomcamp-2024/week-02/mlflow.db',
		kind: 'mlflow-sqlite',
		runs: 17,
		statuses: { FINISHED: 13, FAILED: 3, RUNNING: 1 },
	},
];

function sameNumber(actual: number | null, expected: number): boolean {
	if (actual === null) return false;
	return Number.isNaN(expected) ? Number.isNaN(actual) : actual === expected;
}

describe.runIf(existsSync(REAL))('real run stores', () => {
	it.each(STORES.map((s) => [s.name, s] as const))('%s: run count, statuses, start times and every final value', async (_, store) => {
		const path = join(REAL, store.path);
		const before = snapshotStore(store.kind === 'mlflow-sqlite' ? join(path, '..') : path);
		const { runs, report } = await ingestRealStore(path);
		expect(report.bad).toEqual([]);
		const expected: ExpectedRun[] = store.kind === 'mlflow-fs' ? expectedFsRuns(path) : expectedSqlRuns(path);
		// README facts and the independent reader agree with each other
		expect(expected).toHaveLength(store.runs);
		const counts: Record<string, number> = {};
		for (const e of expected) counts[statusName(e.statusRaw)] = (counts[statusName(e.statusRaw)] ?? 0) + 1;
		expect(counts).toEqual(store.statuses);
		if (store.deleted !== undefined) expect(expected.filter((e) => e.deleted)).toHaveLength(store.deleted);
		// …and ingest agrees with both
		expect(runs).toHaveLength(store.runs);
		const byId = new Map(runs.map((r) => [r.nativeId, r]));
		let finals = 0;
		for (const e of expected) {
			const run = byId.get(e.uuid)!;
			expect(run, e.uuid).toBeDefined();
			expect(run.source).toBe(store.kind);
			expect(run.statusRaw).toBe(e.statusRaw);
			const name = statusName(e.statusRaw);
			// MLflow has no heartbeat: a run it still calls RUNNING, silent for long, is reported as crashed
			expect(run.status).toBe(name === 'RUNNING' ? 'crashed' : name.toLowerCase());
			expect(run.startedAt).toBe(e.startedAt);
			expect(run.deleted).toBe(e.deleted);
			expect(Object.keys(run.metrics).sort()).toEqual(Object.keys(e.finals).sort());
			for (const [key, value] of Object.entries(e.finals)) {
				expect(sameNumber(run.metrics[key]!.final, value), `${e.uuid} ${key}: ${run.metrics[key]!.final} vs ${value}`).toBe(true);
				finals++;
			}
		}
		if (store.runs > 0) expect(finals).toBeGreaterThan(0);
		// Read in place, nothing changed or added
		expect(snapshotStore(store.kind === 'mlflow-sqlite' ? join(path, '..') : path)).toBe(before);
	});

	it('keimoriyama: 18-digit-free old layout, .trash experiments, 1,902-line histories', async () => {
		const { runs } = await ingestRealStore(join(REAL, 'keimoriyama__baseline/mlruns'));
		const longest = Math.max(...runs.flatMap((r) => Object.values(r.metrics).map((m) => m.count)));
		expect(longest).toBe(1902);
		expect(runs.filter((r) => r.deleted)).toHaveLength(14); // every run under .trash/, plus lifecycle_stage: deleted
		for (const r of runs) for (const m of Object.values(r.metrics)) expect(m.series.length).toBeLessThanOrEqual(64);
	});

	it('Krewllaks: 18-digit experiment ids kept as strings, nested metric keys as paths', async () => {
		const { runs } = await ingestRealStore(join(REAL, 'Krewllaks__EdgeAgent-YOLO-MLOps/runs/mlflow'));
		expect(new Set(runs.map((r) => r.experimentId))).toEqual(new Set(['624632983661181692', '838687865351777662']));
		expect(new Set(runs.map((r) => r.experiment))).toEqual(new Set(['runs/smoke', 'runs/phase1']));
		const keys = new Set(runs.flatMap((r) => Object.keys(r.metrics)));
		expect(keys).toContain('metrics/mAP50-95B');
		expect(keys).toContain('train/box_loss');
	});

	it('gabrielneil: the model registry is not an experiment; notes and the owner tag are read', async () => {
		const { runs } = await ingestRealStore(join(REAL, 'gabrielneil__mlflow-project/mlruns'));
		expect(runs.every((r) => r.notes !== null && r.tags['owner'] !== undefined)).toBe(true);
		expect(runs.every((r) => !Object.keys(r.tags).some((k) => k.startsWith('mlflow.')))).toBe(true);
	});

	it('all real stores at once: a second ingest leaves every digest byte-identical', async () => {
		await expectStableReingest(
			STORES.map((s) => join(REAL, s.path)),
			REPO
		);
	});
});
