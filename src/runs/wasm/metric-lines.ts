// AssemblyScript, compiled to metric-lines.wasm by `npm run build:wasm` (a test checks that the
// committed module is what this source compiles to). It parses the common MLflow metric line,
// `<timestamp> <value> <step>\n`, the one that makes up nearly every byte of a large store: JavaScript
// holds a long number's digits in a double, whose multiply-add chain per digit made parsing cost more
// than reading; here they go into a 64-bit integer. Any other line, and any value it cannot convert
// with certainty, is left to the JavaScript parser (`mlflow-metric-file.ts`), which stays the reference.

// Exact powers of ten: a double holds 10^k exactly up to k = 22
const POW10 = memory.data<f64>([1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22], 8);
// Veltkamp's splitter (2^27 + 1): splitting both factors makes their product exact as two doubles
const SPLITTER: f64 = 134217729;
const TWO_53: u64 = 9007199254740992;
const NL: u32 = 10;
const CR: u32 = 13;
const SPACE: u32 = 32;
const MINUS: u32 = 45;
const DOT: u32 = 46;

/** Points written by the last {@link parseLines}. */
export let parsedCount: i32 = 0;

/** The first address past the module's own data: the caller's buffers go above it. */
export function heapBase(): usize {
	return __heap_base;
}

/** The rounding error of `a * b`, whose rounded value is `p`, exactly. */
// @ts-ignore: decorator
@inline
function productError(a: f64, b: f64, p: f64): f64 {
	let t = SPLITTER * a;
	const ah = t - (t - a);
	const al = a - ah;
	t = SPLITTER * b;
	const bh = t - (t - b);
	const bl = b - bh;
	return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * `m / 10^fraction` correctly rounded, or NaN when that is not certain. Up to 2^53 both are exact
 * doubles and one division rounds correctly (Clinger's fast path). Above, the quotient is taken in
 * double-double (relative error under 2^-100) and its high part is the answer unless the true value
 * may lie within 2^-30 of a half-ulp from it, or the high part is a power of two (where the ulps
 * either side differ): about one value in 10^8, which the caller then converts in JavaScript.
 */
function decimalValue(m: u64, fraction: i32): f64 {
	if (fraction > 22) return NaN;
	const d = load<f64>(POW10 + (<usize>fraction << 3));
	if (m <= TWO_53) return <f64>m / d;
	let hi = <f64>m;
	// m is at most 19 digits, below 2^64, so hi converts back exactly and the remainder is small
	let lo = <f64>(<i64>(m - <u64>hi));
	if (fraction == 0) return hi;
	const q1 = hi / d;
	const r = q1 * d;
	const re = productError(q1, d, r);
	const q2 = (hi - r - re + lo) / d;
	hi = q1 + q2;
	lo = q2 - (hi - q1);
	const bits = reinterpret<u64>(hi);
	if ((bits & 0x000fffffffffffff) == 0) return NaN;
	const exponent = (bits >> 52) & 0x7ff;
	if (exponent <= 54) return NaN;
	const half = reinterpret<f64>((exponent - 53) << 52);
	if (abs<f64>(abs<f64>(lo) - half) <= half * 9.313225746154785e-10) return NaN;
	return hi;
}

/**
 * Parses whole lines from `start` up to `end` (just past a newline) into three arrays of doubles
 * (`steps`, `values`, `timestamps`), at most `capacity` points. Stops at the first line that is not
 * `<digits> [-]<digits with one dot> <digits>` ending in `\n` or `\r\n` (at most 15 digits in the
 * timestamp and the step, 19 significant digits in the value), or whose value it cannot convert
 * with certainty, and returns where that line starts (or `end`); {@link parsedCount} says how many
 * points it wrote.
 */
export function parseLines(start: usize, end: usize, steps: usize, values: usize, timestamps: usize, capacity: i32): usize {
	let p = start;
	let n: i32 = 0;
	while (p < end && n < capacity) {
		const lineStart = p;
		// The caller passes whole lines only, so every scan below meets a newline before `end`
		let d = <u32>load<u8>(p) - 48;
		if (d > 9) break;
		let ts: u64 = d;
		let tsDigits = 1;
		while ((d = <u32>load<u8>(++p) - 48) <= 9) {
			ts = ts * 10 + d;
			tsDigits++;
		}
		if (tsDigits > 15 || d != SPACE - 48) {
			p = lineStart;
			break;
		}
		let c = <u32>load<u8>(++p);
		const negative = c == MINUS;
		if (negative) c = <u32>load<u8>(++p);
		let m: u64 = 0;
		let significant = 0;
		let digits = 0;
		let dot = -1;
		for (;;) {
			d = c - 48;
			if (d <= 9) {
				if (m != 0 || d != 0) {
					m = m * 10 + d;
					significant++;
				}
				digits++;
			} else if (c == DOT && dot < 0) dot = digits;
			else break;
			c = <u32>load<u8>(++p);
		}
		if (c != SPACE || digits == 0 || significant > 19) {
			p = lineStart;
			break;
		}
		d = <u32>load<u8>(++p) - 48;
		if (d > 9) {
			p = lineStart;
			break;
		}
		let step: u64 = d;
		let stepDigits = 1;
		while ((d = <u32>load<u8>(++p) - 48) <= 9) {
			step = step * 10 + d;
			stepDigits++;
		}
		c = d + 48;
		if (c == CR) c = <u32>load<u8>(++p);
		if (c != NL || stepDigits > 15) {
			p = lineStart;
			break;
		}
		let value = decimalValue(m, dot < 0 ? 0 : digits - dot);
		if (isNaN(value)) {
			p = lineStart;
			break;
		}
		const at = <usize>n << 3;
		store<f64>(steps + at, <f64>step);
		store<f64>(values + at, negative ? -value : value);
		store<f64>(timestamps + at, <f64>ts);
		n++;
		p++;
	}
	parsedCount = n;
	return p;
}
