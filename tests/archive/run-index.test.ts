import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formatIssues } from '../../src/archive/issues.ts';
import { checkRunIndex, formatRunIndex, isRunIndexCurrent, readRunIndex, updateRunIndex } from '../../src/archive/run-index.ts';
import { validateArchive, validateArchiveFiles } from '../../src/archive/validate-archive.ts';
import { copyFixtureArchive, editFile } from '../helpers.ts';

let archive: { dir: string; cleanup: () => Promise<void> };
const runsDir = () => join(archive.dir, 'runs');
const indexFile = () => join(runsDir(), 'index.json');
beforeEach(async () => {
	archive = await copyFixtureArchive();
});
afterEach(() => archive.cleanup());

describe('the run index', () => {
	test('lists each digest with its size, runs and lesson ids, one run per line, and is written only when it changes', async () => {
		expect(await updateRunIndex(runsDir())).toBe(true);
		const { index, issues } = await readRunIndex(archive.dir);
		expect(issues).toEqual([]);
		const digest = JSON.parse(await readFile(join(runsDir(), '2026-02.json'), 'utf8'));
		const entry = index!.digests.find(({ month }) => month === '2026-02')!;
		expect(entry.bytes).toBe((await readFile(join(runsDir(), '2026-02.json'))).length);
		expect(entry.runs).toEqual(digest.runs.map(({ id, name, experiment, tags }: Record<string, unknown>) => ({ id, name, experiment, tags })));
		expect(entry.lessons).toEqual(digest.lessons.map(({ id }: { id: string }) => id));
		const text = await readFile(indexFile(), 'utf8');
		expect(text.split('\n').filter((line) => line.startsWith('{"id":'))).toHaveLength(index!.digests.flatMap(({ runs }) => runs).length);
		expect(await updateRunIndex(runsDir())).toBe(false);
		expect(await readFile(indexFile(), 'utf8')).toBe(text);
	});

	test('reads again only the digests whose size changed, or that it is told were written', async () => {
		await updateRunIndex(runsDir());
		// An index whose entry for 2026-01 says something else at the right size: not read again unless asked.
		const { index } = await readRunIndex(archive.dir);
		index!.digests[0]!.runs[0]!.name = 'tampered';
		await writeFile(indexFile(), formatRunIndex(index!));
		await updateRunIndex(runsDir());
		expect(await readFile(indexFile(), 'utf8')).toContain('"tampered"');
		await updateRunIndex(runsDir(), new Set(['2026-01']));
		expect(await readFile(indexFile(), 'utf8')).not.toContain('"tampered"');
		// A digest that grew is read again without being named.
		await editFile(join(runsDir(), '2026-02.json'), /"name": "([^"]+)"/, '"name": "grown-$1"');
		await updateRunIndex(runsDir());
		expect(await readFile(indexFile(), 'utf8')).toContain('"grown-');
	});

	test('is current while every digest has the size it lists, and only then', async () => {
		await updateRunIndex(runsDir());
		const { index } = await readRunIndex(archive.dir);
		expect(await isRunIndexCurrent(archive.dir, index!)).toBe(true);
		await editFile(join(runsDir(), '2026-02.json'), /"name": "([^"]+)"/, '"name": "x$1"');
		expect(await isRunIndexCurrent(archive.dir, index!)).toBe(false);
		await updateRunIndex(runsDir());
		await writeFile(join(runsDir(), '2026-03.json'), await readFile(join(runsDir(), '2026-02.json'), 'utf8'));
		expect(await isRunIndexCurrent(archive.dir, (await readRunIndex(archive.dir)).index!)).toBe(false);
	});

	test('that does not match the digests is a problem of the archive, naming the months and the command that mends it', async () => {
		expect((await validateArchive(archive.dir)).issues).toEqual([]);
		await updateRunIndex(runsDir());
		expect((await validateArchive(archive.dir)).issues).toEqual([]);
		await editFile(join(runsDir(), '2026-02.json'), /"name": "([^"]+)"/, '"name": "y$1"');
		const issues = formatIssues((await validateArchive(archive.dir)).issues);
		expect(issues).toMatch(/runs\/index\.json: does not match the digests of 2026-02 .*run `npm run ingest -- --index-only` to write it again/);
		// A month it lists whose digest is gone.
		await updateRunIndex(runsDir());
		await rm(join(runsDir(), '2026-01.json'));
		const { index } = await readRunIndex(archive.dir);
		expect(formatIssues(await checkRunIndex(archive.dir, index!, []))).toMatch(/does not match the digests of 2026-01 /);
	});

	test('that is not valid is reported with its field, and a digest out of shape is left out of it', async () => {
		await writeFile(indexFile(), '{"schemaVersion":1,"digests":[{"month":"2026-13","bytes":-1,"runs":[],"lessons":[]}]}');
		const { index, issues } = await readRunIndex(archive.dir);
		expect(index).toBeUndefined();
		expect(formatIssues(issues)).toMatch(/index\.json digests\[0\]\.month: .*npm run ingest -- --index-only/);
		// An index wrong everywhere alike: the first five problems, then how many more.
		const bad = Array.from({ length: 8 }, () => '{"month":"2026-13","bytes":1,"runs":[],"lessons":[]}').join(',');
		await writeFile(indexFile(), `{"schemaVersion":1,"digests":[${bad}]}`);
		const many = (await readRunIndex(archive.dir)).issues;
		expect(many).toHaveLength(6);
		expect(many.at(-1)!.message).toMatch(/^and 3 more problems like these; run `npm run ingest -- --index-only`/);
		await writeFile(indexFile(), '{');
		expect(formatIssues((await readRunIndex(archive.dir)).issues)).toMatch(/index\.json: not valid JSON/);
		await writeFile(join(runsDir(), '2026-02.json'), '{"hand": "written"}');
		await updateRunIndex(runsDir());
		expect((await readRunIndex(archive.dir)).index!.digests.map(({ month }) => month)).toEqual(['2026-01']);
	});
});

describe('the first step of the check, with a current run index', () => {
	test('reads no digest when asked to defer them: references to runs are checked against the index, the digests later', async () => {
		await updateRunIndex(runsDir());
		// The same size, so that the index still vouches for the file: only reading it finds the problem.
		await editFile(join(runsDir(), '2026-02.json'), '"status": "finished"', '"status": "finishez"');
		const first = await validateArchiveFiles(archive.dir, archive.dir, { deferDigests: true });
		expect(first.digestsDeferred).toBe(true);
		expect(first.issues).toEqual([]);
		expect(first.archive.runs).toEqual([]);
		expect(formatIssues(await first.checkRest())).toMatch(/2026-02\.json runs\[\d+\]\.status: .*"finishez"/);
		// Without the index, or not deferring, the digests are read at once.
		const now = await validateArchiveFiles(archive.dir, archive.dir);
		expect(now.digestsDeferred).toBe(false);
		expect(formatIssues(now.issues)).toMatch(/finishez/);
	});

	test('still reports a reference to a run that no digest holds', async () => {
		await updateRunIndex(runsDir());
		const retro = (await readFile(join(archive.dir, 'retros/2026-02.mdx'), 'utf8')).replace(
			/\n---\n/,
			'\n---\n\n<MetricValue run="no-such-run" metric="val_loss" />\n'
		);
		await writeFile(join(archive.dir, 'retros/2026-02.mdx'), retro);
		const first = await validateArchiveFiles(archive.dir, archive.dir, { deferDigests: true });
		expect(first.digestsDeferred).toBe(true);
		expect(formatIssues(first.issues)).toMatch(/<MetricValue run="no-such-run">: unknown run/);
	});
});
