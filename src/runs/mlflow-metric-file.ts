import { closeSync, openSync, readSync } from 'node:fs';
import { FormattedSeries } from '../lib/series-text.ts';
import type { Direction } from '../schemas/common.ts';
import type { MetricSummaryInput } from '../schemas/digest.ts';
import { MetricLineBuffer } from './metric-lines-wasm.ts';
import { listedSize, type ListedFile } from './read-small-file.ts';
import { addMetricPoint, createMetricPoints, type MetricPoints } from './metric-points.ts';
import { summariseMetricPacked, summaryOf } from './metric-summary.ts';

const CHUNK_BYTES = 64 * 1024;
const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
// `high` takes digits while it stays an exact integer (≤ 2^53): 15 digits always, 16 when they allow,
// which covers most of the 16-digit values Python writes, so they need no double-double quotient
const HIGH_LIMIT = 900719925474099; // high < this keeps high * 10 + 9 ≤ 2^53
// Python's float() spellings of the non-finite values, as MLflow writes them (`nan`, `inf`, `-inf`)
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const PYTHON_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** What reading one metric file gave: its points and the problems met. */
export interface MetricFileResult {
	points: MetricPoints;
	/** Lines that MLflow's reader would reject, skipped. */
	malformed: number;
	/** First malformed line, 1-based, and its text (shortened), for the warning. */
	firstMalformed: { line: number; text: string } | null;
	/** The last line had no newline: the writer was interrupted, so it was skipped. */
	truncatedLastLine: string | null;
}

// Double-double arithmetic for mantissas past 2^53: Veltkamp's split makes a product exact as two doubles
const SPLITTER = 134217729; // 2^27 + 1
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = (() => {
	F64[0] = 1;
	return U32[1] === 0x3ff00000 ? 1 : 0;
})();
const LO = 1 - HI;

/** The rounding error of `a * b` (whose rounded value is `p`), exactly. */
function productError(a: number, b: number, p: number): number {
	let t = SPLITTER * a;
	const ah = t - (t - a);
	const al = a - ah;
	t = SPLITTER * b;
	const bh = t - (t - b);
	const bl = b - bh;
	return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * `(high * 10^lowDigits + low) / 10^fraction`, correctly rounded, or NaN when it cannot be sure.
 * The quotient is computed in double-double (relative error under 2^-100); rounding its high part is
 * the correctly rounded result unless the true value may lie within 2^-30 of a half-ulp from it
 * (or the high part is a power of two, where the ulps either side differ) — then NaN, and the caller
 * asks `Number`. For 16–20 significant digits (`Number.prototype.toString` writes 17) this replaces
 * a string allocation and a slow-path `Number` per value.
 */
function quotient(high: number, lowDigits: number, low: number, fraction: number): number {
	const scale = POW10[lowDigits]!;
	const p = high * scale;
	const pe = productError(high, scale, p);
	const s = p + low;
	const bb = s - p;
	const se = p - (s - bb) + (low - bb) + pe;
	let hi = s + se;
	let lo = se - (hi - s);
	if (fraction > 0) {
		const d = POW10[fraction]!;
		const q1 = hi / d;
		const m = q1 * d;
		const me = productError(q1, d, m);
		const q2 = (hi - m - me + lo) / d;
		hi = q1 + q2;
		lo = q2 - (hi - q1);
	}
	F64[0] = hi;
	const top = U32[HI]!;
	if ((top & 0xfffff) === 0 && U32[LO] === 0) return NaN;
	// Half an ulp of hi: 2^(exponent - 1023 - 53)
	F64[0] = 0;
	const exponent = (top >>> 20) & 0x7ff;
	if (exponent <= 54) return NaN;
	U32[HI] = (exponent - 53) << 20;
	const half = F64[0]!;
	const gap = Math.abs(Math.abs(lo) - half);
	if (gap <= half * 9.313225746154785e-10) return NaN;
	return hi;
}

/**
 * Parses a decimal the way Python's `float()` does for the text MLflow writes.
 * Short mantissas take Clinger's fast path (an exact integer divided or multiplied by an exact power
 * of ten is correctly rounded, so the result equals `Number(text)`); up to 20 digits a double-double
 * quotient that knows when it is unsure ({@link quotient}); anything else goes to `Number`.
 */
function parseValue(buf: Buffer, start: number, end: number): number | null {
	let i = start;
	let negative = false;
	const first = buf[i];
	if (first === MINUS || first === PLUS) {
		negative = first === MINUS;
		i++;
	}
	// The first 15 or 16 significant digits go to `high` (exact, see HIGH_LIMIT), up to 4 more to `low`
	let high = 0;
	let low = 0;
	let lowDigits = 0;
	let fraction = 0;
	let sawDot = false;
	let sawDigit = false;
	let tooLong = false;
	for (; i < end; i++) {
		const c = buf[i]!;
		if (c >= ZERO && c <= NINE) {
			sawDigit = true;
			if (high < HIGH_LIMIT) high = high * 10 + (c - ZERO);
			else if (lowDigits < 4) {
				low = low * 10 + (c - ZERO);
				lowDigits++;
			} else tooLong = true;
			if (sawDot) fraction++;
		} else if (c === DOT && !sawDot) sawDot = true;
		else break;
	}
	if (i === end && sawDigit) {
		const v = tooLong ? NaN : decimalValue(high, low, lowDigits, fraction);
		// Unsure, or too many digits: plain digits and one dot, already checked, which Number() reads as Python's float() would
		if (Number.isNaN(v)) return Number(buf.toString('latin1', start, end));
		return negative ? -v : v;
	}
	return parseValueSlow(buf.toString('latin1', start, end));
}

/**
 * The value of the decimal digits split as in {@link parseValue} (`high`: the first 15 or 16
 * significant digits, `low`: up to 4 more), or NaN when it cannot be sure (about one value in 10^8, or more than
 * 22 fraction digits): then the caller asks `Number`.
 */
function decimalValue(high: number, low: number, lowDigits: number, fraction: number): number {
	if (fraction > 22) return NaN;
	if (lowDigits === 0) return fraction === 0 ? high : high / POW10[fraction]!;
	return quotient(high, lowDigits, low, fraction);
}

function parseValueSlow(text: string): number | null {
	if (PYTHON_FLOAT.test(text)) return Number(text);
	if (NON_FINITE.test(text)) {
		const lower = text.toLowerCase();
		if (lower.endsWith('nan')) return NaN;
		return lower.startsWith('-') ? -Infinity : Infinity;
	}
	return null;
}

/** Parses an integer field (Python `int()`); returns NaN when it is not one. */
function parseInteger(buf: Buffer, start: number, end: number): number {
	let i = start;
	let negative = false;
	if (buf[i] === MINUS || buf[i] === PLUS) {
		negative = buf[i] === MINUS;
		i++;
	}
	if (i >= end) return NaN;
	let n = 0;
	for (; i < end; i++) {
		const c = buf[i]!;
		if (c < ZERO || c > NINE) return NaN;
		n = n * 10 + (c - ZERO);
	}
	return negative ? -n : n;
}

function isSpace(c: number): boolean {
	return c === SPACE || c === TAB || c === CR || c === 11 || c === 12;
}

/**
 * Parses one line as `FileStore._get_metric_from_line`: strip, split on single spaces, take
 * `timestamp value [step]` and ignore any further fields (MLflow 3 logged-model lines carry more).
 * Returns false when MLflow would reject the line.
 */
function parseLine(buf: Buffer, start: number, end: number, points: MetricPoints): boolean {
	while (start < end && isSpace(buf[start]!)) start++;
	while (end > start && isSpace(buf[end - 1]!)) end--;
	if (start === end) return false;
	// Field boundaries without allocating: MLflow splits on single spaces
	let s1 = buf.indexOf(SPACE, start);
	if (s1 < 0 || s1 >= end) return false;
	let s2 = buf.indexOf(SPACE, s1 + 1);
	if (s2 >= end) s2 = -1;
	let s3 = s2 < 0 ? -1 : buf.indexOf(SPACE, s2 + 1);
	if (s3 >= end) s3 = -1;
	const ts = parseInteger(buf, start, s1);
	if (Number.isNaN(ts)) return false;
	const value = parseValue(buf, s1 + 1, s2 < 0 ? end : s2);
	if (value === null) return false;
	let step = 0;
	if (s2 >= 0) {
		step = parseInteger(buf, s2 + 1, s3 < 0 ? end : s3);
		if (Number.isNaN(step)) return false;
	}
	addMetricPoint(points, step, value, ts);
	return true;
}

// One buffer for every file: reads are synchronous (page-cache reads cost a few µs; a promise round
// trip per chunk cost more than the parsing), so no two reads ever share it at the same time. It lives
// in the line parser's memory, so bytes are parsed where they were read.
const lineBuffer = new MetricLineBuffer(CHUNK_BYTES);

/**
 * Points to read a metric file into (as `reuse`) when it is summarised at once by
 * {@link summariseMetricFile}: the compiled parser's own columns, emptied, so the file's points are
 * parsed and summarised in place. Valid until the next call.
 */
export function metricFilePoints(): MetricPoints {
	return lineBuffer.emptyPoints();
}

/**
 * A metric file's summary by MLflow's rule, exactly as `summariseMetricPacked` makes it (same fields,
 * same order; the series already written as text), and its newest timestamp. Points read into
 * {@link metricFilePoints} are summarised in one pass of the compiled summariser; any others, and
 * any it leaves (points out of step order, a value it does not write), in JavaScript.
 */
export function summariseMetricFile(points: MetricPoints, direction: Direction | null): { summary: MetricSummaryInput | null; lastTs: number | null } {
	const found = lineBuffer.summarise(points);
	if (found === null) {
		let lastTs: number | null = null;
		const ts = points.timestamps;
		for (let i = 0; i < points.length; i++) if (lastTs === null || ts[i]! > lastTs) lastTs = ts[i]!;
		return { summary: summariseMetricPacked(points, { rule: 'mlflow', direction }), lastTs };
	}
	const summary = summaryOf(points, found, direction, new FormattedSeries(found.seriesText, found.seriesPoints));
	return { summary, lastTs: found.maxTimestamp };
}

/**
 * Streams an MLflow metric file (`<ts> <value> <step>\n` per point) in fixed-size chunks, so that
 * a history of millions of lines never sits in memory as text.
 */
export async function readMlflowMetricFile(path: string, sizeHint = 0): Promise<MetricFileResult> {
	return readMlflowMetricFileSync(path, sizeHint);
}

/**
 * {@link readMlflowMetricFile}, synchronously. `listed`: the size the listing saw, or the listed file,
 * whose size and mtime are filled in from the open file when the listing did not look (`ListedFile`).
 */
export function readMlflowMetricFileSync(path: string, listed: number | ListedFile = 0, reuse?: MetricPoints): MetricFileResult {
	if (reuse) reuse.length = 0;
	const fd = openSync(path, 'r');
	try {
		const sizeHint = listedSize(fd, listed);
		const result: MetricFileResult = {
			// A line is rarely under 20 bytes; sizing from the file avoids regrowing the arrays.
			// A caller that summarises at once passes `reuse`, so the arrays are not garbage per file.
			points: reuse ?? createMetricPoints(Math.max(16, Math.ceil(sizeHint / 20))),
			malformed: 0,
			firstMalformed: null,
			truncatedLastLine: null,
		};
		let filled = 0;
		let lineNo = 0;
		let total = 0;
		for (;;) {
			if (filled === lineBuffer.bytes.length) {
				// One line longer than the buffer: grow rather than split it
				lineBuffer.grow(lineBuffer.bytes.length * 2);
			}
			const buf = lineBuffer.bytes;
			const wanted = buf.length - filled;
			let bytesRead = readSync(fd, buf, filled, wanted, null);
			total += bytesRead;
			const end = filled + bytesRead;
			let lineStart = 0;
			// Only whole lines are parsed here (up to the last newline read); the rest waits for the next read
			const lastNl = bytesRead === 0 ? -1 : buf.lastIndexOf(NL, end - 1);
			// The common line goes to the compiled parser; any other line (signs, spaces, exponents, nan,
			// extra fields…) and any value it cannot convert with certainty, to parseLine
			while (lineStart <= lastNl) {
				const { stop, added } = lineBuffer.parse(lineStart, lastNl + 1, result.points);
				lineNo += added;
				lineStart = stop;
				if (lineStart > lastNl) break;
				const nl = buf.indexOf(NL, lineStart);
				lineNo++;
				if (!parseLine(buf, lineStart, nl, result.points)) {
					result.malformed++;
					result.firstMalformed ??= { line: lineNo, text: buf.toString('utf8', lineStart, Math.min(nl, lineStart + 80)) };
				}
				lineStart = nl + 1;
			}
			// A short read that ends where the listing saw the file end is its end: no read of 0 bytes to
			// confirm it (one read call a file fewer). A file that grew since is read on to its new end.
			if (bytesRead > 0 && bytesRead < wanted && total === sizeHint) bytesRead = 0;
			if (bytesRead === 0) {
				if (lineStart < end) {
					const tail = buf.toString('utf8', lineStart, end);
					if (tail.trim() !== '') result.truncatedLastLine = tail.slice(0, 80);
				}
				break;
			}
			buf.copy(buf, 0, lineStart, end);
			filled = end - lineStart;
		}
		return result;
	} finally {
		closeSync(fd);
	}
}
