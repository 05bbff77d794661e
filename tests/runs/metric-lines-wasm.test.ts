import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormattedSeries, formatPackedPairs } from '../../src/lib/series-text.ts';
import { MetricLineBuffer } from '../../src/runs/metric-lines-wasm.ts';
import { metricFilePoints, readMlflowMetricFileSync, summariseMetricFile } from '../../src/runs/mlflow-metric-file.ts';
import { addMetricPoint, createMetricPoints } from '../../src/runs/metric-points.ts';
import { summariseMetricPacked } from '../../src/runs/metric-summary.ts';

const root = join(import.meta.dirname, '..', '..');

/** Parses `text` (whole lines) with a fresh buffer; returns the points and where the parser stopped. */
function parse(text: string, bufferBytes = 1 << 16) {
	const lines = new MetricLineBuffer(bufferBytes);
	if (text.length > lines.bytes.length) lines.grow(text.length);
	lines.bytes.write(text, 0, 'latin1');
	const points = createMetricPoints(4);
	const { stop, added } = lines.parse(0, text.length, points);
	const rows = Array.from({ length: points.length }, (_, i) => [points.timestamps[i], points.values[i], points.steps[i]]);
	return { stop, added, rows };
}

describe('the compiled metric-line parser', () => {
	it('is what its source compiles to (npm run build:wasm)', () => {
		const out = join(mkdtempSync(join(tmpdir(), 'hindsight-wasm-')), 'metric-lines.wasm');
		execFileSync(join(root, 'node_modules', '.bin', 'asc'), ['--config', join(root, 'src/runs/wasm/asconfig.json'), '--outFile', out], { cwd: root });
		expect(readFileSync(out).equals(readFileSync(join(root, 'src/runs/wasm/metric-lines.wasm')))).toBe(true);
	}, 60_000);

	it('parses the lines MLflow writes, including CRLF, negative values and leading zeros', () => {
		const text = '1700000000000 0.5 0\n1700000001000 -12.25 1\r\n1700000002000 0.000123 2\n1700000003000 0.2945655263378285 3\n1700000004000 7 10\n';
		const r = parse(text);
		expect(r.stop).toBe(text.length);
		expect(r.rows).toEqual([
			[1700000000000, 0.5, 0],
			[1700000001000, -12.25, 1],
			[1700000002000, 0.000123, 2],
			[1700000003000, 0.2945655263378285, 3],
			[1700000004000, 7, 10],
		]);
	});

	it('reads digits eight at a time wherever they fall: leading zeros, long fractions, 8- and 15-digit fields', () => {
		const values = ['0.000000001234567891', '12345678.12345678', '00000000.5', '1234567890123456789', '0.1234567890123456789', '-99999999.99999999', '100000000', '0.00000000000000000001'];
		const text = values.map((v, i) => `${i % 2 ? '12345678' : '123456789012345'} ${v} ${i % 2 ? 87654321 : i}\n`).join('');
		const r = parse(text);
		expect(r.stop).toBe(text.length);
		expect(r.rows).toEqual(values.map((v, i) => [i % 2 ? 12345678 : 123456789012345, Number(v), i % 2 ? 87654321 : i]));
	});

	it('stops at the start of any other line and leaves it to the caller', () => {
		const good = '1 0.5 0\n';
		for (const other of ['1 nan 0\n', '1 inf 0\n', '1 1e-05 0\n', '1 0.5\n', '-1 0.5 0\n', '1 +0.5 0\n', '1  0.5 0\n', '1 0.5 0 extra\n', ' 1 0.5 0\n', '1 0.5 -3\n', '1 . 0\n', '1 1.2.3 0\n', '1234567890123456 0.5 0\n', '1 0.5 1234567890123456\n', '1 12345678901234567890 0\n', '1 0.12345678901234567890 0\n', '1 00000000123456789012345678901 0\n', `1 0.${'1'.repeat(23)} 0\n`]) {
			const r = parse(good + other + good);
			expect(r.stop, JSON.stringify(other)).toBe(good.length);
			expect(r.added).toBe(1);
		}
	});

	it('goes on past a full output: more lines than one call can hold', () => {
		const text = Array.from({ length: 100 }, (_, i) => `${1000 + i} 0.${i + 1} ${i}\n`).join('');
		const r = parse(text, 60);
		expect(r.stop).toBe(text.length);
		expect(r.rows.length).toBe(100);
		expect(r.rows[99]).toEqual([1099, Number('0.100'), 99]);
	});

	it('gives exactly Number(text) for every value it takes, and takes nearly all that Python writes', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), { minLength: 1, maxLength: 200 }), (values) => {
				// Python's repr of a float, for the positional values the parser takes: JavaScript's shortest round trip
				const texts = values.map((v) => String(v)).filter((t) => !t.includes('e'));
				let text = '';
				for (const [i, t] of texts.entries()) text += `${1000 + i} ${t} ${i}\n`;
				const lines = new MetricLineBuffer(1 << 16);
				lines.bytes.write(text, 0, 'latin1');
				const lineStarts: number[] = [];
				for (let at = 0; at < text.length; at = text.indexOf('\n', at) + 1) lineStarts.push(at);
				const points = createMetricPoints(4);
				let taken = 0;
				// Steps over each line it leaves, as the metric-file reader does, to check every line it takes
				for (let line = 0; line < texts.length; ) {
					const before = points.length;
					const { stop, added } = lines.parse(lineStarts[line]!, text.length, points);
					for (let k = 0; k < added; k++) expect(Object.is(points.values[before + k], Number(texts[line + k]))).toBe(true);
					line += added;
					taken += added;
					if (line < texts.length) {
						expect(stop).toBe(lineStarts[line]);
						line++;
					}
				}
				expect(taken).toBeGreaterThanOrEqual(texts.length - 1);
			}),
			{ numRuns: 200 },
		);
	});
});

describe('the compiled metric summariser', () => {
	/** A value as a chart might meet it: any double (NaN, infinities, -0 included), a few repeated ones for ties, values next to powers of ten. */
	const value = fc.oneof(
		fc.double(),
		fc.constantFrom(0.5, -0.5, 1, 0, -0, 9.9999995, 9.99999949999, 0.00099999995, 1e21, 9.9999995e20, 1e-7, 123456.75, 1234564.5, -8888888.5, 5e-324, Number.MAX_VALUE),
		fc.integer({ min: -30, max: 30 }).map((e) => 10 ** e),
		fc.integer({ min: -30, max: 30 }).chain((e) => fc.double({ min: 0.99999, max: 1.00001, noNaN: true }).map((m) => m * 10 ** e)),
	);
	/** Points in step order (equal steps by timestamp), as a training loop logs them; some with values from a few, so that ties abound. */
	const few = fc.constantFrom(0, 1, 2, NaN, Infinity);
	const rowsOf = (values: fc.Arbitrary<number>) => fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), values), { minLength: 1, maxLength: 300 });
	const inOrder = fc.oneof(rowsOf(value), rowsOf(few)).map((rows) => {
		let step = 0;
		let ts = 1_700_000_000_000;
		return rows.map(([ds, dt, v]) => {
			step += ds;
			ts = ds > 0 ? ts + 1000 : ts + dt;
			return [step, v, ts] as const;
		});
	});

	function summarise(rows: readonly (readonly [number, number, number])[], direction: 'min' | 'max' | null) {
		const points = metricFilePoints();
		for (const [step, v, ts] of rows) addMetricPoint(points, step, v, ts);
		const compiled = summariseMetricFile(points, direction);
		const copy = createMetricPoints(rows.length);
		for (const [step, v, ts] of rows) addMetricPoint(copy, step, v, ts);
		const reference = summariseMetricPacked(copy, { rule: 'mlflow', direction })!;
		return { compiled, reference, lastTs: Math.max(...rows.map((r) => r[2])) };
	}

	it('gives what the JavaScript summariser gives, series text included, for points in step order', () => {
		fc.assert(
			fc.property(inOrder, fc.constantFrom('min' as const, 'max' as const, null), (rows, direction) => {
				const { compiled, reference, lastTs } = summarise(rows, direction);
				const summary = compiled.summary!;
				// Values it writes: all but those so small or large that scaling them needs a power of ten past 1e22
				const writable = rows.every(([, v]) => !Number.isFinite(v) || v === 0 || (Math.abs(v) >= 1e-15 && Math.abs(v) < 1e28));
				if (!writable && !(summary.series instanceof FormattedSeries)) {
					expect(summary).toStrictEqual(reference);
					return;
				}
				expect(summary.series).toBeInstanceOf(FormattedSeries);
				const series = summary.series as unknown as FormattedSeries;
				expect(series.text).toBe(formatPackedPairs(reference.series as unknown as Float64Array));
				expect(series.points).toBe((reference.series as unknown as Float64Array).length / 2);
				expect({ ...summary, series: null }).toStrictEqual({ ...reference, series: null });
				expect(compiled.lastTs).toBe(lastTs);
			}),
			{ numRuns: 500 },
		);
	});

	it('leaves points out of step order to the JavaScript summariser', () => {
		const { compiled, reference } = summarise([[2, 0.5, 1000], [1, 0.25, 2000], [3, 0.75, 3000]], 'min');
		expect(compiled.summary!.series).toBeInstanceOf(Float64Array);
		expect(compiled.summary).toStrictEqual(reference);
	});
});

describe('metric files past the parser\'s buffers', () => {
	const dir = mkdtempSync(join(tmpdir(), 'hindsight-wasm-files-'));

	it('grows the read buffer for a line longer than it, and the points already read stay right', () => {
		const before = Array.from({ length: 3000 }, (_, i) => `${1000 + i} 0.${i + 1} ${i}\n`).join('');
		const long = `5000 ${'1'.repeat(200_000)}.5 3000\n`;
		const after = Array.from({ length: 3000 }, (_, i) => `${6000 + i} -0.${i + 1} ${3001 + i}\n`).join('');
		const path = join(dir, 'long-line');
		writeFileSync(path, before + long + after);
		const points = metricFilePoints();
		const r = readMlflowMetricFileSync(path, 0, points);
		expect(r.malformed).toBe(0);
		expect(r.points.length).toBe(6001);
		expect([r.points.steps[0], r.points.values[0], r.points.timestamps[0]]).toEqual([0, 0.1, 1000]);
		expect([r.points.steps[2999], r.points.values[2999]]).toEqual([2999, Number('0.3000')]);
		expect(r.points.values[3000]).toBe(Number(`${'1'.repeat(200_000)}.5`));
		expect([r.points.steps[6000], r.points.values[6000], r.points.timestamps[6000]]).toEqual([6000, -0.3, 8999]);
		const { summary } = summariseMetricFile(r.points, 'min');
		const copy = createMetricPoints(r.points.length);
		for (let i = 0; i < r.points.length; i++) addMetricPoint(copy, r.points.steps[i]!, r.points.values[i]!, r.points.timestamps[i]!);
		const reference = summariseMetricPacked(copy, { rule: 'mlflow', direction: 'min' })!;
		expect({ ...summary, series: null }).toStrictEqual({ ...reference, series: null });
	});

	it('summarises a metric with more points than the parser\'s columns hold, in JavaScript', () => {
		const n = 200_000;
		const path = join(dir, 'many-points');
		writeFileSync(path, Array.from({ length: n }, (_, i) => `${1_700_000_000_000 + i} ${Math.sin(i) * 100} ${i}\n`).join(''));
		const r = readMlflowMetricFileSync(path, 0, metricFilePoints());
		expect(r.points.length).toBe(n);
		expect(r.points.values[n - 1]).toBe(Number(String(Math.sin(n - 1) * 100)));
		const { summary, lastTs } = summariseMetricFile(r.points, 'max');
		expect(summary!.series).toBeInstanceOf(Float64Array);
		expect(summary!.count).toBe(n);
		expect(summary!.lastStep).toBe(n - 1);
		expect(lastTs).toBe(1_700_000_000_000 + n - 1);
		// The next file is parsed into the columns again
		const small = join(dir, 'small');
		writeFileSync(small, '1 0.5 0\n2 0.25 1\n');
		const again = readMlflowMetricFileSync(small, 0, metricFilePoints());
		expect(summariseMetricFile(again.points, 'min').summary!.series).toBeInstanceOf(FormattedSeries);
	});
});

describe('the tables in the metric-line parser', () => {
	/** A double as an exact fraction: numerator and the power of two below it. */
	function exact(x: number): { num: bigint; shift: bigint } {
		const view = new DataView(new ArrayBuffer(8));
		view.setFloat64(0, x);
		const bits = view.getBigUint64(0);
		const exponent = Number((bits >> 52n) & 0x7ffn);
		const mantissa = (bits & ((1n << 52n) - 1n)) | (exponent === 0 ? 0n : 1n << 52n);
		const e = BigInt(Math.max(exponent, 1) - 1075);
		const num = x < 0 ? -mantissa : mantissa;
		return e >= 0n ? { num: num << e, shift: 0n } : { num, shift: -e };
	}
	const source = readFileSync(join(root, 'src/runs/wasm/metric-lines.ts'), 'utf8');
	const table = (name: string) => {
		const found = new RegExp(`const ${name} = memory\\.data<f64>\\(\\[([^\\]]*)\\]`).exec(source);
		return JSON.parse(`[${found![1]}]`) as number[];
	};

	it('holds 10^-k as a double-double: the nearest double, then the nearest double to what is left', () => {
		const high = table('INV_POW10');
		const low = table('INV_POW10_LOW');
		expect(high.length).toBe(23);
		expect(low.length).toBe(23);
		for (let k = 0; k <= 22; k++) {
			const p = 10n ** BigInt(k);
			expect(high[k], `10^-${k}`).toBe(1 / Number(p));
			// What is left: 10^-k - high = (2^s - num·10^k) / (10^k · 2^s); low must be the double nearest to it
			const { num, shift } = exact(high[k]!);
			const rest = (1n << shift) - num * p;
			const scaled = Number((rest << 300n) / (p << shift)) / 2 ** 300;
			expect(low[k], `the rest of 10^-${k}`).toBe(scaled + 0);
		}
	});
});
