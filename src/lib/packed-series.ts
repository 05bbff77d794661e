import type { Series } from './read-digests.ts';

/**
 * A month's series, every run's and metric's, packed into one Float64Array of `step, value` pairs.
 * The archive check walks every series anyway; packing them there lets the pages draw charts without
 * reading and parsing each digest a second time, and a typed array's points cost the garbage collector
 * nothing to keep (a ten-year archive holds about 4.7 million points, 71 MB packed).
 */
export interface PackedSeries {
	points: Float64Array;
	/** Where each run's series of each metric starts in `points` and how many pairs it holds. */
	spans: Map<string, Map<string, [start: number, pairs: number]>>;
}

/** Collects series as a digest is checked, then packs them. */
export function createSeriesPacker() {
	const chunks: { runId: string; metric: string; series: ArrayLike<unknown> | readonly (readonly unknown[])[] }[] = [];
	let pairs = 0;
	return {
		/** Adds one valid series: `[step, value]` pairs (values may be `"NaN"`, `"Infinity"`), or a Float64Array of them flat. */
		add(runId: string, metric: string, series: Float64Array | readonly (readonly [number, number | string])[]) {
			chunks.push({ runId, metric, series });
			pairs += series instanceof Float64Array ? series.length / 2 : series.length;
		},
		pack(): PackedSeries {
			const points = new Float64Array(pairs * 2);
			const spans = new Map<string, Map<string, [number, number]>>();
			let at = 0;
			for (const { runId, metric, series } of chunks) {
				const start = at / 2;
				if (series instanceof Float64Array) {
					points.set(series, at);
					at += series.length;
				} else {
					// Indexed loops: this runs over every point of the archive, millions of them.
					const pairs = series as readonly (readonly [number, number | string])[];
					for (let index = 0; index < pairs.length; index++) {
						const pair = pairs[index]!;
						const value = pair[1];
						points[at++] = pair[0];
						points[at++] = typeof value === 'number' ? value : Number(value);
					}
				}
				let ofRun = spans.get(runId);
				if (!ofRun) spans.set(runId, (ofRun = new Map()));
				ofRun.set(metric, [start, at / 2 - start]);
			}
			return { points, spans };
		},
	};
}

/** One run's series of one metric from a packed month, as `[step, value]` pairs; undefined if it has none. */
export function unpackSeries(packed: PackedSeries, runId: string, metric: string): Series | undefined {
	const span = packed.spans.get(runId)?.get(metric);
	if (!span) return undefined;
	const [start, pairs] = span;
	const series: Series = new Array(pairs);
	for (let index = 0; index < pairs; index++) series[index] = [packed.points[(start + index) * 2]!, packed.points[(start + index) * 2 + 1]!];
	return series;
}
