import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlflowSqliteAdapter } from '../../../src/ingest/adapters/mlflow-sqlite.ts';
import { tempDir, uuid, writeSqliteStore } from '../helpers/stores.ts';
import { readStore } from './read-store.ts';

const file = { isFile: () => true, isDirectory: () => false };

describe('mlflow-sqlite adapter', () => {
	it('claims SQLite files by their header, not by their name alone', async () => {
		const dir = tempDir();
		writeSqliteStore(join(dir, 'mlflow.db'));
		writeFileSync(join(dir, 'fake.db'), 'not a database');
		expect(await mlflowSqliteAdapter.detect(join(dir, 'mlflow.db'), file, false)).toBe(true);
		expect(await mlflowSqliteAdapter.detect(join(dir, 'fake.db'), file, false)).toBe(false);
	});

	it('reads runs into the run model, NaN from is_nan, the final point from latest_metrics', async () => {
		const path = join(tempDir(), 'mlflow.db');
		writeSqliteStore(path);
		const { units, records } = await readStore(mlflowSqliteAdapter, path);
		expect(units.map((u) => u.path)).toEqual([uuid(0xa1), uuid(0xa2), uuid(0xa3)].map((id) => `${path}#runs/${id}`));
		const [a, b, c] = records;
		expect(a).toMatchObject({
			id: `mlflow:${uuid(0xa1)}`,
			experiment: 'sql-exp',
			experimentId: '1',
			status: 'finished',
			parentId: `mlflow:${uuid(0xa3)}`,
			params: { 'optimizer.lr': '0.001' },
			tags: { team: 'lumen' },
		});
		expect(a!.metrics['val_loss']).toEqual({
			steps: [0, 1, 2],
			values: [0.9, 0.5, NaN],
			timestamps: [1769904001000, 1769904002000, 1769904003000],
			finalRule: 'mlflow-sql',
			final: { step: 2, value: NaN },
			direction: null,
		});
		expect(b).toMatchObject({ status: 'running' });
		expect(c).toMatchObject({ status: 'failed', deleted: true });
	});
});
