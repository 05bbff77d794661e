// Builders for small run stores written by the tests themselves, in each format's exact layout.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { IngestOptions } from '../../../src/ingest/pipeline.ts';

export function tempDir(prefix = 'hindsight-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export function put(path: string, content: string | Buffer): void {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, content);
}

export interface FsRun {
	uuid: string;
	meta?: string;
	metrics?: Record<string, string>;
	params?: Record<string, string>;
	tags?: Record<string, string>;
}

export function runMeta(uuid: string, experimentId: string, fields: Record<string, string | number | null> = {}): string {
	const base: Record<string, string | number | null> = {
		artifact_uri: `file:///tmp/mlruns/${experimentId}/${uuid}/artifacts`,
		end_time: 1767225900000,
		entry_point_name: "''",
		experiment_id: `'${experimentId}'`,
		lifecycle_stage: 'active',
		run_id: uuid,
		run_name: `run-${uuid.slice(0, 4)}`,
		run_uuid: uuid,
		source_type: 4,
		start_time: 1767225600000,
		status: 3,
		tags: '[]',
		user_id: 'tester',
		...fields,
	};
	return `${Object.entries(base)
		.filter(([, v]) => v !== undefined)
		.map(([k, v]) => `${k}: ${v === null ? 'null' : v}`)
		.join('\n')}\n`;
}

/** Writes an experiment and its runs into an `mlruns` folder. */
export function writeFsExperiment(root: string, id: string, name: string, runs: FsRun[], note?: string, trash = false): void {
	const dir = trash ? join(root, '.trash', id) : join(root, id);
	put(
		join(dir, 'meta.yaml'),
		`artifact_location: file:///tmp/mlruns/${id}\ncreation_time: 1767225600000\nexperiment_id: '${id}'\nlast_update_time: 1767225600000\nlifecycle_stage: active\nname: ${name}\n`
	);
	if (note !== undefined) put(join(dir, 'tags', 'mlflow.note.content'), note);
	for (const run of runs) {
		const runDir = join(dir, run.uuid);
		put(join(runDir, 'meta.yaml'), run.meta ?? runMeta(run.uuid, id));
		for (const [k, v] of Object.entries(run.metrics ?? {})) put(join(runDir, 'metrics', k), v);
		for (const [k, v] of Object.entries(run.params ?? {})) put(join(runDir, 'params', k), v);
		for (const [k, v] of Object.entries(run.tags ?? {})) put(join(runDir, 'tags', k), v);
	}
}

/** A uuid-like 32-hex id from a small number, so tests read well. */
export function uuid(n: number): string {
	return n.toString(16).padStart(32, '0');
}

/** Writes an MLflow 2.x-shaped SQLite store (only the tables and columns ingest reads). */
export function writeSqliteStore(path: string): void {
	mkdirSync(dirname(path), { recursive: true });
	const db = new DatabaseSync(path);
	db.exec(`
		CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name VARCHAR(256) NOT NULL UNIQUE, artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT);
		CREATE TABLE experiment_tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), experiment_id INTEGER NOT NULL, PRIMARY KEY (key, experiment_id));
		CREATE TABLE runs (run_uuid VARCHAR(32) PRIMARY KEY, name VARCHAR(250), source_type VARCHAR(20), source_name VARCHAR(500), entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(9), start_time BIGINT, end_time BIGINT, deleted_time BIGINT, source_version VARCHAR(50), lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER);
		CREATE TABLE params (key VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid));
		CREATE TABLE tags (key VARCHAR(250) NOT NULL, value VARCHAR(8000), run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid));
		CREATE TABLE metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL, step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL, PRIMARY KEY (key, timestamp, step, run_uuid, value, is_nan));
		CREATE TABLE latest_metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT, step BIGINT NOT NULL, is_nan BOOLEAN NOT NULL, run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid));
		INSERT INTO experiments VALUES (0, 'Default', 'file:///tmp/a/0', 'active', 1767225600000, 1767225600000);
		INSERT INTO experiments VALUES (1, 'sql-exp', 'file:///tmp/a/1', 'active', 1767225600000, 1767225600000);
		INSERT INTO experiment_tags VALUES ('mlflow.note.content', 'About this experiment.\nLesson: the SQL store keeps experiment notes too.', 1);
		INSERT INTO runs VALUES ('${uuid(0xa1)}', 'sql-run-a', 'LOCAL', '', '', 'sqluser', 'FINISHED', 1769904000000, 1769904060000, NULL, '', 'active', '', 1);
		INSERT INTO runs VALUES ('${uuid(0xa2)}', 'sql-run-b', 'LOCAL', '', '', 'sqluser', 'RUNNING', 1769990400000, NULL, NULL, '', 'active', '', 1);
		INSERT INTO runs VALUES ('${uuid(0xa3)}', 'sql-run-c', 'LOCAL', '', '', 'sqluser', 'FAILED', 1770076800000, 1770076860000, 1770163200000, '', 'deleted', '', 1);
		INSERT INTO params VALUES ('optimizer.lr', '0.001', '${uuid(0xa1)}');
		INSERT INTO tags VALUES ('mlflow.note.content', 'Lesson: keep the database read-only while ingesting.', '${uuid(0xa1)}');
		INSERT INTO tags VALUES ('mlflow.user', 'sqluser', '${uuid(0xa1)}');
		INSERT INTO tags VALUES ('mlflow.parentRunId', '${uuid(0xa3)}', '${uuid(0xa1)}');
		INSERT INTO tags VALUES ('team', 'lumen', '${uuid(0xa1)}');
		INSERT INTO metrics VALUES ('val_loss', 0.9, 1769904001000, '${uuid(0xa1)}', 0, 0);
		INSERT INTO metrics VALUES ('val_loss', 0.5, 1769904002000, '${uuid(0xa1)}', 1, 0);
		INSERT INTO metrics VALUES ('val_loss', 0, 1769904003000, '${uuid(0xa1)}', 2, 1);
		INSERT INTO metrics VALUES ('val/acc', 1.7976931348623157e308, 1769904003000, '${uuid(0xa1)}', 2, 0);
		INSERT INTO latest_metrics VALUES ('val_loss', 0, 1769904003000, 2, 1, '${uuid(0xa1)}');
		INSERT INTO latest_metrics VALUES ('val/acc', 1.7976931348623157e308, 1769904003000, 2, 0, '${uuid(0xa1)}');
		INSERT INTO metrics VALUES ('val_loss', 0.8, 1769990401000, '${uuid(0xa2)}', 0, 0);
	`);
	db.close();
}

/** Ingest options for a test: everything in temporary folders, a fixed "now". */
export function testOptions(paths: string[], work: string, overrides: Partial<IngestOptions> = {}): IngestOptions {
	return {
		paths,
		outDir: join(work, 'out'),
		cacheDir: join(work, 'cache'),
		lockDir: join(work, 'cache'),
		lockWaitMs: 0,
		since: null,
		until: null,
		dryRun: false,
		strict: false,
		replace: false,
		nowMs: Date.parse('2026-11-26T00:00:00Z'),
		staleAfterMs: 24 * 3_600_000,
		cwd: work,
		...overrides,
	};
}
