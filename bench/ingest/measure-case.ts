// What every case of `npm run bench:ingest` measures the same way: a store generated once (again when its
// shape changes), then repeated rounds of the raw read, a cold ingest and an unchanged re-ingest, each in a
// fresh Node process with the page cache warm.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The project's root: every measuring script runs there, as `npm run ingest` does. */
export const REPO = join(here, '..', '..');
/** Rounds of each measurement; each figure is their median. */
export const REPEATS = 3;

/** What one measuring script printed: times in ms, CPU in s, memory in MB, counts. */
export type Figures = Record<string, number>;

/** Generates the store into `work` unless the one there was made for the same `shape`. */
export function prepareStore(work: string, shape: object, generate: () => void): void {
	const stamp = join(work, 'shape.json');
	if (existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify(shape)) return;
	rmSync(work, { recursive: true, force: true });
	generate();
	writeFileSync(stamp, JSON.stringify(shape));
}

/** Runs one measuring script of this folder in a fresh Node process and returns the JSON it prints last. */
export function measure(script: string, args: string[]): Figures {
	const out = execFileSync(process.execPath, [join(here, script), ...args], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 20 });
	return JSON.parse(out.trim().split('\n').at(-1)!);
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const verdict = (met: boolean): string => (met ? 'met' : '**missed**');

/** {@link REPEATS} rounds of: the raw read, a cold ingest (no cache, no digests), an unchanged re-ingest, and `also` if given. */
export function measureRounds(store: string, work: string, also?: () => Figures): { raw: Figures[]; cold: Figures[]; warm: Figures[]; extra: Figures[] } {
	// Warm the page cache once, so every measurement reads from memory alike
	measure('raw-read.ts', [store]);
	const rounds = { raw: [] as Figures[], cold: [] as Figures[], warm: [] as Figures[], extra: [] as Figures[] };
	for (let i = 0; i < REPEATS; i++) {
		const out = join(work, 'out');
		const cache = join(work, 'cache');
		rmSync(out, { recursive: true, force: true });
		rmSync(cache, { recursive: true, force: true });
		rounds.raw.push(measure('raw-read.ts', [store]));
		rounds.cold.push(measure('child.ts', [store, out, cache]));
		rounds.warm.push(measure('child.ts', [store, out, cache]));
		if (also) rounds.extra.push(also());
	}
	return rounds;
}

/** The table rows every case shows: the raw read, the cold ingest and the re-ingest. */
export function formatRows({ raw, cold, warm }: { raw: Figures[]; cold: Figures[]; warm: Figures[] }): string {
	const row = (name: string, runs: Figures[], cpu: boolean) =>
		`| ${name} | ${seconds(median(runs.map((r) => r.ms!)))} | ${cpu ? `${median(runs.map((r) => r.cpuS!)).toFixed(2)} s` : '—'} | ${Math.max(...runs.map((r) => r.maxRssMb!)).toFixed(0)} MB |`;
	return [
		'| measurement | time | CPU (user + system) | peak RSS |',
		'|---|---|---|---|',
		row('raw read', raw, false),
		row('cold ingest (no cache, no digests)', cold, true),
		row('re-ingest, nothing changed', warm, true),
	].join('\n');
}
