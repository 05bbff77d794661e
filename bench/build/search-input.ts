/**
 * Writes what Hindsight's search step hands Pagefind (the built pages that mark a search body, their
 * ignored parts emptied: src/lib/search-pages.ts) into a folder, so that the Pagefind CLI can index it
 * the way the floor's output is indexed and the two costs can be compared.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { emptyIgnoredElements, hasSearchBody } from '../../src/lib/search-pages.ts';

/** Writes the search input of the built site `dist` into `out` (emptied first); returns its page count and bytes. */
export async function writeSearchInput(dist: string, out: string): Promise<{ pages: number; bytes: number }> {
	await rm(out, { recursive: true, force: true });
	let pages = 0;
	let bytes = 0;
	for (const path of (await readdir(dist, { recursive: true })).sort()) {
		if (!path.endsWith('.html') || path.startsWith('pagefind/')) continue;
		const html = await readFile(join(dist, path), 'utf8');
		if (!hasSearchBody(html)) continue;
		const content = emptyIgnoredElements(html);
		await mkdir(dirname(join(out, path)), { recursive: true });
		await writeFile(join(out, path), content);
		pages++;
		bytes += Buffer.byteLength(content);
	}
	return { pages, bytes };
}
