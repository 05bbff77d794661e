/**
 * Page weight of a built site: for every HTML page, the bytes a browser transfers on first load
 * (the HTML, its stylesheets and its module scripts with their static imports), gzip-compressed
 * (zlib level 6, what a web server's gzip sends), and the JavaScript each page carries.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
	page: string;
	htmlBytes: number;
	htmlGzip: number;
	cssGzip: number;
	jsGzip: number;
	/** Total transferred on first load: HTML + CSS + JS, gzip. */
	totalGzip: number;
	/** JavaScript on the page, uncompressed: inline scripts plus external modules and their static imports. */
	jsBytes: number;
	/** Inline scripts that are not the theme (their first 60 characters), and external scripts. */
	otherScripts: string[];
}

async function listHtml(dir: string, root = dir): Promise<string[]> {
	const out: string[] = [];
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			if (relative(root, path) === 'pagefind') continue;
			out.push(...(await listHtml(path, root)));
		} else if (entry.name.endsWith('.html')) out.push(path);
	}
	return out;
}

export async function measurePageWeight(dist: string, base = '/'): Promise<PageWeight[]> {
	const cache = new Map<string, { raw: number; gzip: number; text: string }>();
	const asset = async (url: string) => {
		const path = resolve(dist, url.replace(base, '').replace(/^\/+/, '').split(/[?#]/)[0]!);
		if (!cache.has(path)) {
			const buffer = await readFile(path).catch(() => Buffer.alloc(0));
			cache.set(path, { raw: buffer.length, gzip: buffer.length ? gzipSync(buffer, { level: 6 }).length : 0, text: buffer.toString('utf8') });
		}
		return { path, ...cache.get(path)! };
	};
	const pages: PageWeight[] = [];
	for (const file of await listHtml(dist)) {
		const html = await readFile(file);
		const text = html.toString('utf8');
		const htmlGzip = gzipSync(html, { level: 6 }).length;
		let cssGzip = 0;
		let jsGzip = 0;
		let jsBytes = 0;
		const otherScripts: string[] = [];
		const seen = new Set<string>();
		for (const [, href] of text.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) {
			const a = await asset(href!);
			if (seen.has(a.path)) continue;
			seen.add(a.path);
			cssGzip += a.gzip;
		}
		for (const [, attrs, body] of text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
			if (/type="application\/(ld\+)?json"/.test(attrs!)) continue;
			const src = /src="([^"]+)"/.exec(attrs!)?.[1];
			if (!src) {
				jsBytes += Buffer.byteLength(body!);
				if (!/theme/i.test(body!)) otherScripts.push(`inline: ${body!.trim().slice(0, 60)}`);
				continue;
			}
			otherScripts.push(`src: ${src}`);
			// The module and its static imports (not dynamic import()).
			const queue = [src];
			while (queue.length) {
				const url = queue.shift()!;
				const a = await asset(url);
				if (seen.has(a.path)) continue;
				seen.add(a.path);
				jsGzip += a.gzip;
				jsBytes += a.raw;
				for (const [, spec] of a.text.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
					queue.push(`/${relative(dist, resolve(dirname(a.path), spec!))}`);
				}
			}
		}
		for (const [, href] of text.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) {
			const a = await asset(href!);
			if (seen.has(a.path)) continue;
			seen.add(a.path);
			jsGzip += a.gzip;
			jsBytes += a.raw;
		}
		pages.push({
			page: relative(dist, file),
			htmlBytes: html.length,
			htmlGzip,
			cssGzip,
			jsGzip,
			totalGzip: htmlGzip + cssGzip + jsGzip,
			jsBytes,
			otherScripts,
		});
	}
	return pages;
}

export function quantile(sorted: number[], q: number): number {
	if (sorted.length === 0) return 0;
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
