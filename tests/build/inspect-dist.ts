import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Every file under `dir`, as `/`-separated paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** The URLs an HTML page makes the browser load or link to: `href`, `src`, `srcset`, `action`. */
export function extractUrls(html: string): string[] {
	return [...html.matchAll(/\s(?:href|src|srcset|action|poster|data)=["']([^"']+)["']/g)].map((match) => match[1] ?? '');
}

/** URLs a stylesheet or script would fetch: `url(…)`, `@import`, static and dynamic `import`, `fetch`. */
export function extractLoads(code: string): string[] {
	const patterns = [
		/url\(\s*["']?([^"')]+)["']?\s*\)/g,
		/@import\s+["']([^"']+)["']/g,
		/\bimport\s*\(\s*["'`]([^"'`]+)["'`]/g,
		/\bfrom\s*["']([^"']+)["']/g,
		/\bfetch\(\s*["'`]([^"'`]+)["'`]/g,
	];
	return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/** Whether a URL points at another host (`http:`, `https:` or protocol-relative `//`). */
export const isExternal = (url: string) => /^(?:[a-z]+:)?\/\//i.test(url.trim());

/** Reads a built file as text. */
export const readText = (dir: string, file: string) => readFile(join(dir, file), 'utf8');
