import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMlflowMetricFile, readMlflowMetricFileSync } from '../../src/runs/mlflow-metric-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'hindsight-metric-'));
let n = 0;
async function read(content: string | Buffer) {
	const path = join(dir, `m${n++}`);
	writeFileSync(path, content);
	const r = await readMlflowMetricFile(path);
	const rows = Array.from({ length: r.points.length }, (_, i) => [r.points.timestamps[i], r.points.values[i], r.points.steps[i]]);
	return { ...r, rows };
}

describe('readMlflowMetricFile', () => {
	it('reads 3-field lines, 2-field lines (step 0) and ignores fields after the third', async () => {
		const r = await read('1000 0.5 3\n1001 0.25\n1002 0.125 4 runid dataset digest\n');
		expect(r.rows).toEqual([[1000, 0.5, 3], [1001, 0.25, 0], [1002, 0.125, 4]]);
		expect(r.malformed).toBe(0);
	});
	it('reads nan, inf, -inf and exponents as Python writes them', async () => {
		const r = await read('1 nan 0\n2 inf 1\n3 -inf 2\n4 1e-05 3\n5 -2.5E+3 4\n6 12.0 5\n');
		expect(r.rows.map((x) => x[1])).toEqual([NaN, Infinity, -Infinity, 1e-5, -2500, 12]);
	});
	it('accepts CRLF line endings', async () => {
		const r = await read('1 0.5 0\r\n2 0.75 1\r\n');
		expect(r.rows).toEqual([[1, 0.5, 0], [2, 0.75, 1]]);
		expect(r.malformed).toBe(0);
	});
	it('skips a truncated last line and says so', async () => {
		const r = await read('1 0.5 0\n2 0.7');
		expect(r.rows).toEqual([[1, 0.5, 0]]);
		expect(r.truncatedLastLine).toBe('2 0.7');
	});
	it('counts malformed lines and remembers the first', async () => {
		const r = await read('1 0.5 0\nhello\n2 x 1\n3 0.5 1.5\n4 0.5 2\n\n');
		expect(r.rows).toEqual([[1, 0.5, 0], [4, 0.5, 2]]);
		expect(r.malformed).toBe(4);
		expect(r.firstMalformed).toEqual({ line: 2, text: 'hello' });
	});
	it('returns no points for an empty file', async () => {
		expect((await read('')).rows).toEqual([]);
	});
	it('streams files larger than its buffer, with lines across chunk boundaries', async () => {
		const lines = Array.from({ length: 20_000 }, (_, i) => `${1_700_000_000_000 + i} ${(i * 0.001).toFixed(3)} ${i}\n`).join('');
		const r = await read(lines);
		expect(r.points.length).toBe(20_000);
		expect(r.rows[19_999]).toEqual([1_700_000_019_999, Number((19_999 * 0.001).toFixed(3)), 19_999]);
	});
	it('reads to the end whatever size the listing saw (a short read at that size ends the file)', () => {
		const text = Array.from({ length: 5000 }, (_, i) => `${1_700_000_000_000 + i} 0.${i} ${i}\n`).join('');
		const path = join(dir, `m${n++}`);
		writeFileSync(path, `${text}9 0.5`);
		const size = Buffer.byteLength(text) + 5;
		// The listed size, one that is smaller (the file grew since it was listed) and none
		for (const listed of [size, size - 100, 1, 0]) {
			const r = readMlflowMetricFileSync(path, listed);
			expect(r.points.length, `listed ${listed}`).toBe(5000);
			expect(r.points.steps[4999]).toBe(4999);
			expect(r.truncatedLastLine, `listed ${listed}`).toBe('9 0.5');
		}
	});
	it('parses every double exactly as Number() does', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }), async (values) => {
				const r = await read(values.map((v, i) => `${i} ${String(v)} ${i}\n`).join(''));
				expect(r.rows.map((x) => x[1])).toEqual(values.map((v) => Number(String(v))));
			}),
			{ numRuns: 100 },
		);
	});
});

describe('readMlflowMetricFile: values of 16–20 digits (double-double fast path)', () => {
	let seed = 20260101;
	const rnd = () => {
		seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
		return seed / 4294967296;
	};
	/** Exact decimal of the midpoint between a random double and the next one, cut to 16–20 digits (just below or just above). */
	function nearMidpoint(): string {
		const m = (1n << 52n) + (BigInt(Math.floor(rnd() * 2 ** 26)) << 26n) + BigInt(Math.floor(rnd() * 2 ** 26));
		const shift = 53 + Math.floor(rnd() * 12) - Math.floor(rnd() * 10);
		const digits = (((2n * m + 1n) * 10n ** BigInt(shift)) >> BigInt(shift)).toString();
		const intLen = digits.length - shift;
		const n = 16 + Math.floor(rnd() * 5);
		const cut = (BigInt(digits.slice(0, n)) + (rnd() < 0.5 ? 1n : 0n)).toString().slice(0, n);
		if (intLen <= 0) return `0.${'0'.repeat(-intLen)}${cut}`;
		if (intLen >= n) return cut + '0'.repeat(intLen - n);
		return `${cut.slice(0, intLen)}.${cut.slice(intLen)}`;
	}

	it('gives exactly Number(text) for shortest round-trip doubles, long decimals and near-halfway cases', async () => {
		const texts: string[] = ['9007199254740993', '9007199254740995', '18014398509481985', '0.30000000000000004', '1.0000000000000002', '-0.12345678901234567', '0.0000000000000000000012345678901234567'];
		for (let i = 0; i < 60_000; i++) {
			const k = i % 4;
			if (k === 0) texts.push(String(rnd() * 10 ** Math.floor(rnd() * 24 - 6)));
			else if (k === 1) texts.push(String(-rnd() * Math.exp(-rnd() * 20)));
			else if (k === 2) {
				const digits = Array.from({ length: 16 + Math.floor(rnd() * 5) }, () => Math.floor(rnd() * 10)).join('');
				const dot = Math.floor(rnd() * (digits.length + 1));
				texts.push(`${digits.slice(0, dot)}.${digits.slice(dot)}`);
			} else texts.push(nearMidpoint());
		}
		const r = await read(texts.map((t, i) => `${1000 + i} ${t} ${i}\n`).join(''));
		expect(r.malformed).toBe(0);
		const wrong = texts.filter((t, i) => !Object.is(r.rows[i]![1], Number(t)));
		expect(wrong).toEqual([]);
	});

	it('parses a line split across read chunks', async () => {
		const line = (i: number) => `${1767225600000 + i} 0.${String(i).padStart(17, '7')} ${i}\n`;
		const lines = Array.from({ length: 5000 }, (_, i) => line(i));
		const r = await read(lines.join(''));
		expect(r.rows.length).toBe(5000);
		expect(r.rows.every(([ts, v, step], i) => ts === 1767225600000 + i && step === i && v === Number(`0.${String(i).padStart(17, '7')}`))).toBe(true);
	});
});
