import type { Direction } from '../schemas/common.ts';
import { MAX_SERIES_POINTS, type MetricSummaryInput, type MetricValueInput } from '../schemas/digest.ts';
import type { FinalRule, RunMetric } from '../schemas/run-record.ts';

/**
 * Significant digits of a series value in a digest: more than a chart of any size can show. The exact
 * final, best, min and max sit beside the series; at full precision series were most of a digest's bytes.
 */
export const SERIES_DIGITS = 7;

/** A number as the digest schema stores it: non-finite values become strings, -0 becomes 0. */
export function toMetricValue(value: number): MetricValueInput {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return 'Infinity';
	if (value === -Infinity) return '-Infinity';
	return value + 0;
}

/** A series value: {@link SERIES_DIGITS} significant digits. */
export function roundSeriesValue(value: number): MetricValueInput {
	return Number.isFinite(value) ? Number(value.toPrecision(SERIES_DIGITS)) + 0 : toMetricValue(value);
}

/** Index of the final point by the tool's rule, or -1 when there are no points. */
export function findFinalIndex(metric: Pick<RunMetric, 'steps' | 'values' | 'timestamps'>, rule: FinalRule): number {
	const { steps, values, timestamps } = metric;
	if (steps.length === 0) return -1;
	if (rule === 'last-logged') return steps.length - 1;
	let best = 0;
	for (let i = 1; i < steps.length; i++) {
		if (rule === 'highest-step') {
			if (steps[i]! >= steps[best]!) best = i;
			continue;
		}
		if (steps[i]! !== steps[best]!) {
			if (steps[i]! > steps[best]!) best = i;
			continue;
		}
		// Compared as Python compares tuples: any comparison with NaN is false, so a NaN never wins
		const ta = timestamps[i] ?? NaN;
		const tb = timestamps[best] ?? NaN;
		if (ta !== tb) {
			if (ta > tb) best = i;
			continue;
		}
		const nanAsZero = (v: number) => (rule === 'mlflow-sql' && Number.isNaN(v) ? 0 : v);
		if (nanAsZero(values[i]!) > nanAsZero(values[best]!)) best = i;
	}
	return best;
}

/**
 * Point positions in chart order: by step, then timestamp, then the order they were logged (points
 * with no timestamp compare as equal, so the logging order decides); null when the points are in that
 * order already, as a training loop logs them.
 */
function orderForChart(metric: RunMetric): number[] | null {
	const { steps, timestamps } = metric;
	const compare = (a: number, b: number) => {
		if (steps[a] !== steps[b]) return steps[a]! - steps[b]!;
		const ta = timestamps[a] ?? NaN;
		const tb = timestamps[b] ?? NaN;
		return ta < tb ? -1 : ta > tb ? 1 : a - b;
	};
	for (let i = 1; i < steps.length; i++) if (compare(i - 1, i) > 0) return steps.map((_, k) => k).sort(compare);
	return null;
}

/**
 * Picks at most `maxPoints` of `values` (in chart order) for a chart: the first and the last, and for
 * each bucket between them its lowest and highest value, so spikes survive downsampling. A bucket
 * holding only NaN points gives one NaN so gaps stay visible. Returns positions in `values`.
 */
export function pickSeriesPoints(values: readonly number[], maxPoints = MAX_SERIES_POINTS): number[] {
	const n = values.length;
	if (n <= maxPoints) return values.map((_, k) => k);
	const picked = [0];
	const inner = n - 2;
	const buckets = Math.floor((maxPoints - 2) / 2);
	for (let b = 0; b < buckets; b++) {
		const from = 1 + Math.floor((b * inner) / buckets);
		const to = 1 + Math.floor(((b + 1) * inner) / buckets);
		let lo = -1;
		let hi = -1;
		let nan = -1;
		for (let k = from; k < to; k++) {
			const v = values[k]!;
			if (Number.isNaN(v)) {
				if (nan < 0) nan = k;
				continue;
			}
			if (lo < 0 || v < values[lo]!) lo = k;
			if (hi < 0 || v > values[hi]!) hi = k;
		}
		if (lo < 0) {
			if (nan >= 0) picked.push(nan);
		} else if (lo === hi) picked.push(lo);
		else picked.push(Math.min(lo, hi), Math.max(lo, hi));
	}
	picked.push(n - 1);
	return picked;
}

/**
 * Summarises one metric into the digest's shape: the final value by the tool's rule, best by
 * direction (`direction` is the metric's own hint or the name's guess), finite min and max (the
 * earliest step on ties), counts, and a downsampled series. Null when the metric has no points.
 */
export function summariseMetric(metric: RunMetric, direction: Direction | null): MetricSummaryInput | null {
	if (metric.steps.length === 0) return null;
	const order = orderForChart(metric);
	const position = (k: number) => (order === null ? k : order[k]!);
	const chartValues = order === null ? metric.values : order.map((i) => metric.values[i]!);
	let minAt = -1;
	let maxAt = -1;
	let nanCount = 0;
	for (let k = 0; k < chartValues.length; k++) {
		const i = position(k);
		const v = metric.values[i]!;
		if (Number.isNaN(v)) nanCount++;
		if (!Number.isFinite(v)) continue;
		if (minAt < 0 || v < metric.values[minAt]!) minAt = i;
		if (maxAt < 0 || v > metric.values[maxAt]!) maxAt = i;
	}
	const finalAt = findFinalIndex(metric, metric.finalRule);
	const final = metric.final ?? { step: metric.steps[finalAt]!, value: metric.values[finalAt]! };
	const bestAt = direction === 'min' ? minAt : direction === 'max' ? maxAt : -1;
	return {
		final: toMetricValue(final.value),
		best: bestAt < 0 ? null : metric.values[bestAt]! + 0,
		bestStep: bestAt < 0 ? null : metric.steps[bestAt]!,
		direction,
		min: minAt < 0 ? null : metric.values[minAt]! + 0,
		max: maxAt < 0 ? null : metric.values[maxAt]! + 0,
		count: metric.steps.length,
		nanCount,
		lastStep: final.step,
		series: pickSeriesPoints(chartValues).map((k) => [metric.steps[position(k)]!, roundSeriesValue(chartValues[k]!)]),
	};
}
