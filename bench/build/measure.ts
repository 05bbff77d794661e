/** Runs a command and measures it: wall time, CPU time, and the peak RSS of its whole process tree. */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';

export interface Measured {
	label: string;
	command: string;
	code: number | null;
	wallMs: number;
	/**
	 * User + system CPU seconds of the tree: /usr/bin/time's figure (the command and the children it
	 * waited for), or, when larger, the sum of every process's own CPU as last sampled from /proc. The
	 * sum sees children the command never waited for, which /usr/bin/time cannot (Pagefind's service
	 * process, left by its Node API to exit on its own); it misses at most the last `pollMs` of each.
	 */
	cpuSeconds: number | null;
	/** How much the /proc sum adds to /usr/bin/time's figure: the CPU of children nobody waited for. */
	unwaitedCpuSeconds: number;
	/** Peak of the sum of RSS over the process tree, polled from /proc every `pollMs`. */
	peakTreeRssBytes: number;
	/** Largest RSS of any single process in the tree (GNU time's %M), when /usr/bin/time is present. */
	peakSingleRssBytes: number | null;
	loadBefore: number[];
	loadAfter: number[];
	/** When the peak was seen, in milliseconds since the start, and the tree RSS about every second. */
	peakAtMs: number;
	rssTimeline: [number, number][];
	/** Output lines with the milliseconds since the start at which each arrived. */
	lines: { ms: number; text: string }[];
}

const PAGE = 4096;
/** Clock ticks a second, the unit of CPU times in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

interface ProcessInfo {
	ppid: number;
	rss: number;
	/** Own user + system CPU, in ticks. */
	cpu: number;
}

/** Every process on the machine with its parent, RSS and CPU, from /proc. */
export async function processTable(): Promise<Map<number, ProcessInfo>> {
	const table = new Map<number, ProcessInfo>();
	for (const name of await readdir('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
		if (!stat) continue;
		// Fields from the 3rd (state) on, after the command name in parentheses
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		table.set(Number(name), {
			ppid: Number(fields[1]),
			rss: Number(fields[21]) * PAGE,
			cpu: Number(fields[11]) + Number(fields[12]),
		});
	}
	return table;
}

/** `root` and every process under it. */
export function treeOf(table: Map<number, ProcessInfo>, root: number): number[] {
	const children = new Map<number, number[]>();
	for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
	const tree: number[] = [];
	const stack = [root];
	while (stack.length) {
		const pid = stack.pop()!;
		if (table.has(pid)) tree.push(pid);
		stack.push(...(children.get(pid) ?? []));
	}
	return tree;
}

export async function measure(
	label: string,
	argv: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; pollMs?: number; hasTime: boolean }
): Promise<Measured> {
	const timeFile = `${options.logFile}.time`;
	const full = options.hasTime ? ['/usr/bin/time', '-f', '%M %U %S', '-o', timeFile, ...argv] : argv;
	const log = createWriteStream(options.logFile);
	const lines: { ms: number; text: string }[] = [];
	const loadBefore = loadavg();
	const started = performance.now();
	const child = spawn(full[0]!, full.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
	let peak = 0;
	let peakAtMs = 0;
	const rssTimeline: [number, number][] = [];
	// Every process of the tree with its own CPU when last seen
	const lastCpu = new Map<number, number>();
	let polling = true;
	const poll = (async () => {
		while (polling) {
			if (child.pid) {
				const table = await processTable();
				const tree = treeOf(table, child.pid);
				const rss = tree.reduce((sum, pid) => sum + table.get(pid)!.rss, 0);
				for (const pid of tree) lastCpu.set(pid, table.get(pid)!.cpu);
				const ms = performance.now() - started;
				if (rss > peak) {
					peak = rss;
					peakAtMs = ms;
				}
				if (rssTimeline.length === 0 || ms - rssTimeline[rssTimeline.length - 1]![0] >= 1000) rssTimeline.push([Math.round(ms), rss]);
			}
			await new Promise((r) => setTimeout(r, options.pollMs ?? 100));
		}
	})();
	let pending = '';
	const onData = (chunk: Buffer) => {
		log.write(chunk);
		pending += chunk.toString();
		const parts = pending.split('\n');
		pending = parts.pop()!;
		const ms = performance.now() - started;
		for (const text of parts) lines.push({ ms, text });
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const code = await new Promise<number | null>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', resolve);
	});
	const wallMs = performance.now() - started;
	polling = false;
	await poll;
	log.end();
	let cpuSeconds: number | null = null;
	let peakSingle: number | null = null;
	let sampledTicks = 0;
	for (const ticks of lastCpu.values()) sampledTicks += ticks;
	const sampled = sampledTicks / TICKS;
	let unwaitedCpuSeconds = 0;
	if (options.hasTime) {
		const text = (await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').pop() ?? '';
		const [kb, user, sys] = text.split(' ').map(Number);
		if (kb !== undefined && !Number.isNaN(kb)) peakSingle = kb * 1024;
		if (user !== undefined && sys !== undefined && !Number.isNaN(user + sys)) {
			unwaitedCpuSeconds = Math.max(0, sampled - (user + sys));
			cpuSeconds = user + sys + unwaitedCpuSeconds;
		}
	}
	return {
		label,
		command: argv.join(' '),
		code,
		wallMs,
		cpuSeconds,
		unwaitedCpuSeconds,
		peakTreeRssBytes: peak,
		peakAtMs,
		rssTimeline,
		peakSingleRssBytes: peakSingle,
		loadBefore,
		loadAfter: loadavg(),
		lines,
	};
}
