// Runs are read in worker threads when there are enough of them (src/runs/worker-pool.ts). The
// digests must be the same bytes as on the main thread (`--concurrency 1`), and a bad run read in a
// worker must be reported as it is on the main thread.
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBenchStore } from '../../bench/ingest/generate.ts';
import { ingest, WORKER_MIN_RUNS } from '../../src/runs/ingest.ts';
import { poolSize } from '../../src/runs/worker-pool.ts';
import { formatSeriesValue } from '../../src/lib/series-text.ts';
import { tempDir, testOptions } from './helpers/stores.ts';

const SHAPE = { runs: 300, metrics: 6, steps: 200, experiments: 3 };

function runDirs(mlruns: string): string[] {
	const dirs: string[] = [];
	for (const exp of readdirSync(mlruns).sort()) {
		for (const run of readdirSync(join(mlruns, exp), { withFileTypes: true })) if (run.isDirectory()) dirs.push(join(mlruns, exp, run.name));
	}
	return dirs;
}

function digests(out: string): Record<string, string> {
	return Object.fromEntries(readdirSync(out).sort().map((n) => [n, readFileSync(join(out, n), 'utf8')]));
}

describe('reading runs in worker threads', () => {
	let work: string;
	let mlruns: string;
	beforeAll(() => {
		work = tempDir('hindsight-workers-');
		mlruns = join(work, 'mlruns');
		generateBenchStore(mlruns, SHAPE);
		const dirs = runDirs(mlruns);
		// A few broken runs among the good ones: each must be reported, wherever it was read
		writeFileSync(join(dirs[7]!, 'meta.yaml'), 'start_time: [1, 2\nstatus: 3\n');
		writeFileSync(join(dirs[100]!, 'params', 'seed'), Buffer.from([0x31, 0x00, 0x32]));
		writeFileSync(join(dirs[150]!, 'meta.yaml'), '');
		// And warnings: a malformed line, a truncated last line
		appendFileSync(join(dirs[200]!, 'metrics', 'grad_norm'), 'not a metric line\n');
		appendFileSync(join(dirs[201]!, 'metrics', 'grad_norm'), '1767225601000 0.5');
		// Runs left RUNNING: one silent for months (a worker settles it as crashed), one that logged an hour
		// before the ingest's "now" (still running); and a note in more than ASCII, written out as UTF-8
		for (const at of [210, 220]) {
			const meta = join(dirs[at]!, 'meta.yaml');
			writeFileSync(meta, readFileSync(meta, 'utf8').replace('status: 3', 'status: 1').replace(/end_time: \d+/, 'end_time: null'));
		}
		appendFileSync(join(dirs[220]!, 'metrics', 'lr'), `${Date.parse('2026-11-25T23:00:00Z')} 0.1 999\n`);
		writeFileSync(join(dirs[230]!, 'tags', 'mlflow.note.content'), 'Lesson: über-schnell — résumé ✓ 学习率\n');
	});

	it('is used for this store', () => {
		expect(SHAPE.runs).toBeGreaterThanOrEqual(WORKER_MIN_RUNS);
		// On a one-core machine both ingests below read on the main thread; the test still passes
		if (poolSize(16) < 2) console.warn('one core: the worker path is not exercised');
	});

	it('writes the same bytes and reports the same bad runs and warnings as the main thread', { timeout: 60_000 }, async () => {
		const single = await ingest(testOptions([mlruns], work, { outDir: join(work, 'out-1'), cacheDir: join(work, 'cache-1'), lockDir: join(work, 'cache-1'), concurrency: 1 }));
		const pooled = await ingest(testOptions([mlruns], work, { outDir: join(work, 'out-2'), cacheDir: join(work, 'cache-2'), lockDir: join(work, 'cache-2'), concurrency: 16 }));
		expect(single.runsRead).toBe(SHAPE.runs - 3);
		expect(pooled.runsRead).toBe(single.runsRead);
		expect(pooled.bad).toEqual(single.bad);
		expect(single.bad.map((b) => b.reason)).toEqual(
			expect.arrayContaining([expect.stringMatching(/malformed YAML at line \d+/), expect.stringMatching(/binary data/), expect.stringMatching(/meta\.yaml is empty/)]),
		);
		expect(pooled.warnings).toEqual(single.warnings);
		expect(single.warnings.map((w) => w.text)).toEqual(expect.arrayContaining([expect.stringMatching(/malformed line/), expect.stringMatching(/last line has no newline/)]));
		expect(pooled.months.map((m) => ({ ...m, path: m.path.replace('out-2', 'out-1') }))).toEqual(single.months);
		const statuses = (months: typeof single.months) => months.reduce((n, m) => ({ ...n, crashed: n.crashed + (m.byStatus['crashed'] ?? 0), running: n.running + (m.byStatus['running'] ?? 0) }), { crashed: 0, running: 0 });
		expect(statuses(pooled.months)).toEqual({ crashed: 1, running: 1 });
		const a = digests(join(work, 'out-1'));
		const b = digests(join(work, 'out-2'));
		expect(Object.keys(b)).toEqual(Object.keys(a));
		for (const name of Object.keys(a)) expect(b[name] === a[name], name).toBe(true);
		expect(Object.values(b).join('')).toContain('Lesson: über-schnell — résumé ✓ 学习率');

		// Each summary agrees with its own series (the series keeps the first and last points and each
		// bucket's extremes, to 7 significant digits): guards against summaries that share numbers (see metric-summary.ts)
		const asInSeries = (v: number) => JSON.parse(formatSeriesValue(v)) as number;
		let checked = 0;
		for (const text of Object.values(b)) {
			for (const run of JSON.parse(text).runs) {
				for (const m of Object.values(run.metrics) as { final: number; max: number; min: number; series: [number, number][] }[]) {
					const values = m.series.map((p) => p[1]);
					expect(asInSeries(m.final)).toBe(values.at(-1));
					expect(asInSeries(m.max)).toBe(Math.max(...values));
					expect(asInSeries(m.min)).toBe(Math.min(...values));
					checked++;
				}
			}
		}
		expect(checked).toBe((SHAPE.runs - 3) * SHAPE.metrics);
	});

	it('keeps what the next ingest needs: a worker fingerprints a run as the main thread does, so nothing is read again', { timeout: 60_000 }, async () => {
		const options = { outDir: join(work, 'out-again'), cacheDir: join(work, 'cache-again'), lockDir: join(work, 'cache-again') };
		const first = await ingest(testOptions([mlruns], work, { ...options, concurrency: 16 }));
		expect(first.runsRead).toBe(SHAPE.runs - 3);
		// Read file by file (no folder shortcut for finished runs), on the main thread: every fingerprint must match
		const again = await ingest(testOptions([mlruns], work, { ...options, concurrency: 1, fullCheck: true }));
		expect(again.runsRead).toBe(0);
		expect(again.runsReused).toBe(SHAPE.runs - 3);
	});
});
