/**
 * A tiny static server that compresses text responses with gzip (level 6) when the browser accepts
 * it, as an intranet web server with gzip switched on would. Pagefind's index files are already
 * gzip-compressed by Pagefind and are sent as they are.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONTENT_TYPES } from '../../src/integrations/content-types.ts';

const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml']);

/** One response: its path and the body bytes sent (compressed when gzip was used). */
export interface Sent {
	path: string;
	bytes: number;
	gzip: boolean /** performance.now() of this process when the request arrived. */;
	at: number;
}

export async function serveGzip(root: string): Promise<{ url: string; server: Server; sent: Sent[] }> {
	const sent: Sent[] = [];
	const cache = new Map<string, { body: Buffer; gzip: Buffer | null }>();
	const server = createServer(async (request, response) => {
		const at = performance.now();
		const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname));
		let file = join(root, path);
		if (path.startsWith('..')) file = join(root, '404.html');
		const info = await stat(file).catch(() => undefined);
		if (info?.isDirectory()) file = join(file, 'index.html');
		let status = 200;
		if (!(await stat(file).catch(() => undefined))?.isFile()) {
			file = join(root, '404.html');
			status = 404;
		}
		let entry = cache.get(file);
		if (!entry) {
			const body = await readFile(file);
			entry = { body, gzip: COMPRESSIBLE.has(extname(file)) ? gzipSync(body, { level: 6 }) : null };
			cache.set(file, entry);
		}
		const gzip = entry.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
		const body = gzip ? entry.gzip! : entry.body;
		response.writeHead(status, {
			'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
			'content-length': body.length,
			'cache-control': 'max-age=600',
			...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
		});
		sent.push({ path, bytes: body.length, gzip: Boolean(gzip), at });
		response.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/`, server, sent };
}
