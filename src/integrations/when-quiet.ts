import type { ViteDevServer } from 'vite';

/**
 * Runs `task` once, after the dev server has served its first response and then had no request for
 * `quietMs`: work that no page waits for (a check whose problems are only printed) stays out of the way of a
 * writer who is reading and editing.
 */
export function runWhenQuiet(server: ViteDevServer, quietMs: number, task: () => void): void {
	let lastRequest = 0;
	let scheduled = false;
	const runIfQuiet = () => {
		const quiet = performance.now() - lastRequest;
		if (quiet < quietMs) setTimeout(runIfQuiet, quietMs - quiet).unref();
		else task();
	};
	server.middlewares.use((_request, response, next) => {
		lastRequest = performance.now();
		if (!scheduled) {
			scheduled = true;
			response.once('finish', () => setTimeout(runIfQuiet, quietMs).unref());
		}
		next();
	});
}
