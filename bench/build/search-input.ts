/**
 * Writes what Hindsight's search step hands Pagefind (`readSearchablePages`: the built pages that mark a
 * search body, their ignored parts emptied) into a folder, so that the Pagefind CLI can index it the way
 * the floor's output is indexed and the two costs can be compared.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readSearchablePages } from '../../src/search/search-pages.ts';

/** Writes the search input of the built site `dist` into `out` (emptied first); returns its page count and bytes. */
export async function writeSearchInput(dist: string, out: string): Promise<{ pages: number; bytes: number }> {
	await rm(out, { recursive: true, force: true });
	let pages = 0;
	let bytes = 0;
	for await (const { path, content } of readSearchablePages(dist)) {
		await mkdir(dirname(join(out, path)), { recursive: true });
		await writeFile(join(out, path), content);
		pages++;
		bytes += Buffer.byteLength(content);
	}
	return { pages, bytes };
}
