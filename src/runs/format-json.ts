import { FormattedSeries, formatPackedPairs, packPairs } from '../lib/series-text.ts';

// Marks a series in the text; the nonce keeps a user's string from ever being taken for one
const SERIES_MARK = `\u0000series-${Math.random().toString(36).slice(2)}-`;
const SERIES_NEEDLE = `"series": ${JSON.stringify(SERIES_MARK)}`.slice(0, -1);

function seriesLine(series: unknown, indent: string): string {
	let body: string;
	if (series instanceof FormattedSeries) body = series.text;
	else if (series instanceof Float64Array) body = formatPackedPairs(series);
	else body = formatPackedPairs(packPairs(series as [unknown, unknown][]));
	return `${indent}"series": [${body}]`;
}

type DigestLike = { runs: { metrics: Record<string, { series: unknown }> }[] };

function isPairList(value: unknown): value is [unknown, unknown][] {
	return Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => x === null || typeof x !== 'object'));
}

const RUNS_MARK = `${SERIES_MARK}runs`;
const RUNS_NEEDLE = `"runs": ${JSON.stringify(RUNS_MARK)}`;
// A digest's runs sit four spaces in, as deep as in JSON.stringify([[run]], null, 2), which writes
// `[\n  [\n` before the run and `\n  ]\n]` after it
const NESTED_HEAD = 6;
const NESTED_TAIL = 6;

/**
 * A digest as `JSON.stringify(digest, null, 2)` writes it, plus a trailing newline, except that each
 * `series` is written on one line (`"series": [[0, 0.5], [12, 0.25]]`) with its values to 7 significant
 * digits (`formatPackedPairs`). Series may be pair lists, packed Float64Arrays (`PackedSeries`) or
 * already formatted (`FormattedSeries`); they are swapped for markers in shallow copies of the metrics,
 * so each run goes through native JSON.stringify without a replacer (a replacer costs a call per
 * value), and the markers are then replaced by the series.
 *
 * The text comes as consecutive pieces, one a run (tens of KB, below V8's large-object size): a month
 * of thousands of runs is tens of MB of text, and building it whole, as one string or as pieces kept
 * until written, is what made an ingest's peak memory. A caller that writes each piece as it comes
 * (`writeFileAtomic`) lets it die young. `texts` holds runs already written by {@link formatRunBytes}
 * (in the worker thread that read them), which come as they are.
 */
export function* formatDigestPieces(digest: DigestLike, texts?: ReadonlyMap<object, Buffer>): Generator<string | Buffer> {
	const skeleton = JSON.stringify({ ...digest, runs: RUNS_MARK }, null, 2);
	const at = skeleton.indexOf(RUNS_NEEDLE);
	const head = skeleton.slice(0, at);
	const tail = `${skeleton.slice(at + RUNS_NEEDLE.length)}\n`;
	const { runs } = digest;
	if (runs.length === 0) {
		yield `${head}"runs": []${tail}`;
		return;
	}
	yield `${head}"runs": [\n`;
	for (let i = 0; i < runs.length; i++) {
		const separator = i + 1 < runs.length ? ',\n' : '\n  ]';
		const text = texts?.get(runs[i]!);
		if (text === undefined) yield formatRunPiece(runs[i]!) + separator;
		else {
			yield text;
			yield separator;
		}
	}
	yield tail;
}

/** One run as a digest writes it, indented to its place in `runs`, without the separator after it. */
export function formatRunPiece(run: DigestLike['runs'][number]): string {
	const series: unknown[] = [];
	const marked = markSeries(run, series);
	// Nested two arrays deep, the run is written where a digest's runs sit, four spaces in:
	// `[\n  [\n    {…}\n  ]\n]`, cut to `    {…}` (no second pass to indent every line)
	const nested = JSON.stringify([[marked]], null, 2);
	return insertSeries(nested.slice(NESTED_HEAD, nested.length - NESTED_TAIL), series);
}

/**
 * {@link formatRunPiece} as UTF-8 bytes in a buffer of its own (not a slice of Node's shared pool), so a
 * worker thread can hand it to the main thread by transfer, without a copy.
 */
export function formatRunBytes(run: DigestLike['runs'][number]): Buffer {
	const text = formatRunPiece(run);
	const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text, 'utf8'));
	bytes.write(text, 0, 'utf8');
	return bytes;
}

/** A shallow copy of `run` whose series are markers, the series pushed onto `series`. */
function markSeries(run: DigestLike['runs'][number], series: unknown[]): object {
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
}

/** Replaces the series markers in `text` by the series' lines (one each). */
function insertSeries(text: string, series: unknown[]): string {
	const parts: string[] = [];
	let pos = 0;
	for (let at = text.indexOf(SERIES_NEEDLE); at >= 0; at = text.indexOf(SERIES_NEEDLE, pos)) {
		const lineStart = text.lastIndexOf('\n', at) + 1;
		const close = text.indexOf('"', at + SERIES_NEEDLE.length);
		const index = Number(text.slice(at + SERIES_NEEDLE.length, close));
		parts.push(text.slice(pos, lineStart), seriesLine(series[index], text.slice(lineStart, at)));
		pos = close + 1;
	}
	parts.push(text.slice(pos));
	return parts.join('');
}

/** True when `bytes` are exactly the pieces joined (strings as UTF-8), without joining them (stops at the first difference). */
export function equalsChunks(bytes: Buffer, chunks: Iterable<string | Buffer>): boolean {
	let pos = 0;
	for (const chunk of chunks) {
		const piece = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
		if (pos + piece.length > bytes.length || !piece.equals(bytes.subarray(pos, pos + piece.length))) return false;
		pos += piece.length;
	}
	return pos === bytes.length;
}
