// Re-ingest reads only runs that changed, and still sees every change: appended metric files, new files,
// rewritten tags; a run that ended long ago is checked by its folders and tag files (`recheckEndedRun`).
import { appendFileSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingest } from '../../src/ingest/pipeline.ts';
import { put, runMeta, tempDir, testOptions, uuid, writeFsExperiment } from './helpers/stores.ts';

const LOSS = '1767225601000 0.9 0\n1767225602000 0.4 1\n';

function makeStore(work: string): string {
	const mlruns = join(work, 'mlruns');
	writeFsExperiment(mlruns, '0', 'Default', [
		{ uuid: uuid(1), metrics: { loss: LOSS, 'val/acc': '1767225601000 0.5 0\n' }, params: { lr: '0.1' }, tags: { team: 'a' } },
		{ uuid: uuid(2), metrics: { loss: LOSS }, tags: { team: 'b' } },
	]);
	return mlruns;
}

function cacheText(work: string): string {
	const dir = join(work, 'cache');
	return readdirSync(dir)
		.filter((n) => n.endsWith('.json'))
		.map((n) => readFileSync(join(dir, n), 'utf8'))
		.join('');
}

function digestRun(work: string, n: number) {
	const digest = JSON.parse(readFileSync(join(work, 'out', '2026-01.json'), 'utf8'));
	return digest.runs.find((r: { nativeId: string }) => r.nativeId === uuid(n));
}

describe('re-ingest change detection', () => {
	let work: string;
	let mlruns: string;
	beforeEach(() => {
		work = tempDir('hindsight-change-');
		mlruns = makeStore(work);
		// Folders written moments ago are "racy" (their times are not trusted); let them settle
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + 60_000);
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('records folder listings in the cache and reads nothing when nothing changed', async () => {
		const first = await ingest(testOptions([mlruns], work));
		expect(first.runsRead).toBe(2);
		const cache = JSON.parse(cacheText(work));
		const hint = cache.units[`mlflow-fs:${join(mlruns, '0', uuid(1))}`].hint;
		expect(hint.folders.map((f: [string]) => f[0])).toEqual(['', 'metrics', join('metrics', 'val'), 'params', 'tags']);
		expect(hint.tags.map((t: [string]) => t[0])).toEqual([join('tags', 'team')]);
		const before = cacheText(work);
		const again = await ingest(testOptions([mlruns], work));
		expect([again.runsRead, again.runsReused]).toEqual([0, 2]);
		expect(cacheText(work)).toBe(before);
	});

	it('re-reads a run whose metric file was appended to (its folder does not change), and only that run', async () => {
		await ingest(testOptions([mlruns], work));
		appendFileSync(join(mlruns, '0', uuid(1), 'metrics', 'loss'), '1767225603000 0.2 2\n');
		const again = await ingest(testOptions([mlruns], work));
		expect([again.runsRead, again.runsReused]).toEqual([1, 1]);
		expect(digestRun(work, 1).metrics.loss.count).toBe(3);
		expect(digestRun(work, 1).metrics.loss.final).toBe(0.2);
	});

	it('sees a metric file appended in a nested metric folder', async () => {
		await ingest(testOptions([mlruns], work));
		appendFileSync(join(mlruns, '0', uuid(1), 'metrics', 'val', 'acc'), '1767225603000 0.75 1\n');
		const again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(1);
		expect(digestRun(work, 1).metrics['val/acc'].final).toBe(0.75);
	});

	it('sees a new metric file even when the folder mtime is set back (ctime still moves)', async () => {
		await ingest(testOptions([mlruns], work));
		const metrics = join(mlruns, '0', uuid(2), 'metrics');
		const old = new Date('2026-01-01T00:00:00Z');
		utimesSync(metrics, old, old);
		await ingest(testOptions([mlruns], work));
		put(join(metrics, 'acc'), '1767225601000 0.5 0\n');
		utimesSync(metrics, old, old);
		const again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(1);
		expect(Object.keys(digestRun(work, 2).metrics)).toEqual(['acc', 'loss']);
	});

	it('sees a removed metric file, a rewritten tag and a created params folder', async () => {
		await ingest(testOptions([mlruns], work));
		rmSync(join(mlruns, '0', uuid(1), 'metrics', 'val', 'acc'));
		let again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(1);
		expect(Object.keys(digestRun(work, 1).metrics)).toEqual(['loss']);
		// Same size, new content: the file's mtime moves
		const tag = join(mlruns, '0', uuid(2), 'tags', 'team');
		writeFileSync(tag, 'c');
		utimesSync(tag, new Date(), new Date(Date.now() + 5_000));
		again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(1);
		expect(digestRun(work, 2).tags).toEqual({ team: 'c' });
		put(join(mlruns, '0', uuid(2), 'params', 'seed'), '7');
		again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(1);
		expect(digestRun(work, 2).params).toEqual({ seed: '7' });
	});

	it('gives the same digests with and without the cache', async () => {
		await ingest(testOptions([mlruns], work, { cwd: work }));
		appendFileSync(join(mlruns, '0', uuid(1), 'metrics', 'loss'), '1767225603000 0.1 5\n');
		await ingest(testOptions([mlruns], work, { cwd: work }));
		const fresh = tempDir('hindsight-change-fresh-');
		await ingest(testOptions([mlruns], fresh, { cacheDir: null, lockDir: join(fresh, 'lock'), cwd: work }));
		expect(readFileSync(join(work, 'out', '2026-01.json'), 'utf8')).toBe(readFileSync(join(fresh, 'out', '2026-01.json'), 'utf8'));
	});
});

describe('re-ingest of runs that finished long ago', () => {
	let work: string;
	let mlruns: string;
	const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
	const metaOf = (n: number) => join(mlruns, '0', uuid(n), 'meta.yaml');
	beforeEach(() => {
		work = tempDir('hindsight-settled-');
		mlruns = join(work, 'mlruns');
		writeFsExperiment(mlruns, '0', 'Default', [
			{
				uuid: uuid(1),
				metrics: { loss: LOSS, 'val/acc': '1767225601000 0.5 0\n' },
				params: { lr: '0.1' },
				tags: { team: 'a', 'mlflow.note.content': 'Lesson: one.' },
			},
			{ uuid: uuid(2), meta: runMeta(uuid(2), '0', { status: 1, end_time: null }), metrics: { loss: LOSS } },
		]);
		for (const n of [1, 2]) utimesSync(metaOf(n), hoursAgo(2), hoursAgo(2));
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + 60_000);
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('sees a new metric file, also in a nested folder, and a removed one', async () => {
		await ingest(testOptions([mlruns], work));
		put(join(mlruns, '0', uuid(1), 'metrics', 'val', 'f1'), '1767225601000 0.7 0\n');
		let again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(1);
		expect(Object.keys(digestRun(work, 1).metrics)).toEqual(['loss', 'val/acc', 'val/f1']);
		rmSync(join(mlruns, '0', uuid(1), 'metrics', 'loss'));
		again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(1);
		expect(Object.keys(digestRun(work, 1).metrics)).toEqual(['val/acc', 'val/f1']);
	});

	it('sees a tag rewritten in place (a note edited after the run ended) and a new param', async () => {
		await ingest(testOptions([mlruns], work));
		writeFileSync(join(mlruns, '0', uuid(1), 'tags', 'mlflow.note.content'), 'Lesson: two.');
		let again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(1);
		expect(digestRun(work, 1).notes).toBe('Lesson: two.');
		put(join(mlruns, '0', uuid(1), 'params', 'seed'), '7');
		again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(1);
		expect(digestRun(work, 1).params).toEqual({ lr: '0.1', seed: '7' });
	});

	it('sees meta.yaml rewritten (a run resumed or ended again)', async () => {
		await ingest(testOptions([mlruns], work));
		writeFileSync(metaOf(1), runMeta(uuid(1), '0', { status: 4 }));
		const again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(1);
		expect(digestRun(work, 1).status).toBe('failed');
	});

	it('still checks each metric file of a run that is RUNNING', async () => {
		await ingest(testOptions([mlruns], work));
		appendFileSync(join(mlruns, '0', uuid(2), 'metrics', 'loss'), '1767225603000 0.2 2\n');
		const again = await ingest(testOptions([mlruns], work));
		expect([again.runsRead, again.runsReused]).toEqual([1, 1]);
		expect(digestRun(work, 2).metrics.loss.count).toBe(3);
	});

	it('does not see a line appended in place to a settled finished run, until --full-check', async () => {
		await ingest(testOptions([mlruns], work));
		appendFileSync(join(mlruns, '0', uuid(1), 'metrics', 'loss'), '1767225603000 0.2 2\n');
		const plain = await ingest(testOptions([mlruns], work));
		expect([plain.runsRead, plain.runsReused]).toEqual([0, 2]);
		const full = await ingest(testOptions([mlruns], work, { fullCheck: true }));
		expect([full.runsRead, full.runsReused]).toEqual([1, 1]);
		expect(digestRun(work, 1).metrics.loss.count).toBe(3);
	});

	it('reads a settled run again when its digest was touched, and keeps what it needs to skip it next time', async () => {
		await ingest(testOptions([mlruns], work));
		const digest = join(work, 'out', '2026-01.json');
		const before = readFileSync(digest, 'utf8');
		utimesSync(digest, new Date(), new Date(Date.now() + 5_000));
		const again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(2);
		expect(readFileSync(digest, 'utf8')).toBe(before);
		const third = await ingest(testOptions([mlruns], work));
		expect([third.runsRead, third.runsReused]).toEqual([0, 2]);
		appendFileSync(join(mlruns, '0', uuid(1), 'tags', 'team'), 'b');
		expect((await ingest(testOptions([mlruns], work))).runsRead).toBe(1);
	});

	it('checks a run file by file until its meta.yaml has been unchanged for an hour', async () => {
		utimesSync(metaOf(1), hoursAgo(0.5), hoursAgo(0.5));
		await ingest(testOptions([mlruns], work));
		appendFileSync(join(mlruns, '0', uuid(1), 'metrics', 'loss'), '1767225603000 0.2 2\n');
		const again = await ingest(testOptions([mlruns], work));
		expect(again.runsRead).toBe(1);
		expect(digestRun(work, 1).metrics.loss.count).toBe(3);
	});
});
