// A digest's series written out in a worker thread: formatting numbers is the costliest part of writing a
// digest, and on the main thread it ran alone after the reads; in the workers it runs beside them.

/**
 * A packed series (`[step, value, …]`, see `PackedSeries`) already written as text: one `step, value`
 * line a point ({@link formatPackedPairs}), without the brackets and indentation the digest adds
 * ({@link seriesBody}), which would make it half as large again while a whole store's series wait in
 * memory for their months to be written. Only ingest makes one, from a series it checked against the
 * schema's rule first, so a digest read from disk never holds one.
 */
export class FormattedSeries {
	readonly text: string;
	readonly points: number;
	constructor(text: string, points: number) {
		this.text = text;
		this.points = points;
	}
}

/** Each point of a packed series as `step, value`, a value as the schema stores it (NaN → "NaN"). */
export function formatPackedPairs(series: Float64Array): string[] {
	const pairs: string[] = [];
	for (let i = 0; i < series.length; i += 2) {
		const v = series[i + 1]!;
		const value = Number.isFinite(v) ? String(v) : Number.isNaN(v) ? '"NaN"' : v > 0 ? '"Infinity"' : '"-Infinity"';
		const step = series[i]!;
		pairs.push(`${Number.isFinite(step) ? String(step) : 'null'}, ${value}`);
	}
	return pairs;
}

/** A packed series as a {@link FormattedSeries}'s parts (plain data, to post from a worker). */
export function formatPackedSeries(series: Float64Array): { text: string; points: number } {
	return { text: formatPackedPairs(series).join('\n'), points: series.length / 2 };
}

/** The `[step, value]` lines of a non-empty {@link FormattedSeries} text, each indented by `inner`, joined by `,\n`. */
export function seriesBody(text: string, inner: string): string {
	return `${inner}[${text.replaceAll('\n', `],\n${inner}[`)}]`;
}
