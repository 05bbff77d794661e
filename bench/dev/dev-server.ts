/** One `astro dev` server under measurement: started in its own process group, its tree's RSS sampled from /proc, stopped whole. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { processTable, treeOf } from '../build/measure.ts';

export interface DevServer {
	child: ChildProcess;
	/** performance.now() when the process was spawned. */
	startedAt: number;
	/** Largest sum of RSS over the server's process tree seen so far, in bytes. */
	peakRss: () => number;
	stop: () => Promise<void>;
}

/** Spawns `argv` as a dev server, logging its output to `logFile` and sampling its tree's RSS every `pollMs`. */
export function startDevServer(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; pollMs?: number }): DevServer {
	const log = createWriteStream(options.logFile);
	const startedAt = performance.now();
	// Its own process group, so that stopping it stops every process it started.
	const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	child.stdout!.pipe(log, { end: false });
	child.stderr!.pipe(log, { end: false });
	let peak = 0;
	let running = true;
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	void exited.then(() => (running = false));
	const sampling = (async () => {
		while (running) {
			if (child.pid) {
				const table = await processTable();
				const rss = treeOf(table, child.pid).reduce((sum, pid) => sum + table.get(pid)!.rss, 0);
				peak = Math.max(peak, rss);
			}
			await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
		}
	})();
	return {
		child,
		startedAt,
		peakRss: () => peak,
		stop: async () => {
			if (running && child.pid) {
				process.kill(-child.pid, 'SIGTERM');
				const timer = setTimeout(() => running && process.kill(-child.pid!, 'SIGKILL'), 5000);
				await exited;
				clearTimeout(timer);
			}
			running = false;
			await sampling;
			log.end();
		},
	};
}

/** One response: its status, its text, how long it took; `error` when the connection failed. */
export interface Fetched {
	status: number;
	text: string;
	ms: number;
	error?: string;
}

export async function fetchPage(url: string, timeoutMs = 300_000): Promise<Fetched> {
	const started = performance.now();
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
		const text = await response.text();
		return { status: response.status, text, ms: performance.now() - started };
	} catch (error) {
		return { status: 0, text: '', ms: performance.now() - started, error: String((error as Error).cause ?? error) };
	}
}

/**
 * Asks for `url` until `isComplete` holds for a 200 response, and returns when that was, from `since`, with
 * every answer that was an error (a status other than 200, or a page cut short). Refused connections, before
 * the server listens, are not errors.
 */
export async function waitForPage(url: string, isComplete: (text: string) => boolean, since: number, options: { timeoutMs: number; pollMs: number }) {
	const errors: string[] = [];
	for (;;) {
		const page = await fetchPage(url);
		if (page.status === 200 && isComplete(page.text)) return { ms: performance.now() - since, errors, page };
		if (page.status !== 0 && page.status !== 200) errors.push(`status ${page.status}`);
		else if (page.status === 200 && !page.text.includes('</html>')) errors.push(`cut short after ${page.text.length} bytes`);
		else if (page.error && !/ECONNREFUSED/.test(page.error)) errors.push(page.error);
		if (performance.now() - since > options.timeoutMs)
			throw new Error(`${url} not served whole within ${options.timeoutMs} ms; errors: ${errors.join('; ') || 'none'}`);
		await new Promise((resolve) => setTimeout(resolve, options.pollMs));
	}
}
