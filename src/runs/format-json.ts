import { FormattedSeries, formatPackedLines, SERIES_LINE_INDENT } from '../lib/series-text.ts';

// JSON.stringify writes the NUL of a placeholder as the six characters \u0000
const PLACEHOLDER = /^( *)"series": "\\u0000(\d+)"/gm;

function isPairList(value: unknown): value is [unknown, unknown][] {
	return Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => x === null || typeof x !== 'object'));
}

/**
 * Serialises like `JSON.stringify(value, null, 2)` plus a trailing newline, except that the
 * `[step, value]` pairs of a `series` stay on one line (`[12, 0.25]`): a digest's series would
 * otherwise take four lines a point. Numbers and strings are formatted by JSON.stringify.
 * The series are swapped for placeholders so the bulk of the work stays in native JSON.stringify.
 */
export function formatJson(value: unknown): string {
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
	return (
		text.replace(PLACEHOLDER, (_, indent: string, index: string) => {
			const pairs = series[Number(index)]!;
			if (pairs.length === 0) return `${indent}"series": []`;
			const inner = `${indent}  `;
			const lines = pairs.map(([a, b]) => `${inner}[${JSON.stringify(a)}, ${JSON.stringify(b)}]`);
			return `${indent}"series": [\n${lines.join(',\n')}\n${indent}]`;
		}) + '\n'
	);
}

// Marks a series in the text; the nonce keeps a user's string from ever being taken for one
const SERIES_MARK = `\u0000series-${Math.random().toString(36).slice(2)}-`;
const SERIES_NEEDLE = `"series": ${JSON.stringify(SERIES_MARK)}`.slice(0, -1);

function seriesLines(series: unknown, indent: string): string {
	const inner = `${indent}  `;
	if (series instanceof FormattedSeries) {
		if (series.points === 0) return `${indent}"series": []`;
		// A digest's series always sit at one depth; anything else is a bug, not a digest to write wrongly
		if (inner !== SERIES_LINE_INDENT) throw new Error(`a formatted series at indent ${inner.length}, expected ${SERIES_LINE_INDENT.length}`);
		return `${indent}"series": [\n${series.text}\n${indent}]`;
	}
	const lines =
		series instanceof Float64Array
			? formatPackedLines(series, inner)
			: (series as [unknown, unknown][]).map(([a, b]) => `${inner}[${JSON.stringify(a)}, ${JSON.stringify(b)}]`);
	if (lines.length === 0) return `${indent}"series": []`;
	return `${indent}"series": [\n${lines.join(',\n')}\n${indent}]`;
}

/**
 * {@link formatJson} for a digest, byte for byte, but fast: the series (pair lists, packed
 * Float64Arrays, see `PackedSeries`, or already formatted, `FormattedSeries`) are swapped for markers in shallow copies of the metrics, so
 * the whole digest goes through native JSON.stringify without a replacer (a replacer costs a call
 * per value), and the markers are then replaced by the series' lines.
 */
export function formatDigest(digest: { runs: { metrics: Record<string, { series: unknown }> }[] }): string {
	return formatDigestChunks(digest).join('');
}

// A month's text is written in pieces of about this many characters, never as one string
const CHUNK_CHARS = 32 * 1024;

/**
 * {@link formatDigest} as consecutive pieces of about 32 KiB (below V8's large-object size, so they die young): a month of thousands of runs is
 * tens of MB of text, and one string (plus its UTF-8 buffer) that size per month is what made an
 * ingest's peak memory; pieces are written one after another (`writeFileAtomic`).
 */
export function formatDigestChunks(digest: { runs: { metrics: Record<string, { series: unknown }> }[] }): string[] {
	const series: unknown[] = [];
	const runs = digest.runs.map((run) => {
		const metrics: Record<string, unknown> = {};
		for (const key of Object.keys(run.metrics)) {
			const metric = run.metrics[key]!;
			const s = metric.series;
			if (s instanceof Float64Array || s instanceof FormattedSeries || isPairList(s)) {
				metrics[key] = { ...metric, series: `${SERIES_MARK}${series.length}` };
				series.push(s);
			} else metrics[key] = metric;
		}
		return { ...run, metrics };
	});
	const text = JSON.stringify({ ...digest, runs }, null, 2);
	const chunks: string[] = [];
	let parts: string[] = [];
	let size = 0;
	const add = (part: string) => {
		parts.push(part);
		size += part.length;
		if (size >= CHUNK_CHARS) {
			chunks.push(parts.join(''));
			parts = [];
			size = 0;
		}
	};
	let pos = 0;
	for (let at = text.indexOf(SERIES_NEEDLE); at >= 0; at = text.indexOf(SERIES_NEEDLE, pos)) {
		const lineStart = text.lastIndexOf('\n', at) + 1;
		const close = text.indexOf('"', at + SERIES_NEEDLE.length);
		const index = Number(text.slice(at + SERIES_NEEDLE.length, close));
		add(text.slice(pos, lineStart));
		add(seriesLines(series[index], text.slice(lineStart, at)));
		pos = close + 1;
	}
	add(text.slice(pos));
	add('\n');
	if (parts.length) chunks.push(parts.join(''));
	return chunks;
}

/** True when `text` is exactly the pieces joined, without joining them. */
export function equalsChunks(text: string, chunks: string[]): boolean {
	let pos = 0;
	for (const chunk of chunks) {
		if (!text.startsWith(chunk, pos)) return false;
		pos += chunk.length;
	}
	return pos === text.length;
}
