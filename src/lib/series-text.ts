// A digest's series written out in a worker thread: formatting numbers is the costliest part of writing a
// digest, and on the main thread it ran alone after the reads; in the workers it runs beside them.

/** How deep a series' `[step, value]` lines sit in a digest: root → runs[] → run → metrics → metric → series. */
export const SERIES_LINE_INDENT = ' '.repeat(12);

/**
 * A packed series (`[step, value, …]`, see `PackedSeries`) already written as the digest's lines,
 * `[step, value]` each, indented by {@link SERIES_LINE_INDENT}, joined by `,\n`. Only ingest makes one,
 * from a series it checked against the schema's rule first, so a digest read from disk never holds one.
 */
export class FormattedSeries {
	readonly text: string;
	readonly points: number;
	constructor(text: string, points: number) {
		this.text = text;
		this.points = points;
	}
}

/** The lines of a packed series (a value as the schema stores it: NaN → "NaN"), indented by `inner`. */
export function formatPackedLines(series: Float64Array, inner: string): string[] {
	const lines: string[] = [];
	for (let i = 0; i < series.length; i += 2) {
		const v = series[i + 1]!;
		const value = Number.isFinite(v) ? String(v) : Number.isNaN(v) ? '"NaN"' : v > 0 ? '"Infinity"' : '"-Infinity"';
		const step = series[i]!;
		lines.push(`${inner}[${Number.isFinite(step) ? String(step) : 'null'}, ${value}]`);
	}
	return lines;
}

/** A packed series as a {@link FormattedSeries}'s parts (plain data, to post from a worker). */
export function formatPackedSeries(series: Float64Array): { text: string; points: number } {
	return { text: formatPackedLines(series, SERIES_LINE_INDENT).join(',\n'), points: series.length / 2 };
}
