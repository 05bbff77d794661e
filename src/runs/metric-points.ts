/**
 * A growable column store of one metric's points. Typed arrays keep a long history at 24 bytes a
 * point instead of an object per point, which matters when a store holds millions of lines.
 */
export interface MetricPoints {
	steps: Float64Array;
	values: Float64Array;
	timestamps: Float64Array;
	length: number;
}

/** Makes an empty point list with room for `capacity` points before it grows. */
export function createMetricPoints(capacity = 64): MetricPoints {
	return {
		steps: new Float64Array(capacity),
		values: new Float64Array(capacity),
		timestamps: new Float64Array(capacity),
		length: 0,
	};
}

/** Appends a point; `tsMs` is NaN when the source logged no timestamp. */
export function addMetricPoint(points: MetricPoints, step: number, value: number, tsMs: number): void {
	if (points.length === points.steps.length) growMetricPoints(points);
	const i = points.length++;
	points.steps[i] = step;
	points.values[i] = value;
	points.timestamps[i] = tsMs;
}

/** Doubles the room of `points`, keeping them. */
export function growMetricPoints(points: MetricPoints): void {
	const capacity = Math.max(64, points.steps.length * 2);
	for (const key of ['steps', 'values', 'timestamps'] as const) {
		const next = new Float64Array(capacity);
		next.set(points[key]);
		points[key] = next;
	}
}
