// The series index must find exactly what the text holds: for every run id and metric key, the same
// series, whatever the spacing of the text, the order of the keys, and the characters in strings.
//
// What the text holds is taken from the generated digest, not from JSON.parse of the text: Node 24's
// JSON.parse can return the wrong key for an escaped object key once another escaped key of the same
// length was parsed (`JSON.parse('{"\\\\":1}')` then `JSON.parse('{"\\n":1}')` gives the key `\`;
// nodejs/node#63785, a V8 bug still open), which made this test fail for some random seeds.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { indexDigestSeries } from '../../src/archive/digest-series-index.ts';

const metricValue = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('NaN', 'Infinity', '-Infinity'));
const series = fc.array(fc.tuple(fc.integer(), metricValue), { maxLength: 6 });
// Strings made of the characters that could mislead a scanner: quotes, backslashes, brackets, braces
const awkward = fc.string({ unit: fc.constantFrom('a', '"', '\\', ']', '[', '{', '}', ',', ':', ' ', '\n', 'é', '\u2028', '🙂'), maxLength: 6 });
const summary = fc.record({ final: metricValue, series, note: awkward, extra: fc.array(fc.array(metricValue, { maxLength: 2 }), { maxLength: 2 }) }, { requiredKeys: ['final'] });
const run = fc.record({
	id: awkward,
	notes: awkward,
	params: fc.dictionary(awkward, fc.oneof(awkward, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 3 }),
	metrics: fc.dictionary(awkward, summary, { maxKeys: 4 }),
	metricsFirst: fc.boolean(),
});
const digest = fc.record({ runs: fc.array(run, { maxLength: 5 }), sources: fc.array(fc.record({ path: awkward }), { maxLength: 2 }), runsFirst: fc.boolean() });
const spacing = fc.constantFrom<(value: unknown) => string>(
	(value) => JSON.stringify(value),
	(value) => JSON.stringify(value, null, 2),
	(value) => JSON.stringify(value, null, '\t').replaceAll('\n', '\r\n'),
);

/** The digest as JSON text, its keys in the generated order. */
function toText(d: { runs: { id: string; notes: string; params: object; metrics: object; metricsFirst: boolean }[]; sources: object[]; runsFirst: boolean }, format: (value: unknown) => string): string {
	const runs = d.runs.map(({ id, notes, params, metrics, metricsFirst }) => (metricsFirst ? { metrics, notes, params, id } : { id, notes, params, metrics }));
	return format(d.runsFirst ? { runs, month: '2026-01', sources: d.sources } : { schemaVersion: 1, month: '2026-01', sources: d.sources, runs });
}

/**
 * What the text holds: each run id's metrics that have a series (a later run with the same id wins, as
 * in JSON.parse), each series as it reads back from JSON (which has no negative zero).
 */
function seriesOf(d: { runs: { id: string; metrics: Record<string, { series?: unknown }> }[] }): Map<string, Map<string, unknown>> {
	const byRun = new Map<string, Map<string, unknown>>();
	for (const run of d.runs) {
		const metrics = new Map<string, unknown>();
		for (const [key, summary] of Object.entries(run.metrics)) if (Object.hasOwn(summary, 'series')) metrics.set(key, JSON.parse(JSON.stringify(summary.series)));
		byRun.set(run.id, metrics);
	}
	return byRun;
}

test('finds every series the text holds, and nothing else', () => {
	fc.assert(
		fc.property(digest, spacing, (d, format) => {
			const text = toText(d, format);
			const index = indexDigestSeries(text);
			expect(index).not.toBeNull();
			const found = new Map([...index!].map(([id, spans]) => [id, new Map([...spans].map(([key, [start, end]]) => [key, JSON.parse(text.slice(start, end))]))]));
			expect(found).toEqual(seriesOf(d));
		}),
		{ numRuns: 400 },
	);
});

test('reads an escaped key right, also after JSON.parse has met another escaped key of its length', () => {
	JSON.parse('{"\\\\":1}');
	const text = '{"runs":[{"id":"r","metrics":{"\\n":{"final":0,"series":[[1,2]]}}}]}';
	expect([...indexDigestSeries(text)!.get('r')!.keys()]).toEqual(['\n']);
});

test('text that is not a digest object with a list of runs gives null', () => {
	for (const text of ['[]', 'null', '{"runs": 3}', '{"runs": [1]}', '{"runs": [{"id": "a"}', '{"runs" [] }', '']) expect(indexDigestSeries(text), text).toBeNull();
	expect(indexDigestSeries('{}')).toEqual(new Map());
	expect(indexDigestSeries(' { "runs" : [ ] } ')).toEqual(new Map());
});
