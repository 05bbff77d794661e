import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DIGEST_FILE } from '../../src/archive/read-digests.ts';
import { acquireLock, LockHeldError } from '../../src/ingest/lock.ts';
import { ingest } from '../../src/ingest/pipeline.ts';
import { type Digest, digestSchema } from '../../src/schemas/digest.ts';
import { runIndexSchema } from '../../src/schemas/run-index.ts';
import { put, runMeta, tempDir, testOptions, uuid, writeFsExperiment, writeSqliteStore } from './helpers/stores.ts';

const EXP = '482915730118264530'; // 18 digits: more than 2^53, must stay a string

function makeStores(work: string) {
	const mlruns = join(work, 'stores', 'mlruns');
	writeFsExperiment(mlruns, '0', 'Default', [{ uuid: uuid(1), metrics: { loss: '1767225601000 0.9 0\n1767225602000 0.4 1\n' } }]);
	writeFsExperiment(
		mlruns,
		EXP,
		'churn-xgb',
		[
			{
				uuid: uuid(2),
				metrics: {
					'val/loss': '1767225601000 0.6931 0\r\n1767225602000 0.5123 1\r\n1767225603000 nan 2\r\n',
					'val/acc': '1767225601000 0.5 0\n1767225602000 0.75 2\n1767225603000 0.7 1\n',
					old_style: '1767225601000 3.5\n',
					throughput: '1767225601000 inf 0\n1767225602000 12.0 1\n1767225603000 13.5',
				},
				params: { 'optimizer.lr': '0.001', 'model/depth': '6' },
				tags: {
					'mlflow.user': 'ana',
					'mlflow.runName': 'bright-owl-42',
					'mlflow.source.git.commit': 'abc123',
					'mlflow.note.content': 'Tried a deeper model.\n\nLesson: depth 6 overfits the churn data.\n- Lesson: keep depth ≤ 4',
					'mlflow.log-model.history': '[]',
					owner: 'ana',
				},
			},
			{
				uuid: uuid(3),
				meta: runMeta(uuid(3), EXP, { status: "'FAILED'", start_time: 1769904000000, end_time: 1769904100000 }),
				tags: { 'mlflow.parentRunId': uuid(2) },
			},
			{ uuid: uuid(4), meta: runMeta(uuid(4), EXP, { status: 1, end_time: null, start_time: 1769904000000 }), metrics: { loss: '1769904005000 1.0 0\n' } },
			{ uuid: uuid(5), meta: runMeta(uuid(5), EXP, { lifecycle_stage: 'deleted', deleted_time: 1767300000000, status: 5 }) },
		],
		'Experiment about churn.\nLesson: churn labels lag by a month.'
	);
	writeFsExperiment(mlruns, '7', 'trashed', [{ uuid: uuid(6) }], undefined, true);
	put(join(mlruns, 'models', 'my-model', 'meta.yaml'), 'name: my-model\n');
	put(
		join(work, 'stores', 'manifests', 'eval.run.yaml'),
		'manifestVersion: 1\nid: eval-1\nexperiment: holdout\nstartedAt: 2026-02-03T10:00:00+01:00\nendedAt: 2026-02-03T11:00:00Z\nuser: eobi\nparams: {eval: {split: v2}, seed: 3}\nmetrics:\n  holdout/acc: [[0, 0.8], [1, 0.85]]\n  ece: [[0, .nan]]\nlessons: [Split by lot.]\n'
	);
	put(
		join(work, 'stores', 'manifests', 'eval2.run.json'),
		'{"manifestVersion": 1, "id": "eval-2", "startedAt": "2026-02-04T00:00:00Z", "metrics": {"x": NaN, "val_loss": 0.25}}'
	);
	writeSqliteStore(join(work, 'stores', 'sql', 'mlflow.db'));
	return join(work, 'stores');
}

function readDigests(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const name of readdirSync(dir).sort()) if (DIGEST_FILE.test(name)) out[name] = readFileSync(join(dir, name), 'utf8');
	return out;
}

function runById(digests: Record<string, string>, id: string) {
	for (const text of Object.values(digests)) {
		const d = digestSchema.parse(JSON.parse(text)) as Digest;
		const run = d.runs.find((r) => r.id === id);
		if (run) return { run, digest: d };
	}
	throw new Error(`no run ${id}`);
}

let work: string;
let stores: string;
beforeEach(() => {
	work = tempDir();
	stores = makeStores(work);
});

describe('ingest of small stores of each kind', () => {
	it('writes valid monthly digests with the common run model', async () => {
		const report = await ingest(testOptions([stores], work));
		expect(report.bad).toEqual([]);
		expect(report.errors).toEqual([]);
		const digests = readDigests(join(work, 'out'));
		expect(Object.keys(digests)).toEqual(['2026-01.json', '2026-02.json']);
		for (const text of Object.values(digests)) {
			expect(() => digestSchema.parse(JSON.parse(text))).not.toThrow();
			expect(text.endsWith('}\n')).toBe(true);
		}
		// Beside the digests, the run index lists each month's runs and the file's size.
		expect(report.runIndex).toEqual({ path: 'out/index.json', action: 'written' });
		const index = runIndexSchema.parse(JSON.parse(readFileSync(join(work, 'out', 'index.json'), 'utf8')));
		expect(index.digests.map(({ month, bytes, runs }) => [month, bytes, runs.length])).toEqual(
			Object.entries(digests).map(([name, text]) => [name.slice(0, 7), Buffer.byteLength(text), JSON.parse(text).runs.length])
		);
		const { run, digest } = runById(digests, `mlflow:${uuid(2)}`);
		expect(run.experimentId).toBe(EXP);
		expect(run.name).toBe('run-0000'); // meta.yaml run_name wins over the mlflow.runName tag
		expect(run.user).toBe('ana');
		expect(run.git).toEqual({ commit: 'abc123', branch: null, repoUrl: null });
		expect(run.params).toEqual({ 'model/depth': '6', 'optimizer.lr': '0.001' });
		expect(run.tags).toEqual({ owner: 'ana' });
		expect(run.startedAt).toBe('2026-01-01T00:00:00.000Z');
		expect(run.metrics['val/loss']).toMatchObject({ final: NaN, nanCount: 1, count: 3, min: 0.5123, best: 0.5123, bestStep: 1, direction: 'min' });
		expect(run.metrics['val/acc']).toMatchObject({ final: 0.75, lastStep: 2, best: 0.75, direction: 'max' });
		expect(run.metrics['old_style']).toMatchObject({ final: 3.5, lastStep: 0 });
		expect(run.metrics['throughput']).toMatchObject({ final: 12, count: 2, max: 12 });
		expect(run.warnings.join('\n')).toMatch(/metrics\/throughput: last line has no newline/);
		expect(digest.sources.map((s) => s.path)).toEqual(['stores/mlruns']);
		expect(digest.lessons.map((l) => [l.text, l.origin])).toEqual([
			['depth 6 overfits the churn data.', 'run-note'],
			['keep depth ≤ 4', 'run-note'],
			['churn labels lag by a month.', 'experiment-note'],
		]);
		expect(runById(digests, `mlflow:${uuid(3)}`).run).toMatchObject({ status: 'failed', statusRaw: 'FAILED', parentId: `mlflow:${uuid(2)}` });
		expect(runById(digests, `mlflow:${uuid(4)}`).run).toMatchObject({ status: 'crashed', statusRaw: '1', endedAt: null });
		expect(runById(digests, `mlflow:${uuid(5)}`).run).toMatchObject({ status: 'killed', deleted: true });
		expect(runById(digests, `mlflow:${uuid(6)}`).run).toMatchObject({ deleted: true, experiment: 'trashed' });
		const manifest = runById(digests, 'manifest:eval-1').run;
		expect(manifest).toMatchObject({ source: 'manifest', startedAt: '2026-02-03T09:00:00.000Z', params: { 'eval.split': 'v2', seed: 3 } });
		expect(manifest.metrics['ece']!.final).toBeNaN();
		expect(runById(digests, 'manifest:eval-2').run.metrics['x']!.final).toBeNaN();
		const sql = runById(digests, `mlflow:${uuid(0xa1)}`);
		expect(sql.run).toMatchObject({ source: 'mlflow-sqlite', experiment: 'sql-exp', experimentId: '1', status: 'finished', parentId: `mlflow:${uuid(0xa3)}` });
		expect(sql.run.metrics['val_loss']).toMatchObject({ final: NaN, min: 0.5, count: 3, nanCount: 1 });
		expect(sql.run.metrics['val/acc']!.final).toBe(1.7976931348623157e308);
		expect(runById(digests, `mlflow:${uuid(0xa2)}`).run.status).toBe('crashed');
		expect(runById(digests, `mlflow:${uuid(0xa3)}`).run).toMatchObject({ status: 'failed', deleted: true });
		expect(sql.digest.lessons.map((l) => l.text)).toContain('the SQL store keeps experiment notes too.');
	});

	it('gives byte-identical digests on a second ingest, with or without the cache', async () => {
		await ingest(testOptions([stores], work));
		const first = readDigests(join(work, 'out'));
		const again = await ingest(testOptions([stores], work));
		expect(again.runsRead).toBe(0);
		expect(again.months.every((m) => m.action === 'unchanged')).toBe(true);
		expect(readDigests(join(work, 'out'))).toEqual(first);
		const cold = await ingest(testOptions([stores], work, { cacheDir: null }));
		expect(cold.runsRead).toBeGreaterThan(0);
		expect(readDigests(join(work, 'out'))).toEqual(first);
	});

	it('re-reads only the run whose files changed', async () => {
		await ingest(testOptions([stores], work));
		const file = join(stores, 'mlruns', EXP, uuid(2), 'metrics', 'val', 'acc');
		writeFileSync(file, `${readFileSync(file, 'utf8')}1767225604000 0.8 3\n`);
		const report = await ingest(testOptions([stores], work));
		expect(report.runsRead).toBe(1);
		expect(runById(readDigests(join(work, 'out')), `mlflow:${uuid(2)}`).run.metrics['val/acc']!.final).toBe(0.8);
		const cold = readDigests(join(work, 'out'));
		await ingest(testOptions([stores], work, { cacheDir: null }));
		expect(readDigests(join(work, 'out'))).toEqual(cold);
	});

	it('re-judges a RUNNING run once it goes stale', async () => {
		const early = Date.parse('2026-02-01T01:00:00Z');
		await ingest(testOptions([stores], work, { nowMs: early }));
		expect(runById(readDigests(join(work, 'out')), `mlflow:${uuid(4)}`).run.status).toBe('running');
		const report = await ingest(testOptions([stores], work));
		expect(report.runsRead).toBeGreaterThan(0);
		expect(runById(readDigests(join(work, 'out')), `mlflow:${uuid(4)}`).run.status).toBe('crashed');
	});

	it('never overwrites a hand-written file and reports it', async () => {
		put(join(work, 'out', '2026-01.json'), '{"note": "my own notes"}\n');
		const report = await ingest(testOptions([stores], work));
		expect(readFileSync(join(work, 'out', '2026-01.json'), 'utf8')).toBe('{"note": "my own notes"}\n');
		expect(report.errors.join('\n')).toMatch(/2026-01\.json was not written by ingest \(it has no numeric schemaVersion\); refusing/);
		expect(existsSync(join(work, 'out', '2026-02.json'))).toBe(true);
	});

	it('refuses to drop runs of a store that was not given, unless --replace', async () => {
		await ingest(testOptions([stores], work));
		const report = await ingest(testOptions([join(stores, 'mlruns')], work));
		expect(report.errors.join('\n')).toMatch(/also holds runs from stores\/manifests\/eval\.run\.yaml/);
		const replaced = await ingest(testOptions([join(stores, 'mlruns')], work, { replace: true }));
		expect(replaced.errors).toEqual([]);
	});

	it('--dry-run writes nothing; --since/--until limit the months; --strict writes nothing on warnings', async () => {
		const dry = await ingest(testOptions([stores], work, { dryRun: true }));
		expect(dry.months.map((m) => m.action)).toEqual(['would-write', 'would-write']);
		expect(readDigests(join(work, 'out'))).toEqual({});
		const since = await ingest(testOptions([stores], work, { since: '2026-02' }));
		expect(since.months.map((m) => m.month)).toEqual(['2026-02']);
		expect(Object.keys(readDigests(join(work, 'out')))).toEqual(['2026-02.json']);
		const strict = await ingest(testOptions([stores], work, { strict: true, cacheDir: null }));
		expect(strict.errors.join('\n')).toMatch(/--strict/);
		expect(Object.keys(readDigests(join(work, 'out')))).toEqual(['2026-02.json']);
	});

	it("refuses while another ingest holds the lock, and takes over a dead holder's lock", async () => {
		const options = testOptions([stores], work);
		const name = `ingest-${createHash('sha1').update(options.outDir).digest('hex').slice(0, 12)}.lock`;
		const release = await acquireLock(join(options.lockDir, name), 0, 'out');
		await expect(ingest(options)).rejects.toThrow(LockHeldError);
		await expect(ingest(options)).rejects.toThrow(/another ingest is already writing/);
		await release();
		put(join(options.lockDir, name), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), startedAt: 'x' }));
		await expect(ingest(options)).resolves.toBeTruthy();
	});

	it('leaves no temporary files and cleans those of a killed ingest', async () => {
		put(join(work, 'out', '.2026-01.json.999999999.abcd.tmp'), '{"half": ');
		await ingest(testOptions([stores], work));
		expect(readdirSync(join(work, 'out')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
	});

	it('does not change the SQLite database', async () => {
		const db = join(stores, 'sql', 'mlflow.db');
		const before = readFileSync(db);
		const old = new Date('2020-01-01T00:00:00Z');
		utimesSync(db, old, old);
		await ingest(testOptions([db], work));
		expect(readFileSync(db).equals(before)).toBe(true);
		expect(statSync(db).mtimeMs).toBe(old.getTime());
		expect(readdirSync(join(stores, 'sql'))).toEqual(['mlflow.db']);
	});
});
