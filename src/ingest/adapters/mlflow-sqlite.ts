// MLflow's SQL store in a SQLite file, `mlflow.db` (run-formats.md §2.10), read through `node:sqlite`.
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import type { RunMetric } from '../../schemas/run-record.ts';
import type { ExperimentLessons, RunUnit, StoreAdapter, StoreListing } from '../adapter.ts';
import { BadRunError } from '../adapter.ts';
import { extractLessons } from '../lessons.ts';
import { NOTE_TAG, toMlflowRecord } from './mlflow-run.ts';

type Row = Record<string, unknown>;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function toNumber(value: unknown): number | null {
	if (value === null || value === undefined) return null;
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
}

function toText(value: unknown): string | null {
	return value === null || value === undefined ? null : String(value);
}

/** Runs a query with 64-bit integers as BigInt, so ids and ms timestamps lose no digits. */
function all(db: DatabaseSync, sql: string, ...params: string[]): Row[] {
	const statement = db.prepare(sql);
	statement.setReadBigInts(true);
	return statement.all(...params) as Row[];
}

function hasTable(db: DatabaseSync, name: string): boolean {
	return all(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", name).length > 0;
}

/** Opens `mlflow.db` read-only: SQLite never writes the file, its journal or WAL; a busy writer is waited for (5 s). */
export function openReadOnly(path: string): DatabaseSync {
	return new DatabaseSync(path, { readOnly: true, timeout: 5000 });
}

async function hasSqliteHeader(path: string): Promise<boolean> {
	const handle = await open(path, 'r');
	try {
		const { bytesRead, buffer } = await handle.read(Buffer.alloc(16), 0, 16, 0);
		return bytesRead === 16 && buffer.toString('latin1') === SQLITE_MAGIC;
	} finally {
		await handle.close();
	}
}

async function stampOf(path: string): Promise<string> {
	const info = await stat(path).catch(() => null);
	return info ? `${info.size}:${info.mtimeMs}` : '-';
}

/** The rows of every run, read in one pass over each table when the first changed run is read. */
interface Tables {
	params: Map<string, Record<string, string>>;
	tags: Map<string, Record<string, string>>;
	metrics: Map<string, Record<string, RunMetric>>;
}

/** One run of the database; the database, open until the ingest is done, is shared by all of them. */
export interface MlflowSqliteUnit extends RunUnit {
	runUuid: string;
	db: DatabaseSync;
	storePath: string;
	tables: () => Tables;
}

function groupKeyValues(rows: Row[]): Map<string, Record<string, string>> {
	const out = new Map<string, Record<string, string>>();
	for (const row of rows) {
		const run = toText(row['run_uuid'])!;
		const record = out.get(run) ?? {};
		out.set(run, record);
		record[toText(row['key'])!] = toText(row['value']) ?? '';
	}
	return out;
}

/** Every run's metric points; a row's `is_nan` marks a NaN that SQL stores as 0. MLflow's own `latest_metrics` row is the final value. */
function readMetrics(db: DatabaseSync): Map<string, Record<string, RunMetric>> {
	const byRun = new Map<string, Record<string, RunMetric>>();
	// A stable order, so ties in the final rule resolve the same way on every ingest
	const rows = db.prepare('SELECT run_uuid, key, value, timestamp, step, is_nan FROM metrics ORDER BY run_uuid, key, step, timestamp, is_nan, value');
	rows.setReadBigInts(true);
	for (const row of rows.iterate() as Iterable<Row>) {
		const run = toText(row['run_uuid'])!;
		const metrics = byRun.get(run) ?? {};
		byRun.set(run, metrics);
		const key = toText(row['key'])!;
		const metric = metrics[key] ?? { steps: [], values: [], timestamps: [], finalRule: 'mlflow-sql', final: null, direction: null };
		metrics[key] = metric;
		metric.steps.push(toNumber(row['step']) ?? 0);
		metric.values.push(toNumber(row['is_nan']) === 1 ? NaN : (toNumber(row['value']) ?? NaN));
		metric.timestamps.push(toNumber(row['timestamp']));
	}
	if (hasTable(db, 'latest_metrics')) {
		for (const row of all(db, 'SELECT run_uuid, key, value, step, is_nan FROM latest_metrics')) {
			const metric = byRun.get(toText(row['run_uuid'])!)?.[toText(row['key'])!];
			if (metric) metric.final = { value: toNumber(row['is_nan']) === 1 ? NaN : (toNumber(row['value']) ?? NaN), step: toNumber(row['step']) ?? 0 };
		}
	}
	return byRun;
}

function readTables(db: DatabaseSync): Tables {
	return {
		params: groupKeyValues(all(db, 'SELECT run_uuid, key, value FROM params')),
		tags: groupKeyValues(all(db, 'SELECT run_uuid, key, value FROM tags')),
		metrics: readMetrics(db),
	};
}

export const mlflowSqliteAdapter: StoreAdapter<MlflowSqliteUnit> = {
	kind: 'mlflow-sqlite',
	async detect(path, entry, named) {
		if (!entry.isFile() || !(named || /\.(db|sqlite3?)$/i.test(path))) return false;
		return hasSqliteHeader(path).catch(() => false);
	},
	async list(storePath): Promise<StoreListing<MlflowSqliteUnit>> {
		// The database and its write-ahead log as a whole: any write may change any run
		const stamp = `${await stampOf(storePath)}/${await stampOf(`${storePath}-wal`)}`;
		const db = openReadOnly(storePath);
		if (!hasTable(db, 'runs') || !hasTable(db, 'experiments')) {
			db.close();
			return {
				units: [],
				experimentLessons: [],
				warnings: [],
				bad: [{ path: storePath, reason: `${storePath}: a SQLite database without MLflow's runs and experiments tables` }],
			};
		}
		// One read transaction from listing to the last read: every run is read from the same snapshot
		db.exec('BEGIN');
		const close = () => {
			db.exec('COMMIT');
			db.close();
		};
		const listing: StoreListing<MlflowSqliteUnit> = { units: [], experimentLessons: [], bad: [], warnings: [], close };
		let tables: Tables | undefined;
		const loadTables = () => (tables ??= readTables(db));
		if (hasTable(db, 'experiment_tags')) {
			const notes = all(
				db,
				'SELECT t.experiment_id, t.value, e.name FROM experiment_tags t LEFT JOIN experiments e ON e.experiment_id = t.experiment_id WHERE t.key = ? ORDER BY t.experiment_id',
				NOTE_TAG
			);
			for (const row of notes) {
				const texts = extractLessons(toText(row['value']));
				if (texts.length)
					listing.experimentLessons.push({
						experimentKey: `mlflow-sqlite:${storePath}:${toText(row['experiment_id'])}`,
						experiment: toText(row['name']),
						texts,
					} satisfies ExperimentLessons);
			}
		}
		for (const row of all(db, 'SELECT run_uuid FROM runs ORDER BY run_uuid')) {
			const runUuid = toText(row['run_uuid'])!;
			listing.units.push({
				key: `mlflow-sqlite:${storePath}:${runUuid}`,
				path: `${storePath}#runs/${runUuid}`,
				fingerprint: createHash('sha1').update(`${stamp}\n${runUuid}`).digest('base64url'),
				runUuid,
				db,
				storePath,
				tables: loadTables,
			});
		}
		return listing;
	},
	async read(unit) {
		const { db, runUuid, storePath } = unit;
		const [row] = all(
			db,
			'SELECT r.*, e.name AS experiment_name FROM runs r LEFT JOIN experiments e ON e.experiment_id = r.experiment_id WHERE r.run_uuid = ?',
			runUuid
		);
		if (!row) throw new BadRunError(`${unit.path}: the run is no longer in the database`);
		const startMs = toNumber(row['start_time']);
		if (startMs === null) throw new BadRunError(`${unit.path}: start_time is empty`);
		const experimentId = toText(row['experiment_id']) ?? '';
		return toMlflowRecord({
			source: 'mlflow-sqlite',
			runUuid,
			experimentId,
			experimentName: toText(row['experiment_name']),
			experimentKey: `mlflow-sqlite:${storePath}:${experimentId}`,
			runName: toText(row['name']),
			legacyName: null,
			statusRaw: toText(row['status']),
			startMs,
			endMs: toNumber(row['end_time']),
			userId: toText(row['user_id']),
			lifecycleStage: toText(row['lifecycle_stage']),
			inTrash: false,
			params: unit.tables().params.get(runUuid) ?? {},
			tags: unit.tables().tags.get(runUuid) ?? {},
			metrics: unit.tables().metrics.get(runUuid) ?? {},
			warnings: [],
		});
	},
};
