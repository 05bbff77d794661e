import { readFileSync } from 'node:fs';
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What of a built page Pagefind needs to see. The site's layout marks the main content of indexed pages
 * with `data-pagefind-body` and parts that are not to be indexed (run tables, charts, lists of ids) with
 * `data-pagefind-ignore`. Those parts are about two thirds of a large archive's HTML; Pagefind parses
 * them all only to drop them, so the pages are handed to it with them emptied.
 */

const BODY_ATTRIBUTE = /<[a-zA-Z][^<>]*\sdata-pagefind-body[\s=>]/;
const IGNORE_ATTRIBUTE = 'data-pagefind-ignore';

/** Whether a page marks content for the index; once one page does, Pagefind leaves out those that do not. */
export function hasSearchBody(html: string): boolean {
	return BODY_ATTRIBUTE.test(html);
}

/**
 * The page with the content of every element marked `data-pagefind-ignore` taken out, the element's own
 * tags kept so that words on either side stay apart as before. An element is left whole when its content
 * holds any `data-pagefind-*` attribute (Pagefind still reads filters and metadata inside ignored
 * elements) or its end cannot be found: then Pagefind sees exactly what was built.
 */
export function emptyIgnoredElements(html: string): string {
	const parts: string[] = [];
	let copiedUpTo = 0;
	let searchFrom = 0;
	for (;;) {
		const at = html.indexOf(IGNORE_ATTRIBUTE, searchFrom);
		if (at < 0) break;
		searchFrom = at + IGNORE_ATTRIBUTE.length;
		const tag = openingTagAround(html, at);
		if (!tag) continue;
		const end = findClosingTag(html, tag.name, tag.end);
		if (end < 0) continue;
		if (html.slice(tag.end, end).includes('data-pagefind-')) {
			searchFrom = end;
			continue;
		}
		parts.push(html.slice(copiedUpTo, tag.end));
		copiedUpTo = end;
		searchFrom = end;
	}
	if (copiedUpTo === 0) return html;
	parts.push(html.slice(copiedUpTo));
	return parts.join('');
}

/** The opening tag whose attributes hold position `at`: its element name and where the tag ends. */
function openingTagAround(html: string, at: number): { name: string; end: number } | undefined {
	const start = html.lastIndexOf('<', at);
	const close = html.indexOf('>', at);
	// `>` between the tag's start and the attribute means `at` is in text, not in a tag.
	if (start < 0 || close < 0 || html.lastIndexOf('>', at) > start) return undefined;
	const name = /^<([a-zA-Z][a-zA-Z0-9-]*)[\s/]/.exec(html.slice(start, start + 64))?.[1];
	const attribute = html.slice(at - 1, at + IGNORE_ATTRIBUTE.length + 1);
	if (!name || !/^\s.*[\s=/>]$/.test(attribute)) return undefined;
	return { name: name.toLowerCase(), end: close + 1 };
}

/** Where the end tag matching an element named `name` opened before `from` starts, counting nested ones; -1 if none. */
function findClosingTag(html: string, name: string, from: number): number {
	const tags = new RegExp(`<(/?)${name}(?=[\\s/>])[^>]*>`, 'gi');
	tags.lastIndex = from;
	let depth = 1;
	for (let match = tags.exec(html); match; match = tags.exec(html)) {
		if (match[1]) {
			depth--;
			if (depth === 0) return match.index;
		} else if (!match[0].endsWith('/>')) {
			depth++;
		}
	}
	return -1;
}

/** A built page as it is handed to Pagefind: its path under the output folder and its HTML with ignored parts emptied. */
export interface SearchablePage {
	path: string;
	content: string;
}

/**
 * The built pages under `dir` that mark a search body, each with its ignored parts emptied
 * ({@link emptyIgnoredElements}), in the order Pagefind's own walk takes (depth first, each folder as the
 * file system lists it), since the index numbers pages in the order they come. The search step indexes
 * exactly these, and the build benchmark measures Pagefind over them.
 */
export async function* readSearchablePages(dir: string): AsyncGenerator<SearchablePage> {
	for await (const path of walkHtmlFiles(dir)) {
		// Read synchronously: about half the CPU of fs/promises for a thousand small files
		const html = readFileSync(join(dir, path), 'utf8');
		if (hasSearchBody(html)) yield { path, content: emptyIgnoredElements(html) };
	}
}

/** The HTML files under `dir`, relative to it, depth first, each folder in the order the file system lists it. */
async function* walkHtmlFiles(dir: string, prefix = ''): AsyncGenerator<string> {
	for await (const entry of await opendir(join(dir, prefix))) {
		const path = prefix ? `${prefix}/${entry.name}` : entry.name;
		if (entry.isDirectory()) yield* walkHtmlFiles(dir, path);
		else if (entry.isFile() && entry.name.endsWith('.html')) yield path;
	}
}
