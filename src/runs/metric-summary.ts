import type { Direction } from '../schemas/common.ts';
import type { MetricSummaryInput, MetricValueInput } from '../schemas/digest.ts';
import type { MetricPoints } from './metric-points.ts';
import { MAX_SERIES_POINTS } from '../schemas/series-limit.ts';
import type { FormattedSeries } from '../lib/series-text.ts';

/** The schema's cap on series length. */
export { MAX_SERIES_POINTS };

/**
 * How a tool picks a metric's "final" value.
 * - `mlflow`: the point with the largest (step, timestamp, value), compared as Python compares
 *   tuples (a NaN never wins a tie), as `FileStore._get_metric_from_file` does.
 * - `mlflow-sql`: the same, but NaN compares as 0, as MLflow's SQL store stores it (`value=0, is_nan=1`).
 * - `last-by-step`: the point with the largest step, the later one on equal steps (Hindsight manifests).
 */
export type FinalRule = 'mlflow' | 'mlflow-sql' | 'last-by-step';

/** Writes a number the way the digest schema stores it: non-finite values become strings. */
export function toMetricValue(value: number): MetricValueInput {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return 'Infinity';
	if (value === -Infinity) return '-Infinity';
	return value + 0; // JSON has no negative zero
}

/** Index of the final point by the tool's rule, or -1 when there are no points. */
export function findFinalIndex(points: MetricPoints, rule: FinalRule): number {
	const { steps, timestamps, values, length } = points;
	if (length === 0) return -1;
	let best = 0;
	for (let i = 1; i < length; i++) {
		if (rule === 'last-by-step') {
			if (steps[i]! >= steps[best]!) best = i;
			continue;
		}
		const ds = steps[i]! - steps[best]!;
		if (ds > 0) best = i;
		else if (ds === 0) {
			const ta = timestamps[i]!;
			const tb = timestamps[best]!;
			if (ta > tb) best = i;
			else if (ta === tb) {
				let va = values[i]!;
				let vb = values[best]!;
				if (rule === 'mlflow-sql') {
					if (Number.isNaN(va)) va = 0;
					if (Number.isNaN(vb)) vb = 0;
				}
				if (va > vb) best = i;
			}
		}
	}
	return best;
}

/**
 * Point indices in chart order: by step, then timestamp, then the order they were logged; null when
 * the points are in that order already (almost always: a training loop logs steps in order).
 */
function orderByStep(points: MetricPoints): Uint32Array | null {
	const { steps, timestamps } = points;
	let sorted = true;
	for (let i = 1; i < points.length && sorted; i++) {
		const ds = steps[i]! - steps[i - 1]!;
		if (ds < 0 || (ds === 0 && timestamps[i]! < timestamps[i - 1]!)) sorted = false;
	}
	if (sorted) return null;
	const order = new Uint32Array(points.length);
	for (let i = 0; i < order.length; i++) order[i] = i;
	return order.sort((a, b) => {
		const ds = steps[a]! - steps[b]!;
		if (ds !== 0) return ds;
		const ta = timestamps[a]!;
		const tb = timestamps[b]!;
		// NaN timestamps (none logged) sort as equal so the logging order decides
		if (ta < tb) return -1;
		if (ta > tb) return 1;
		return a - b;
	});
}

/**
 * Picks at most `maxPoints` of `n` points in chart order (positions in `values`) for a chart: the first
 * and the last, and for each of the buckets between them its lowest and highest value, so spikes survive
 * downsampling. A bucket holding only NaN points contributes one NaN so gaps stay visible.
 */
function downsample(values: Float64Array, n: number, maxPoints = MAX_SERIES_POINTS): number[] {
	const picked: number[] = [];
	if (n <= maxPoints) {
		for (let k = 0; k < n; k++) picked.push(k);
		return picked;
	}
	picked.push(0);
	const inner = n - 2;
	const buckets = Math.floor((maxPoints - 2) / 2);
	for (let b = 0; b < buckets; b++) {
		const from = 1 + Math.floor((b * inner) / buckets);
		const to = 1 + Math.floor(((b + 1) * inner) / buckets);
		let lo = -1;
		let hi = -1;
		let nan = -1;
		let low = 0;
		let high = 0;
		for (let k = from; k < to; k++) {
			const v = values[k]!;
			if (v !== v) {
				if (nan < 0) nan = k;
				continue;
			}
			if (lo < 0 || v < low) {
				lo = k;
				low = v;
			}
			if (hi < 0 || v > high) {
				hi = k;
				high = v;
			}
		}
		if (lo < 0) {
			if (nan >= 0) picked.push(nan);
		} else if (lo === hi) picked.push(lo);
		else if (lo < hi) picked.push(lo, hi);
		else picked.push(hi, lo);
	}
	picked.push(n - 1);
	return picked;
}

/** `values` in chart order: a copy through `order`, or `values` themselves when they are in order already. */
function inChartOrder(values: Float64Array, order: Uint32Array | null): Float64Array {
	if (order === null) return values;
	const sorted = new Float64Array(order.length);
	for (let k = 0; k < order.length; k++) sorted[k] = values[order[k]!]!;
	return sorted;
}

/** Options for {@link summariseMetric}. */
export interface SummariseOptions {
	rule: FinalRule;
	direction: Direction | null;
	/** Overrides the computed final point, e.g. MLflow SQL's own `latest_metrics` row. */
	final?: { value: number; step: number } | undefined;
}

/**
 * A `series` packed as `[step0, value0, step1, value1, …]` in one Float64Array: what the file-store
 * reader keeps per metric until the digest is written (1 KiB instead of 64 small arrays and boxed
 * numbers), so a store of thousands of runs stays small in memory and cheap to pass between threads.
 * `formatDigestPieces` and `checkDigest` accept either form.
 */
export type PackedSeries = Float64Array;

/** Summarises one metric's points into the digest's shape. Returns null when there are no points. */
export function summariseMetric(points: MetricPoints, options: SummariseOptions): MetricSummaryInput | null {
	return summarise(points, options, false);
}

/**
 * {@link summariseMetric} with the series packed ({@link PackedSeries}); typed as the digest's
 * shape, which every consumer in the pipeline accepts.
 */
export function summariseMetricPacked(points: MetricPoints, options: SummariseOptions): MetricSummaryInput | null {
	return summarise(points, options, true);
}

// What scanValues found, passed back through a typed array: no object, and no loop in `summarise`
const SCAN_I = new Int32Array(3); // minAt, maxAt, nanCount

/**
 * Finite min and max of values in chart order (the first position on ties, so a tie for best goes to
 * the earliest step) and the NaN count, into SCAN_I.
 */
function scanValues(values: Float64Array, length: number): void {
	let nanCount = 0;
	let min = Infinity;
	let max = -Infinity;
	let minAt = -1;
	let maxAt = -1;
	for (let k = 0; k < length; k++) {
		const v = values[k]!;
		if (v !== v) {
			nanCount++;
			continue;
		}
		if (v === Infinity || v === -Infinity) continue;
		if (minAt < 0 || v < min) {
			min = v;
			minAt = k;
		}
		if (maxAt < 0 || v > max) {
			max = v;
			maxAt = k;
		}
	}
	SCAN_I[0] = minAt;
	SCAN_I[1] = maxAt;
	SCAN_I[2] = nanCount;
}

/*
 * `summarise` holds no loop of its own, on purpose. Node 24's V8 (Maglev, on-stack replacement)
 * was seen to miscompile the earlier version, whose min/max loop sat in this function before the
 * result's object literal: once the function was replaced on the stack mid-loop, the summaries it
 * returned afterwards shared the boxes of their double fields, so every metric of a run showed the
 * last metric's `final`, `min` and `max` (a few runs in thousands; `--no-maglev-osr` made it go away).
 * With the loops in helpers (scanValues, orderByStep, inChartOrder, findFinalIndex, downsample) this
 * function is never replaced mid-loop. tests/runs/worker-pool.test.ts checks summaries against
 * their own series.
 */
function summarise(points: MetricPoints, options: SummariseOptions, pack: boolean): MetricSummaryInput | null {
	const { length, steps, values } = points;
	if (length === 0) return null;
	// Points logged out of step order (rare) are copied into chart order once; positions map back through `order`
	const order = orderByStep(points);
	const chartValues = inChartOrder(values, order);
	const indexOf = (k: number) => (order === null ? k : order[k]!);
	scanValues(chartValues, length);
	const found: NotablePoints = {
		finalAt: findFinalIndex(points, options.rule),
		minAt: SCAN_I[0]! < 0 ? -1 : indexOf(SCAN_I[0]!),
		maxAt: SCAN_I[1]! < 0 ? -1 : indexOf(SCAN_I[1]!),
		nanCount: SCAN_I[2]!,
	};
	const picked = downsample(chartValues, length).map(indexOf);
	const series = pack ? packPicked(picked, steps, values) : picked.map((i) => [steps[i]!, toMetricValue(values[i]!)] as [number, MetricValueInput]);
	return summaryOf(points, found, options.direction, series, options.final);
}

/** Positions in a metric's points: its final point (by the tool's rule), its finite min and max (-1 when none), and its NaN count. */
export interface NotablePoints {
	finalAt: number;
	minAt: number;
	maxAt: number;
	nanCount: number;
}

/**
 * A metric's summary in the digest's shape, from where its notable points are and its series as the
 * caller made it (pairs, packed, or already written as text). `final` overrides the final point.
 */
export function summaryOf(points: MetricPoints, found: NotablePoints, direction: Direction | null, series: MetricSummaryInput['series'] | PackedSeries | FormattedSeries, final?: SummariseOptions['final']): MetricSummaryInput {
	const { steps, values } = points;
	const last = final ?? { value: values[found.finalAt]!, step: steps[found.finalAt]! };
	const bestAt = direction === 'min' ? found.minAt : direction === 'max' ? found.maxAt : -1;
	return {
		final: toMetricValue(last.value),
		// JSON has no negative zero, so a digest holds 0 either way; -0 is made 0 here for the same answer in memory.
		best: bestAt < 0 ? null : values[bestAt]! + 0,
		bestStep: bestAt < 0 ? null : steps[bestAt]!,
		direction,
		min: found.minAt < 0 ? null : values[found.minAt]! + 0,
		max: found.maxAt < 0 ? null : values[found.maxAt]! + 0,
		count: points.length,
		nanCount: found.nanCount,
		lastStep: last.step,
		// Packed or formatted series stand in for pairs until the digest is written (formatDigestPieces)
		series: series as MetricSummaryInput['series'],
	};
}

function packPicked(picked: number[], steps: Float64Array, values: Float64Array): PackedSeries {
	const packed = new Float64Array(picked.length * 2);
	for (let k = 0; k < picked.length; k++) {
		packed[2 * k] = steps[picked[k]!]!;
		packed[2 * k + 1] = values[picked[k]!]!;
	}
	return packed;
}
