// formatDigestPieces (native JSON.stringify plus series markers, packed or plain series) must write
// exactly what a plain serialiser with a replacer (formatJson, below) writes; checkDigest must refuse
// what the digest schema refuses.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDigest, checkRun } from '../../src/runs/build-digest.ts';
import { formatDigestPieces } from '../../src/runs/format-json.ts';
import { FormattedSeries, formatPackedPairs, formatPackedSeries, packPairs } from '../../src/lib/series-text.ts';
import type { DigestInput } from '../../src/schemas/digest.ts';

const content = resolve(import.meta.dirname, '..', '..', 'content', 'runs');
const digests = readdirSync(content)
	.filter((n) => /^\d{4}-\d{2}\.json$/.test(n))
	.map((n) => JSON.parse(readFileSync(join(content, n), 'utf8')) as DigestInput);

function isPairList(value: unknown): value is [unknown, unknown][] {
	return Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => x === null || typeof x !== 'object'));
}

// JSON.stringify writes the NUL of a placeholder as the six characters \u0000
const PLACEHOLDER = /^( *)"series": "\\u0000(\d+)"/gm;

/**
 * The reference: `JSON.stringify(value, null, 2)` and a newline, each pair-list `series` written by
 * `formatPackedPairs` on one line in place of a placeholder a replacer left.
 */
function formatJson(value: unknown): string {
	const series: [unknown, unknown][][] = [];
	const text = JSON.stringify(
		value,
		function (key, v) {
			if (key === 'series' && isPairList(v)) {
				series.push(v);
				return `\u0000${series.length - 1}`;
			}
			return v;
		},
		2,
	);
	return text.replace(PLACEHOLDER, (_, indent: string, index: string) => `${indent}"series": [${formatPackedPairs(packPairs(series[Number(index)]!))}]`) + '\n';
}

/** The digest's text, all its pieces joined. */
function formatDigest(digest: Parameters<typeof formatDigestPieces>[0]): string {
	return Array.from(formatDigestPieces(digest)).join('');
}

/** The digest with each metric's series replaced by `convert(series)`. */
function mapSeries(digest: DigestInput, convert: (series: DigestInput['runs'][number]['metrics'][string]['series']) => unknown): DigestInput {
	return {
		...digest,
		runs: digest.runs.map((run) => {
			const metrics: Record<string, unknown> = {};
			for (const [key, m] of Object.entries(run.metrics)) metrics[key] = { ...m, series: convert(m.series) };
			return { ...run, metrics } as typeof run;
		}),
	};
}

function packAll(digest: DigestInput): DigestInput {
	return mapSeries(digest, (series) => Float64Array.from(series.flatMap(([s, v]) => [s, Number(v)])));
}

/** Every series as a worker posts it (`formatOutcomeSeries`), revived. */
function formatAll(digest: DigestInput): DigestInput {
	return mapSeries(digest, (series) => {
		const { text, points } = formatPackedSeries(series as unknown as Float64Array);
		return new FormattedSeries(text, points);
	});
}

describe('formatDigest', () => {
	it('writes the committed digests byte for byte, from plain and from packed series', () => {
		expect(digests.length).toBeGreaterThan(0);
		for (const digest of digests) {
			const expected = formatJson(digest);
			expect(formatDigest(digest)).toBe(expected);
			expect(formatDigest(packAll(digest))).toBe(expected);
			expect(formatDigest(formatAll(packAll(digest)))).toBe(expected);
		}
	});

	it('writes NaN, infinities, -0 and empty series as formatJson does', () => {
		const run = (series: unknown) => ({ id: 'x', metrics: { m: { final: 1, series } }, tags: { a: 'b' } });
		const plain = { runs: [run([[0, 'NaN'], [1, 'Infinity'], [2, '-Infinity'], [3, -0]]), run([])] };
		const packed = { runs: [run(Float64Array.from([0, NaN, 1, Infinity, 2, -Infinity, 3, -0])), run(new Float64Array(0))] };
		expect(formatDigest(plain)).toBe(formatJson(plain));
		expect(formatDigest(packed)).toBe(formatJson(plain));
		const formatted = (series: Float64Array) => {
			const { text, points } = formatPackedSeries(series);
			return new FormattedSeries(text, points);
		};
		const preformatted = { runs: [run(formatted(Float64Array.from([0, NaN, 1, Infinity, 2, -Infinity, 3, -0]))), run(formatted(new Float64Array(0)))] };
		expect(formatDigest(preformatted)).toBe(formatJson(plain));
	});

	it('leaves a user string that looks like a series marker alone (formatJson did not)', () => {
		const digest = { runs: [{ id: 'x', metrics: { m: { series: [[0, 1]] } }, tags: { series: '\u00000' } }] };
		expect(JSON.parse(formatDigest(digest))).toEqual(digest);
	});
});

describe('checkDigest', () => {
	it('passes the committed digests, plain and packed', () => {
		for (const digest of digests) {
			expect(checkDigest(digest)).toBeNull();
			expect(checkDigest(packAll(digest))).toBeNull();
		}
	});

	it('finds a bad series and a bad field elsewhere', () => {
		const digest = digests.find((d) => d.runs.some((r) => Object.keys(r.metrics).length))!;
		const r = digest.runs.findIndex((run) => Object.keys(run.metrics).length);
		const key = Object.keys(digest.runs[r]!.metrics)[0]!;
		const withSeries = (series: unknown) => {
			const runs = [...digest.runs];
			runs[r] = { ...runs[r]!, metrics: { ...runs[r]!.metrics, [key]: { ...runs[r]!.metrics[key]!, series } } } as (typeof runs)[number];
			return { ...digest, runs };
		};
		expect(checkDigest(withSeries(Array.from({ length: 65 }, (_, i) => [i, 0])))?.path).toBe(`runs.${r}.metrics.${key}.series`);
		expect(checkDigest(withSeries([[0, 'nan']]))?.path).toBe(`runs.${r}.metrics.${key}.series.0.1`);
		expect(checkDigest(withSeries(Float64Array.from([NaN, 1])))?.path).toBe(`runs.${r}.metrics.${key}.series.0.0`);
		const runs = [...digest.runs];
		runs[r] = { ...runs[r]!, status: 'bogus' as never };
		expect(checkDigest({ ...digest, runs })?.path).toBe(`runs.${r}.status`);
		// A run that checkRun passed as it was read is not checked again; the rest of the digest still is
		expect(checkRun(runs[r]!, r)?.path).toBe(`runs.${r}.status`);
		expect(checkDigest({ ...digest, runs }, new Set([runs[r]!]))).toBeNull();
		expect(checkDigest({ ...digest, runs, month: '2026-13' }, new Set(runs))?.path).toBe('month');
	});
});
