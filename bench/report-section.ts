import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/**
 * Replaces the section `## <name>` of BENCHMARKS.md with `body` (or appends it): each benchmark owns
 * one section and rewrites it whole, so the file always holds the current figures and nothing older.
 */
export async function replaceSection(file: string, name: string, body: string): Promise<void> {
	const text = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
	const lines = text.split('\n');
	const start = lines.findIndex((l) => l.trim() === `## ${name}`);
	const section = `## ${name}\n\n${body.trim()}\n`;
	let out: string;
	if (start < 0) out = `${text.trimEnd()}\n\n${section}`;
	else {
		let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
		if (end < 0) end = lines.length;
		out = [...lines.slice(0, start), ...section.split('\n'), ...lines.slice(end)].join('\n').replace(/\n{3,}/g, '\n\n');
	}
	await writeFile(file, out.endsWith('\n') ? out : `${out}\n`);
}

/** The machine and the day, as each section states them (no clock time: the day is enough to date a figure). */
export function describeMachine(): string {
	const cpu = cpus();
	const load = loadavg()
		.map((l) => l.toFixed(2))
		.join(' / ');
	return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}, Node ${process.version}; load average (1/5/15 min) ${load}; ${new Date().toISOString().slice(0, 10)}`;
}

/** The machine a benchmark ran on, as its results file keeps it: CPU, cores, memory, Node, kernel, load at the start. */
export function readMachine() {
	return {
		cpu: cpus()[0]?.model.trim() ?? 'unknown',
		cores: cpus().length,
		ramGiB: Number((totalmem() / 1024 ** 3).toFixed(1)),
		node: process.version,
		kernel: execFileSync('uname', ['-sr']).toString().trim(),
		loadAtStart: loadavg().map((x) => Number(x.toFixed(2))),
	};
}

/** The median of a list of figures (of an even count, the mean of the middle two). */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
