import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { CONTENT_TYPES } from '../../src/integrations/content-types.ts';

/**
 * Serves a built site under `base` on a free loopback port, the way an intranet web server would host
 * it under a sub-path: `/base/x/` serves `x/index.html`, anything outside `base` is a 404.
 */
export async function serveStatic(root: string, base: string): Promise<{ url: string; server: Server }> {
	const server = createServer(async (request, response) => {
		const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
		const inside = path.startsWith(base) ? normalize(path.slice(base.length)) : null;
		const send = async (file: string, status = 200) => {
			response.writeHead(status, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
			createReadStream(file).pipe(response);
		};
		if (inside === null || inside.startsWith('..')) return send(join(root, '404.html'), 404);
		let file = join(root, inside);
		const info = await stat(file).catch(() => undefined);
		if (info?.isDirectory()) file = join(file, 'index.html');
		if (!(await stat(file).catch(() => undefined))?.isFile()) return send(join(root, '404.html'), 404);
		return send(file);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}${base}`, server };
}
