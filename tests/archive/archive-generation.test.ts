import { join } from 'node:path';
import { expect, test } from 'vitest';
import { classifyChange, formatGenerationKey, noteArchiveChange, readArchiveGeneration } from '../../src/archive/archive-generation.ts';
import { resolveCacheDir } from '../../src/archive/content-dir.ts';

const paths = { contentDir: '/srv/archive', sourceDir: '/work/hindsight/src' };

test('a digest is a change to the digests; the site options are a change to the entries', () => {
	expect(classifyChange(paths, '/srv/archive/runs/2025-06.json')).toBe('digests');
	expect(classifyChange(paths, '/srv/archive/hindsight.yaml')).toBe('entries');
	expect(classifyChange(paths, '/srv/archive/hindsight.yml')).toBe('entries');
});

test('entry files are left to the content layer, and other files in the archive change nothing', () => {
	expect(classifyChange(paths, '/srv/archive/retros/2025-06.mdx')).toBeUndefined();
	expect(classifyChange(paths, '/srv/archive/decisions/0001-x.mdx')).toBeUndefined();
	expect(classifyChange(paths, '/srv/archive/people/ada.yaml')).toBeUndefined();
	expect(classifyChange(paths, '/srv/archive/runs/README.md')).toBeUndefined();
	expect(classifyChange(paths, '/srv/archive/runs/old/2025-06.json')).toBeUndefined();
	expect(classifyChange(paths, '/srv/archive/notes.txt')).toBeUndefined();
	expect(classifyChange(paths, '/srv/archive')).toBeUndefined();
});

test("the site's code is a change to the source; files elsewhere, or in a folder that only starts alike, are nothing", () => {
	expect(classifyChange(paths, '/work/hindsight/src/model/site-model.ts')).toBe('source');
	expect(classifyChange(paths, '/work/hindsight/.astro/data-store.json')).toBeUndefined();
	expect(classifyChange(paths, '/work/hindsight/src-old/x.ts')).toBeUndefined();
	expect(classifyChange(paths, '/srv/archive-2/runs/2025-06.json')).toBeUndefined();
});

test('an archive folder inside the source folder is classified as the archive', () => {
	const nested = { contentDir: '/work/hindsight/src/content', sourceDir: '/work/hindsight/src' };
	expect(classifyChange(nested, '/work/hindsight/src/content/retros/2025-06.mdx')).toBeUndefined();
	expect(classifyChange(nested, '/work/hindsight/src/content/runs/2025-06.json')).toBe('digests');
});

test('each change moves its own counter, and the key with it', () => {
	const before = readArchiveGeneration();
	noteArchiveChange('entries');
	noteArchiveChange('digests');
	noteArchiveChange('digests');
	const after = readArchiveGeneration();
	expect(after).toEqual({ entries: before.entries + 1, digests: before.digests + 2, source: before.source });
	expect(formatGenerationKey(after)).not.toBe(formatGenerationKey(before));
	expect(formatGenerationKey({ entries: 1, digests: 12, source: 0 })).not.toBe(formatGenerationKey({ entries: 11, digests: 2, source: 0 }));
});

test('the content cache is one folder per archive folder, unless HINDSIGHT_CACHE_DIR names one', () => {
	const root = '/work/hindsight';
	const example = resolveCacheDir(root, {});
	const other = resolveCacheDir(root, { HINDSIGHT_CONTENT: '/srv/archive' });
	expect(example).toMatch(/^\/work\/hindsight\/node_modules\/\.astro\/archive-[0-9a-f]{12}$/);
	expect(other).not.toBe(example);
	expect(resolveCacheDir(root, { HINDSIGHT_CONTENT: 'content' })).toBe(example);
	expect(resolveCacheDir(root, { HINDSIGHT_CONTENT: '../srv/../srv/archive' })).toBe(
		resolveCacheDir(root, { HINDSIGHT_CONTENT: join(root, '../srv/archive') })
	);
	expect(resolveCacheDir(root, { HINDSIGHT_CACHE_DIR: 'tmp/cache', HINDSIGHT_CONTENT: '/srv/archive' })).toBe('/work/hindsight/tmp/cache');
});
