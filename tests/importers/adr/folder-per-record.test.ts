// Records kept one per folder (`<date>-<slug>/README.md`, `<nnnn>-<slug>/index.md`) inside category folders.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { importAdrFolder, readAdrFolder } from '../../../src/importers/adr/import-folder.ts';
import { planImport } from '../../../src/importers/adr/plan-import.ts';
import { copyFixtureArchive } from '../../helpers.ts';
import { ADR_FIXTURES, PEOPLE_ONLY, readArchiveState } from './helpers.ts';

const FOLDER = join(ADR_FIXTURES, 'folder-per-record');
const cleanups: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(cleanups.map((cleanup) => cleanup())));

test('reads one record per folder holding README.md or index.md, in category folders, and lists the files beside them', async () => {
	const folder = await readAdrFolder(FOLDER, { history: false });
	expect(folder.sources.map(({ file }) => file)).toEqual([
		'platform/2024-02-05-cache-tokenised-shards/README.md',
		'platform/2024-04-10-evict-cached-shards-by-age/README.md',
		'README.md',
		'training/0003-freeze-the-tokenizer/index.md',
	]);
	expect([...folder.files]).toEqual(['platform/2024-02-05-cache-tokenised-shards/cache-layout.png']);
});

test('takes dates and numbers from the folder names, keeps supersession between folders and copies the images a record shows', async () => {
	const { sources, files } = await readAdrFolder(FOLDER, { history: false });
	const plan = planImport(sources, PEOPLE_ONLY, { fallbackDeciders: [], impact: ['data'] }, files);
	expect(plan.report.find(({ source }) => source === 'README.md')?.outcome).toBe('not-an-adr');
	expect(
		plan.records.map(({ source, data }) => `${source} → ${data.id} ${data.date} ${data.status} [${data.supersedes.join(',')}] ${data.deciders.join(',')}`)
	).toEqual([
		'training/0003-freeze-the-tokenizer/index.md → DR-0001 2024-03-18 accepted [] ',
		'platform/2024-02-05-cache-tokenised-shards/README.md → DR-0002 2024-02-05 superseded [] ada',
		'platform/2024-04-10-evict-cached-shards-by-age/README.md → DR-0003 2024-04-10 accepted [DR-0002] ada,ben',
	]);
	const [, cache, evict] = plan.records;
	expect(cache!.assets).toEqual([
		{ from: 'platform/2024-02-05-cache-tokenised-shards/cache-layout.png', to: '0002-cache-tokenised-shards-on-the-training-nodes/cache-layout.png' },
	]);
	expect(cache!.text).toContain('![Cache layout](./0002-cache-tokenised-shards-on-the-training-nodes/cache-layout.png)');
	expect(evict!.text).toContain('The cache from the shard cache decision (DR-0002) filled');
});

test('writes each record and its images into the archive, and a second run writes nothing', async () => {
	const { dir, cleanup } = await copyFixtureArchive();
	cleanups.push(cleanup);
	const options = { fallbackDeciders: [], impact: ['data' as const], history: false };
	const plan = await importAdrFolder(FOLDER, dir, await readArchiveState(dir), options);
	expect(plan.records).toHaveLength(3);
	const folder = plan.records.find(({ assets }) => assets.length > 0)!.file.replace(/\.mdx$/, '');
	expect(await readdir(join(dir, 'decisions', folder))).toEqual(['cache-layout.png']);
	expect(await readFile(join(dir, 'decisions', folder, 'cache-layout.png'))).toEqual(
		await readFile(join(FOLDER, 'platform/2024-02-05-cache-tokenised-shards/cache-layout.png'))
	);
	const again = await importAdrFolder(FOLDER, dir, await readArchiveState(dir), options);
	expect(again.records).toHaveLength(0);
});
