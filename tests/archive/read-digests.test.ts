import { rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type DigestFileCache, readDigests, readMonthSeries, rememberDigests } from '../../src/archive/read-digests.ts';
import { copyFixtureArchive, editFile, FIXTURE_ARCHIVE } from '../helpers.ts';

test("a month's series are read by run and metric, non-finite values decoded", async () => {
	const series = await readMonthSeries(FIXTURE_ARCHIVE, '2026-02');
	expect(series('manifest:warmup-a', 'val_loss')).toEqual([
		[0, 0.9],
		[50, 0.5],
		[100, 0.41],
	]);
	expect(series('manifest:warmup-b', 'val_loss')?.slice(0, 3)).toEqual([
		[0, 0.95],
		[10, 0.7],
		[20, Number.NaN],
	]);
});

test('an unknown run, metric or month has no series', async () => {
	const series = await readMonthSeries(FIXTURE_ARCHIVE, '2026-02');
	expect(series('manifest:nope', 'val_loss')).toBeUndefined();
	expect(series('manifest:warmup-a', 'val/acc')).toBeUndefined();
	// Metric keys come from the run store: one that names an Object property is still just unknown.
	expect(series('manifest:warmup-a', 'constructor')).toBeUndefined();
	expect((await readMonthSeries(FIXTURE_ARCHIVE, '2025-12'))('manifest:warmup-a', 'val_loss')).toBeUndefined();
});

describe('reading digests again', () => {
	let archive: { dir: string; cleanup: () => Promise<void> };
	const runsDir = () => join(archive.dir, 'runs');
	// Files written long enough ago for their stamps to vouch for what was read.
	const settle = async (name: string) => utimes(join(runsDir(), name), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
	beforeEach(async () => {
		archive = await copyFixtureArchive();
		await Promise.all(['2026-01.json', '2026-02.json'].map(settle));
	});
	afterEach(() => archive.cleanup());

	test('only a digest whose file changed is read again', async () => {
		const cache: DigestFileCache = new Map();
		const [january, february] = await readDigests(archive.dir, cache);
		await editFile(join(runsDir(), '2026-02.json'), '"manifest:warmup-a"', '"manifest:warmup-z"');
		await settle('2026-02.json');
		const again = await readDigests(archive.dir, cache);
		expect(again[0]).toBe(january);
		expect(again[1]).not.toBe(february);
		expect(again[1]!.data.runs.map((run) => run.id)).toContain('manifest:warmup-z');
	});

	test('a digest modified just now is read again next time, and a removed one is dropped', async () => {
		const cache: DigestFileCache = new Map();
		await editFile(join(runsDir(), '2026-02.json'), '"manifest:warmup-a"', '"manifest:warmup-z"');
		const [january, february] = await readDigests(archive.dir, cache);
		const again = await readDigests(archive.dir, cache);
		expect(again[0]).toBe(january);
		expect(again[1]).not.toBe(february);
		await rm(join(runsDir(), '2026-01.json'));
		expect((await readDigests(archive.dir, cache)).map(({ id }) => id)).toEqual(['2026-02']);
		expect([...cache.keys()]).not.toContain('2026-01.json');
	});

	test('digests read by the archive check are kept if their files predate the check', async () => {
		const validated = await readDigests(archive.dir);
		await editFile(join(runsDir(), '2026-02.json'), '"manifest:warmup-a"', '"manifest:warmup-z"');
		const cache: DigestFileCache = new Map();
		await rememberDigests(archive.dir, validated, Date.now(), cache);
		const read = await readDigests(archive.dir, cache);
		expect(read[0]).toBe(validated[0]);
		expect(read[1]!.data.runs.map((run) => run.id)).toContain('manifest:warmup-z');
	});
});
