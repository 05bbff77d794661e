// A digest's series values are written to 7 significant digits by hand (bytes, not strings): the text
// must be valid JSON, within half a unit of the 7th digit, and read back it must write the same text,
// or an unchanged digest would be rewritten on every ingest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPackedPairs, formatSeriesValue, packPairs } from '../../src/lib/series-text.ts';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

describe('formatSeriesValue', () => {
	it('writes 7 significant digits as JavaScript would write the rounded number', () => {
		expect(formatSeriesValue(0.5320178926363588)).toBe('0.5320179');
		expect(formatSeriesValue(-2.3042)).toBe('-2.3042');
		expect(formatSeriesValue(123456789)).toBe('123456800');
		expect(formatSeriesValue(0.000001234567)).toBe('0.000001234567');
		expect(formatSeriesValue(1e-7)).toBe('1e-7');
		expect(formatSeriesValue(1.5e300)).toBe('1.5e+300');
		expect(formatSeriesValue(1e21)).toBe('1e+21');
		expect(formatSeriesValue(99999996)).toBe('100000000');
		expect(formatSeriesValue(1000)).toBe('1000');
		expect(formatSeriesValue(5e-324)).toBe('4.940656e-324');
	});

	it('writes zero without a sign and non-finite values as the schema names them', () => {
		expect(formatSeriesValue(-0)).toBe('0');
		expect(formatSeriesValue(NaN)).toBe('"NaN"');
		expect(formatSeriesValue(Infinity)).toBe('"Infinity"');
		expect(formatSeriesValue(-Infinity)).toBe('"-Infinity"');
	});

	it('stays within half a unit of the 7th digit, and matches toPrecision(7) away from ties', () => {
		fc.assert(
			fc.property(finite, (v) => {
				const read = JSON.parse(formatSeriesValue(v)) as number;
				expect(Math.abs(read - v)).toBeLessThanOrEqual(Math.abs(v) * 5.000001e-7);
				const precise = Number(v.toPrecision(7));
				// A value a hair from a tie may round either way after scaling; elsewhere both agree
				const tie = Math.abs(Math.abs(v * 10 ** (6 - Math.floor(Math.log10(Math.abs(v))))) % 1 - 0.5) < 1e-6;
				if (!tie && v !== 0) expect(read).toBe(precise);
			}),
			{ numRuns: 20_000 },
		);
	});

	it('writes a value read back from its own text as the same text', () => {
		fc.assert(
			fc.property(finite, (v) => {
				const text = formatSeriesValue(v);
				expect(formatSeriesValue(JSON.parse(text) as number)).toBe(text);
			}),
			{ numRuns: 20_000 },
		);
	});
});

describe('formatPackedPairs', () => {
	it('writes the pairs of a series on one line, as JSON (a step past 2^53 as JavaScript writes it)', () => {
		const pairs: [number, number | string][] = [[0, 0.25], [12, 'NaN'], [-3, 1e-9], [2 ** 60, 'Infinity']];
		const text = formatPackedPairs(packPairs(pairs));
		expect(text).toBe('[0, 0.25], [12, "NaN"], [-3, 1e-9], [1152921504606847000, "Infinity"]');
		expect(JSON.parse(`[${text}]`)).toEqual([[0, 0.25], [12, 'NaN'], [-3, 1e-9], [2 ** 60, 'Infinity']]);
		expect(formatPackedPairs(new Float64Array(0))).toBe('');
	});

	it('grows its buffer for long series', () => {
		const long = Float64Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? i : 1 / (i + 1)));
		const parsed = JSON.parse(`[${formatPackedPairs(long)}]`) as [number, number][];
		expect(parsed).toHaveLength(10_000);
		expect(parsed.at(-1)).toEqual([19_998, Number((1 / 20_000).toPrecision(7))]);
	});
});
