import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricLineBuffer } from '../../src/runs/metric-lines-wasm.ts';
import { createMetricPoints } from '../../src/runs/metric-points.ts';

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

	it('stops at the start of any other line and leaves it to the caller', () => {
		const good = '1 0.5 0\n';
		for (const other of ['1 nan 0\n', '1 inf 0\n', '1 1e-05 0\n', '1 0.5\n', '-1 0.5 0\n', '1 +0.5 0\n', '1  0.5 0\n', '1 0.5 0 extra\n', ' 1 0.5 0\n', '1 0.5 -3\n', '1 . 0\n', '1 1.2.3 0\n', '1234567890123456 0.5 0\n', '1 0.5 1234567890123456\n', '1 12345678901234567890 0\n', `1 0.${'1'.repeat(23)} 0\n`]) {
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
