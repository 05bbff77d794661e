import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMetricValue, readMetricFile } from '../../src/ingest/adapters/mlflow-metric-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'hindsight-metric-'));
let n = 0;
function read(content: string | Buffer) {
	const path = join(dir, `m${n++}`);
	writeFileSync(path, content);
	const r = readMetricFile(path);
	const rows = r.points.steps.map((step, i) => [r.points.timestamps[i], r.points.values[i], step]);
	return { ...r, rows };
}

describe('readMetricFile', () => {
	it('reads 3-field lines, 2-field lines (step 0) and ignores fields after the third', () => {
		const r = read('1000 0.5 3\n1001 0.25\n1002 0.125 4 runid dataset digest\n');
		expect(r.rows).toEqual([
			[1000, 0.5, 3],
			[1001, 0.25, 0],
			[1002, 0.125, 4],
		]);
		expect(r.malformed).toBe(0);
	});
	it('reads nan, inf, -inf and exponents as Python writes them', () => {
		const r = read('1 nan 0\n2 inf 1\n3 -inf 2\n4 1e-05 3\n5 -2.5E+3 4\n6 12.0 5\n7 -Infinity 6\n');
		expect(r.rows.map((x) => x[1])).toEqual([NaN, Infinity, -Infinity, 1e-5, -2500, 12, -Infinity]);
	});
	it('accepts CRLF line endings', () => {
		const r = read('1 0.5 0\r\n2 0.75 1\r\n');
		expect(r.rows).toEqual([
			[1, 0.5, 0],
			[2, 0.75, 1],
		]);
		expect(r.malformed).toBe(0);
	});
	it('skips a truncated last line and says so', () => {
		const r = read('1 0.5 0\n2 0.7');
		expect(r.rows).toEqual([[1, 0.5, 0]]);
		expect(r.truncatedLastLine).toBe('2 0.7');
	});
	it('counts malformed lines (a blank one too, as MLflow refuses it) and remembers the first', () => {
		const r = read('1 0.5 0\nhello\n2 x 1\n3 0.5 1.5\n4 0.5 2\n\n');
		expect(r.rows).toEqual([
			[1, 0.5, 0],
			[4, 0.5, 2],
		]);
		expect(r.malformed).toBe(4);
		expect(r.firstMalformed).toEqual({ line: 2, text: 'hello' });
	});
	it('refuses what Python would not read as a number but JavaScript would', () => {
		for (const text of ['', '0x10', '1_0e', ' ', 'Infinityx', '--1']) expect(parseMetricValue(text), text).toBeNull();
	});
	it('returns no points for an empty file', () => {
		expect(read('').rows).toEqual([]);
	});
	it('parses every double exactly as Number() does', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }), (values) => {
				const r = read(values.map((v, i) => `${i} ${String(v)} ${i}\n`).join(''));
				expect(r.rows.map((x) => x[1])).toEqual(values.map((v) => Number(String(v))));
			}),
			{ numRuns: 100 }
		);
	});
});
