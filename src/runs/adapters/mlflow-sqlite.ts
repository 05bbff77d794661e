import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { MetricSummaryInput } from '../../schemas/digest.ts';
import { extractLessons } from '../lessons.ts';
import { buildMlflowDraft } from '../mlflow-common.ts';
import { guessDirection } from '../metric-direction.ts';
import { addMetricPoint, createMetricPoints, type MetricPoints } from '../metric-points.ts';
import { summariseMetric } from '../metric-summary.ts';
import type { BadRun, ExperimentLessons, OpenedStore, ReadOutcome, RunUnit, StoreAdapter } from '../types.ts';

type Row = Record<string, unknown>;

function toNumber(value: unknown): number | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'number') return value;
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
}

function toText(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	return typeof value === 'string' ? value : String(value);
}

/** Runs every query with 64-bit integers as BigInt, so ids and ms timestamps lose no digits. */
function all(db: DatabaseSync, sql: string): Row[] {
	const statement: StatementSync = db.prepare(sql);
	statement.setReadBigInts(true);
	return statement.all() as Row[];
}

function hasTable(db: DatabaseSync, name: string): boolean {
	return all(db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name = '${name}'`).length > 0;
}

/**
 * Opens `mlflow.db` read-only. SQLite's read-only mode never writes the file, its journal or WAL;
 * a busy writer is waited for (up to 5 s) rather than disturbed.
 */
export function openReadOnly(path: string): DatabaseSync {
	return new DatabaseSync(path, { readOnly: true, timeout: 5000 });
}

interface Tables {
	experiments: Map<string, { name: string | null }>;
	runs: Map<string, Row>;
	params: Map<string, Record<string, string>>;
	tags: Map<string, Record<string, string>>;
	metrics: Map<string, Map<string, MetricPoints>>;
	latest: Map<string, Map<string, { value: number; step: number }>>;
}

function groupKeyValue(rows: Row[]): Map<string, Record<string, string>> {
	const out = new Map<string, Record<string, string>>();
	for (const row of rows) {
		const run = toText(row['run_uuid'])!;
		let record = out.get(run);
		if (!record) out.set(run, (record = {}));
		record[toText(row['key'])!] = toText(row['value']) ?? '';
	}
	return out;
}

/** Reads every table the digest needs in one read transaction, so the snapshot is consistent. */
function readTables(db: DatabaseSync): Tables {
	db.exec('BEGIN');
	try {
		const experiments = new Map<string, { name: string | null }>();
		for (const row of all(db, 'SELECT experiment_id, name FROM experiments')) {
			experiments.set(toText(row['experiment_id'])!, { name: toText(row['name']) });
		}
		const runs = new Map(all(db, 'SELECT * FROM runs').map((row) => [toText(row['run_uuid'])!, row]));
		const params = groupKeyValue(all(db, 'SELECT run_uuid, key, value FROM params'));
		const tags = groupKeyValue(all(db, 'SELECT run_uuid, key, value FROM tags'));
		const metrics = new Map<string, Map<string, MetricPoints>>();
		// Stable order, so ties in the summariser resolve the same way on every ingest
		const metricRows = db.prepare(
			'SELECT run_uuid, key, value, timestamp, step, is_nan FROM metrics ORDER BY run_uuid, key, step, timestamp, is_nan, value',
		);
		metricRows.setReadBigInts(true);
		for (const row of metricRows.iterate() as Iterable<Row>) {
			const run = toText(row['run_uuid'])!;
			const key = toText(row['key'])!;
			let byKey = metrics.get(run);
			if (!byKey) metrics.set(run, (byKey = new Map()));
			let points = byKey.get(key);
			if (!points) byKey.set(key, (points = createMetricPoints(8)));
			const isNan = toNumber(row['is_nan']) === 1;
			addMetricPoint(points, toNumber(row['step']) ?? 0, isNan ? NaN : toNumber(row['value'])!, toNumber(row['timestamp']) ?? NaN);
		}
		const latest = new Map<string, Map<string, { value: number; step: number }>>();
		if (hasTable(db, 'latest_metrics')) {
			for (const row of all(db, 'SELECT run_uuid, key, value, step, is_nan FROM latest_metrics')) {
				const run = toText(row['run_uuid'])!;
				let byKey = latest.get(run);
				if (!byKey) latest.set(run, (byKey = new Map()));
				const isNan = toNumber(row['is_nan']) === 1;
				byKey.set(toText(row['key'])!, { value: isNan ? NaN : toNumber(row['value'])!, step: toNumber(row['step']) ?? 0 });
			}
		}
		return { experiments, runs, params, tags, metrics, latest };
	} finally {
		db.exec('COMMIT');
	}
}

async function fingerprintFile(path: string): Promise<string> {
	try {
		const info = await stat(path);
		return `${info.size}:${info.mtimeMs}`;
	} catch {
		return '-';
	}
}

function makeRunUnit(storePath: string, loadTables: () => Tables, runUuid: string, dbFingerprint: string): RunUnit {
	return {
		key: `mlflow-sqlite:${storePath}:${runUuid}`,
		path: `${storePath}#runs/${runUuid}`,
		async fingerprint() {
			return createHash('sha1').update(`${dbFingerprint}\n${runUuid}`).digest('base64url');
		},
		async read(filter): Promise<ReadOutcome> {
			const warnings: string[] = [];
			const tables = loadTables();
			const row = tables.runs.get(runUuid)!;
			const startMs = toNumber(row['start_time']);
			if (startMs === null) return { kind: 'bad', bad: { path: this.path, reason: `${this.path}: start_time is empty` } };
			if (!filter(startMs < 1e11 ? startMs * 1000 : startMs)) return { kind: 'skipped' };
			const experimentId = toText(row['experiment_id']) ?? '';
			const metrics: Record<string, MetricSummaryInput> = {};
			let lastTs: number | null = null;
			const latest = tables.latest.get(runUuid);
			for (const [key, points] of [...(tables.metrics.get(runUuid) ?? new Map<string, MetricPoints>())].sort(([a], [b]) => (a < b ? -1 : 1))) {
				const summary = summariseMetric(points, { rule: 'mlflow-sql', direction: guessDirection(key), final: latest?.get(key) });
				if (summary) metrics[key] = summary;
				for (let i = 0; i < points.length; i++) if (lastTs === null || points.timestamps[i]! > lastTs) lastTs = points.timestamps[i]!;
			}
			const draft = buildMlflowDraft({
				source: 'mlflow-sqlite',
				runUuid,
				experimentId,
				experimentName: tables.experiments.get(experimentId)?.name ?? null,
				experimentKey: `mlflow-sqlite:${storePath}:${experimentId}`,
				runName: toText(row['name']),
				legacyName: null,
				statusRaw: toText(row['status']),
				startMs,
				endMs: toNumber(row['end_time']),
				userId: toText(row['user_id']),
				lifecycleStage: toText(row['lifecycle_stage']),
				inTrash: false,
				params: tables.params.get(runUuid) ?? {},
				tags: tables.tags.get(runUuid) ?? {},
				metrics,
				lastMetricTsMs: lastTs,
				warnings,
			});
			return { kind: 'run', draft };
		},
	};
}

/** Reads MLflow's SQL store in a SQLite file (`mlflow.db`) through `node:sqlite`, read-only. */
export const mlflowSqliteAdapter: StoreAdapter = {
	kind: 'mlflow-sqlite',
	async open(storePath: string): Promise<OpenedStore> {
		const bad: BadRun[] = [];
		const dbFingerprint = [await fingerprintFile(storePath), await fingerprintFile(`${storePath}-wal`)].join('/');
		const db = openReadOnly(storePath);
		let closed = false;
		const close = () => {
			if (!closed) db.close();
			closed = true;
		};
		try {
			if (!hasTable(db, 'runs') || !hasTable(db, 'experiments')) {
				bad.push({ path: storePath, reason: `${storePath}: a SQLite database without MLflow's runs and experiments tables` });
				close();
				return { kind: 'mlflow-sqlite', path: storePath, units: [], experimentLessons: [], bad, warnings: [], close };
			}
			// Rows are loaded only when some run changed: an unchanged database costs one listing query
			let tables: Tables | null = null;
			const loadTables = () => (tables ??= readTables(db));
			const experimentLessons: ExperimentLessons[] = [];
			const notes = hasTable(db, 'experiment_tags')
				? all(db, "SELECT t.experiment_id, t.value, e.name FROM experiment_tags t LEFT JOIN experiments e ON e.experiment_id = t.experiment_id WHERE t.key = 'mlflow.note.content' ORDER BY t.experiment_id")
				: [];
			for (const row of notes) {
				const experimentId = toText(row['experiment_id'])!;
				const note = toText(row['value']) ?? '';
				const texts = extractLessons(note);
				if (texts.length) {
					experimentLessons.push({
						experimentKey: `mlflow-sqlite:${storePath}:${experimentId}`,
						experiment: toText(row['name']),
						texts,
					});
				}
			}
			const units = all(db, 'SELECT run_uuid FROM runs ORDER BY run_uuid').map((row) =>
				makeRunUnit(storePath, loadTables, toText(row['run_uuid'])!, dbFingerprint),
			);
			return { kind: 'mlflow-sqlite', path: storePath, units, experimentLessons, bad, warnings: [], close };
		} catch (error) {
			close();
			throw error;
		}
	},
};
