import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessDirection } from '../../src/ingest/metric-direction.ts';
import { roundSeriesValue, summariseMetric } from '../../src/ingest/summarise-metric.ts';
import { MAX_SERIES_POINTS } from '../../src/schemas/digest.ts';
import type { FinalRule, RunMetric } from '../../src/schemas/run-record.ts';

type P = { step: number; ts: number; value: number };

function pointsOf(list: P[], finalRule: FinalRule = 'mlflow'): RunMetric {
	return { steps: list.map((p) => p.step), values: list.map((p) => p.value), timestamps: list.map((p) => p.ts), finalRule, final: null, direction: null };
}

/** The summariser with a rule and a direction, as the digest writer calls it. */
function summarise(list: P[], options: { rule: FinalRule; direction: 'min' | 'max' | null }) {
	return summariseMetric(pointsOf(list, options.rule), options.direction);
}

/** Python's max(points, key=(step, ts, value)): a later item wins only if its tuple is greater. */
function referenceFinal(list: P[], rule: FinalRule): P {
	const cmpValue = (v: number) => (rule === 'mlflow-sql' && Number.isNaN(v) ? 0 : v);
	let best = list[0]!;
	for (const p of list.slice(1)) {
		if (rule === 'highest-step') {
			if (p.step >= best.step) best = p;
			continue;
		}
		const greater = p.step !== best.step ? p.step > best.step : p.ts !== best.ts ? p.ts > best.ts : cmpValue(p.value) > cmpValue(best.value);
		if (greater) best = p;
	}
	return best;
}

const value = fc.oneof(
	{ weight: 8, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) },
	{ weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) }
);
const point = fc.record({ step: fc.integer({ min: 0, max: 50 }), ts: fc.integer({ min: 0, max: 20 }), value });
// Digests are JSON, which has no negative zero: -0 is summarised as 0.
const asOut = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v + 0);
// A series keeps 7 significant digits: it is for drawing, the exact values sit beside it
const asSeries = (v: number) => roundSeriesValue(v);

describe('summariseMetric (properties)', () => {
	it('final follows the tool rule; min, max, counts and best agree with a naive reference', () => {
		fc.assert(
			fc.property(
				fc.array(point, { minLength: 1, maxLength: 300 }),
				fc.constantFrom<FinalRule>('mlflow', 'mlflow-sql', 'highest-step'),
				fc.constantFrom('min', 'max', null),
				(list, rule, direction) => {
					const s = summarise(list, { rule, direction: direction as 'min' | 'max' | null })!;
					const final = referenceFinal(list, rule);
					expect(s.final).toEqual(asOut(final.value));
					expect(s.lastStep).toBe(final.step);
					const finite = list.map((p) => p.value).filter(Number.isFinite);
					expect(s.count).toBe(list.length);
					expect(s.nanCount).toBe(list.filter((p) => Number.isNaN(p.value)).length);
					expect(s.min).toBe(finite.length ? Math.min(...finite) + 0 : null);
					expect(s.max).toBe(finite.length ? Math.max(...finite) + 0 : null);
					if (direction === null || finite.length === 0) expect(s.best).toBeNull();
					else expect(s.best).toBe(direction === 'min' ? s.min : s.max);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('series is bounded, in step order, keeps the first and last point and only real points', () => {
		fc.assert(
			fc.property(fc.array(point, { minLength: 1, maxLength: 2000 }), (list) => {
				const s = summarise(list, { rule: 'mlflow', direction: null })!;
				expect(s.series.length).toBeLessThanOrEqual(MAX_SERIES_POINTS);
				if (list.length <= MAX_SERIES_POINTS) expect(s.series.length).toBe(list.length);
				const steps = s.series.map(([step]) => step);
				expect([...steps].sort((a, b) => a - b)).toEqual(steps);
				const sorted = [...list].map((p, i) => ({ ...p, i })).sort((a, b) => a.step - b.step || a.ts - b.ts || a.i - b.i);
				expect(s.series[0]).toEqual([sorted[0]!.step, asSeries(sorted[0]!.value)]);
				expect(s.series.at(-1)).toEqual([sorted.at(-1)!.step, asSeries(sorted.at(-1)!.value)]);
				const real = new Set(list.map((p) => `${p.step}|${String(asSeries(p.value))}`));
				for (const [step, v] of s.series) expect(real.has(`${step}|${String(v)}`)).toBe(true);
			}),
			{ numRuns: 200 }
		);
	});

	it('summarises points logged in step order (read without reordering) as the same points logged out of order', () => {
		// Distinct steps have one chart order, and one final point by every rule, whatever order they were logged in
		const distinct = fc.uniqueArray(
			fc.record({ step: fc.integer({ min: 0, max: 5000 }), ts: fc.integer({ min: 0, max: 20 }), value: fc.oneof(value, fc.integer({ min: 0, max: 3 })) }),
			{
				minLength: 1,
				maxLength: 2000,
				// Long enough to be downsampled, with few distinct values so that a bucket holds ties
				size: 'large',
				selector: (p) => p.step,
			}
		);
		fc.assert(
			fc.property(
				distinct,
				fc.constantFrom<FinalRule>('mlflow', 'mlflow-sql', 'highest-step'),
				fc.constantFrom('min', 'max', null),
				(list, rule, direction) => {
					const inOrder = [...list].sort((a, b) => a.step - b.step || a.ts - b.ts);
					const shuffled = [...inOrder.slice(1), inOrder[0]!].reverse();
					const options = { rule, direction: direction as 'min' | 'max' | null };
					expect(summarise(inOrder, options)).toEqual(summarise(shuffled, options));
				}
			),
			{ numRuns: 100 }
		);
	});

	it('keeps the extremes of a long series when downsampling', () => {
		const list: P[] = Array.from({ length: 10_000 }, (_, i) => ({ step: i, ts: i, value: Math.sin(i / 100) }));
		list[5000]!.value = 42;
		list[7000]!.value = -42;
		const s = summarise(list, { rule: 'mlflow', direction: 'max' })!;
		const values = s.series.map(([, v]) => v);
		expect(values).toContain(42);
		expect(values).toContain(-42);
		expect(s.best).toBe(42);
		expect(s.bestStep).toBe(5000);
	});
});

describe('summariseMetric (MLflow rule examples)', () => {
	it('takes the largest step, not the last line', () => {
		const s = summarise(
			[
				{ step: 5, ts: 1, value: 0.5 },
				{ step: 2, ts: 9, value: 0.9 },
			],
			{ rule: 'mlflow', direction: 'min' }
		)!;
		expect(s.final).toBe(0.5);
	});
	it('breaks a step tie by timestamp, then by the larger value; NaN never wins a tie', () => {
		const tie = [
			{ step: 1, ts: 5, value: 0.2 },
			{ step: 1, ts: 5, value: 0.7 },
			{ step: 1, ts: 5, value: NaN },
		];
		expect(summarise(tie, { rule: 'mlflow', direction: null })!.final).toBe(0.7);
		const nanFirst = [
			{ step: 1, ts: 5, value: NaN },
			{ step: 1, ts: 5, value: 0.7 },
		];
		expect(summarise(nanFirst, { rule: 'mlflow', direction: null })!.final).toBe('NaN');
		expect(summarise(nanFirst, { rule: 'mlflow-sql', direction: null })!.final).toBe(0.7);
	});
	it('a final point the store kept itself wins over the rule; last-logged takes the last point', () => {
		const list = [
			{ step: 1, ts: 1, value: 0.2 },
			{ step: 3, ts: 2, value: 0.7 },
			{ step: 2, ts: 3, value: 0.9 },
		];
		expect(summariseMetric({ ...pointsOf(list), final: { step: 9, value: 0.1 } }, null)).toMatchObject({ final: 0.1, lastStep: 9 });
		expect(summarise(list, { rule: 'last-logged', direction: null })).toMatchObject({ final: 0.9, lastStep: 2 });
	});
	it('returns null for an empty metric', () => {
		expect(summarise([], { rule: 'mlflow', direction: null })).toBeNull();
	});
});

describe('guessDirection', () => {
	it.each([
		['val_loss', 'min'],
		['train/loss', 'min'],
		['mean_absolute_error', 'min'],
		['validation-rmse', 'min'],
		['latency_ms', 'min'],
		['val/acc', 'max'],
		['match_accuracy', 'max'],
		['holdout/f1', 'max'],
		['metrics/mAP50-95B', 'max'],
		['r2', 'max'],
		['metrics/recallB', 'max'],
		['noise_rate', null],
		['lr/pg0', null],
		['epoch', null],
		['lower_bound', null],
		['power', null],
	])('%s → %s', (name, expected) => {
		expect(guessDirection(name)).toBe(expected);
	});
});
