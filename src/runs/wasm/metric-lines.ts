// AssemblyScript, compiled to metric-lines.wasm by `npm run build:wasm` (a test checks that the
// committed module is what this source compiles to). It parses the common MLflow metric line,
// `<timestamp> <value> <step>\n`, the one that makes up nearly every byte of a large store: JavaScript
// holds a long number's digits in a double, whose multiply-add chain per digit made parsing cost more
// than reading; here they go into a 64-bit integer. Any other line, and any value it cannot convert
// with certainty, is left to the JavaScript parser (`mlflow-metric-file.ts`), which stays the reference.
// It then summarises the file's points where they were parsed (`summarisePoints`), as the JavaScript
// summariser (`metric-summary.ts`, `series-text.ts`) would, which stays the reference for that too.

// Exact powers of ten: a double holds 10^k exactly up to k = 22
const POW10 = memory.data<f64>([1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22], 8);
// Scratch for the seven digits of a series value (writeValue)
const DIGITS = memory.data(8);
// 10^-k as a double-double (INV_POW10 the nearest double, INV_POW10_LOW the nearest to the rest), k up to 22,
// to multiply by instead of dividing; worked out with BigInt, and checked so by a test
const INV_POW10 = memory.data<f64>([1, 0.1, 0.01, 0.001, 0.0001, 0.00001, 0.000001, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15, 1e-16, 1e-17, 1e-18, 1e-19, 1e-20, 1e-21, 1e-22], 8);
const INV_POW10_LOW = memory.data<f64>([0,-5.551115123125783e-18,-2.0816681711721684e-19,-2.0816681711721686e-20,-4.79217360238593e-21,-8.180305391403131e-22,4.525188817411374e-23,4.525188817411374e-24,-2.092256083012847e-25,-6.228159145777985e-26,-3.643219731549774e-27,6.050303071806019e-28,2.0113352370744385e-29,-3.037374556340037e-30,1.1806906454401013e-32,-7.770539987666108e-32,2.0902213275965398e-33,-7.154242405462192e-34,-7.154242405462193e-35,2.475407316473987e-36,5.484672854579043e-37,9.246254777210363e-38,-4.859677432657087e-39], 8);
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

/** True when the eight bytes of `x` (the first in its low byte) are all ASCII digits. */
// @ts-ignore: decorator
@inline
function isEightDigits(x: u64): bool {
	return ((x & 0xf0f0f0f0f0f0f0f0) | (((x + 0x0606060606060606) & 0xf0f0f0f0f0f0f0f0) >> 4)) == 0x3333333333333333;
}

/** The value of eight ASCII digits (the first in the low byte), by pairs, fours and eights. */
// @ts-ignore: decorator
@inline
function parseEightDigits(x: u64): u64 {
	x = ((x & 0x0f0f0f0f0f0f0f0f) * 2561) >> 8;
	x = ((x & 0x00ff00ff00ff00ff) * 6553601) >> 16;
	return ((x & 0x0000ffff0000ffff) * 42949672960001) >> 32;
}

/** How many digits `x` (below 10^8) has. */
function countDigits(x: u64): i32 {
	let n = 1;
	while (x >= 10) {
		x /= 10;
		n++;
	}
	return n;
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
 * double-double (relative error under 2^-100, as m times 10^-fraction) and its high part is the answer unless the true value
 * may lie within 2^-30 of a half-ulp from it, or the high part is a power of two (where the ulps
 * either side differ): about one value in 10^8, which the caller then converts in JavaScript.
 */
function decimalValue(m: u64, fraction: i32): f64 {
	if (fraction > 22) return NaN;
	const d = load<f64>(POW10 + (<usize>fraction << 3));
	if (m <= TWO_53) return <f64>m / d;
	let hi = <f64>m;
	let lo = <f64>(<i64>(m - <u64>hi));
	if (fraction == 0) return hi;
	// m × 10^-fraction, 10^-fraction as a double-double (rh + rl, within 2^-106 of it): no division
	const rh = load<f64>(INV_POW10 + (<usize>fraction << 3));
	const rl = load<f64>(INV_POW10_LOW + (<usize>fraction << 3));
	const p = hi * rh;
	const q2 = productError(hi, rh, p) + hi * rl + lo * rh;
	hi = p + q2;
	lo = q2 - (hi - p);
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
		// The caller passes whole lines only, so every scan below meets a newline before `end`; eight
		// bytes read at once may reach past it (the caller leaves room), but are taken only if all are digits
		let ts: u64 = 0;
		let tsDigits = 0;
		let x = load<u64>(p);
		if (isEightDigits(x)) {
			ts = parseEightDigits(x);
			tsDigits = 8;
			p += 8;
		}
		let d: u32;
		while ((d = <u32>load<u8>(p) - 48) <= 9) {
			ts = ts * 10 + d;
			tsDigits++;
			p++;
		}
		if (tsDigits == 0 || tsDigits > 15 || d != SPACE - 48) {
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
			// Eight digits at once while they cannot take the significant digits past 19
			if (significant <= 11 && isEightDigits((x = load<u64>(p)))) {
				const eight = parseEightDigits(x);
				if (m != 0) significant += 8;
				else if (eight != 0) significant = countDigits(eight);
				m = m * 100000000 + eight;
				digits += 8;
				p += 8;
				c = <u32>load<u8>(p);
				continue;
			}
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

// What summarisePoints found, at `result` (doubles): see MetricLineBuffer.summarise
const R_FINAL = 0;
const R_MIN_AT = 1;
const R_MAX_AT = 2;
const R_NAN_COUNT = 3;
const R_MAX_TS = 4;
const R_TEXT_LENGTH = 5;
const R_PICKED_COUNT = 6;
const R_PICKED = 7;

/**
 * Summarises the `n` points just parsed, as `summariseMetricPacked` (metric-summary.ts) does for
 * points in step order, in one call: the final point by the `mlflow` rule, the finite min and max
 * (first position on ties), the NaN count, the newest timestamp, and the series downsampled to
 * `maxPoints` and written as the digest's text (`formatPackedPairs` in series-text.ts) at `text`.
 * Returns false, having decided nothing, when the points are not in step order or a value would
 * need more than this writes (a step past 2^53, a value below 1e-16 or above 1e28): the caller then
 * summarises in JavaScript, which stays the reference.
 */
export function summarisePoints(n: i32, steps: usize, values: usize, timestamps: usize, maxPoints: i32, text: usize, result: usize): bool {
	if (n <= 0) return false;
	let best = 0;
	let maxTs = load<f64>(timestamps);
	let nanCount = 0;
	let min: f64 = Infinity;
	let max: f64 = -Infinity;
	let minAt = -1;
	let maxAt = -1;
	for (let i = 0; i < n; i++) {
		const at = <usize>i << 3;
		if (i > 0) {
			const step = load<f64>(steps + at);
			const ts = load<f64>(timestamps + at);
			const ds = step - load<f64>(steps + at - 8);
			if (ds < 0 || (ds == 0 && ts < load<f64>(timestamps + at - 8))) return false;
			if (ts > maxTs) maxTs = ts;
			// The largest (step, timestamp, value), as Python compares tuples (a NaN never wins a tie)
			const bestAt = <usize>best << 3;
			const dBest = step - load<f64>(steps + bestAt);
			if (dBest > 0) best = i;
			else if (dBest == 0) {
				const tb = load<f64>(timestamps + bestAt);
				if (ts > tb) best = i;
				else if (ts == tb && load<f64>(values + at) > load<f64>(values + bestAt)) best = i;
			}
		}
		// The finite min and max, the first position on ties
		const v = load<f64>(values + at);
		if (v != v) {
			nanCount++;
			continue;
		}
		if (v == Infinity || v == -Infinity) continue;
		if (minAt < 0 || v < min) {
			min = v;
			minAt = i;
		}
		if (maxAt < 0 || v > max) {
			max = v;
			maxAt = i;
		}
	}
	// Positions picked for the chart go after the result; the text is written as they are picked
	const picked = result + (<usize>R_PICKED << 3);
	const count = downsample(values, n, maxPoints, picked);
	let out = text;
	for (let j = 0; j < count; j++) {
		const k = load<i32>(picked + (<usize>j << 2));
		const step = load<f64>(steps + (<usize>k << 3));
		if (abs<f64>(step) > 9007199254740991) return false;
		if (j > 0) {
			store<u8>(out++, 93); // ]
			store<u8>(out++, 44); // ,
			store<u8>(out++, 32);
		}
		store<u8>(out++, 91); // [
		if (step < 0) store<u8>(out++, 45);
		out = writeInteger(out, <u64>abs<f64>(step));
		store<u8>(out++, 44);
		store<u8>(out++, 32);
		out = writeValue(out, load<f64>(values + (<usize>k << 3)));
		if (out == 0) return false;
	}
	if (count > 0) store<u8>(out++, 93);
	store<f64>(result + (R_FINAL << 3), <f64>best);
	store<f64>(result + (R_MIN_AT << 3), <f64>minAt);
	store<f64>(result + (R_MAX_AT << 3), <f64>maxAt);
	store<f64>(result + (R_NAN_COUNT << 3), <f64>nanCount);
	store<f64>(result + (R_MAX_TS << 3), maxTs);
	store<f64>(result + (R_TEXT_LENGTH << 3), <f64>(out - text));
	store<f64>(result + (R_PICKED_COUNT << 3), <f64>count);
	return true;
}

/**
 * Picks at most `maxPoints` positions for a chart, as `downsample` in metric-summary.ts: the first and
 * the last, and for each bucket between them its lowest and highest value (in position order), one
 * NaN for a bucket of NaN only. Writes them (i32) at `picked`; returns how many.
 */
function downsample(values: usize, n: i32, maxPoints: i32, picked: usize): i32 {
	let count = 0;
	if (n <= maxPoints) {
		for (let k = 0; k < n; k++) count = put(picked, count, k);
		return count;
	}
	count = put(picked, count, 0);
	const inner = n - 2;
	const buckets = (maxPoints - 2) / 2;
	for (let b = 0; b < buckets; b++) {
		const from = 1 + <i32>((<i64>b * inner) / buckets);
		const to = 1 + <i32>((<i64>(b + 1) * inner) / buckets);
		let lo = -1;
		let hi = -1;
		let nan = -1;
		let low: f64 = 0;
		let high: f64 = 0;
		for (let k = from; k < to; k++) {
			const v = load<f64>(values + (<usize>k << 3));
			if (v != v) {
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
			if (nan >= 0) count = put(picked, count, nan);
		} else if (lo == hi) count = put(picked, count, lo);
		else if (lo < hi) {
			count = put(picked, count, lo);
			count = put(picked, count, hi);
		} else {
			count = put(picked, count, hi);
			count = put(picked, count, lo);
		}
	}
	count = put(picked, count, n - 1);
	return count;
}

/** Writes position `k` as the `count`-th picked; returns the new count. */
// @ts-ignore: decorator
@inline
function put(picked: usize, count: i32, k: i32): i32 {
	store<i32>(picked + (<usize>count << 2), k);
	return count + 1;
}

/** Writes the digits of `x` at `out`; returns the address after them. */
function writeInteger(out: usize, x: u64): usize {
	let digits = 1;
	for (let t = x; t >= 10; t /= 10) digits++;
	const end = out + digits;
	let p = end;
	do {
		store<u8>(--p, 48 + <u32>(x % 10));
		x /= 10;
	} while (x > 0);
	return end;
}

function writeAscii(out: usize, text: string): usize {
	for (let i = 0; i < text.length; i++) store<u8>(out++, <u8>text.charCodeAt(i));
	return out;
}

/** JavaScript's Math.round for a non-negative double: the nearest integer, halves up. */
// @ts-ignore: decorator
@inline
function roundHalfUp(x: f64): f64 {
	const r = Math.floor(x);
	return x - r >= 0.5 ? r + 1 : r;
}

/** round(a / 10^(e − 6)) with one exact power of ten, or -1 past the table (the caller gives up). */
function scaleToDigits(a: f64, e: i32): f64 {
	const k = 6 - e;
	if (k >= 0) return k <= 22 ? roundHalfUp(a * load<f64>(POW10 + (<usize>k << 3))) : -1;
	return -k <= 22 ? roundHalfUp(a / load<f64>(POW10 + (<usize>(-k) << 3))) : -1;
}

/**
 * Writes a metric value to 7 significant digits as `SeriesWriter.value` in series-text.ts does
 * (NaN and the infinities as quoted names, no negative zero); returns the address after it, or 0
 * when the value needs a power of ten past 1e22 to scale (then the caller gives up).
 */
function writeValue(out: usize, v: f64): usize {
	if (v != v) return writeAscii(out, '"NaN"');
	if (v == Infinity) return writeAscii(out, '"Infinity"');
	if (v == -Infinity) return writeAscii(out, '"-Infinity"');
	if (v == 0) {
		store<u8>(out, 48);
		return out + 1;
	}
	let a = v;
	if (v < 0) {
		store<u8>(out++, 45);
		a = -v;
	}
	// a = m × 10^(e − 6) with 1e6 ≤ m < 1e7. The binary exponent gives e or e − 1 (a's mantissa adds
	// less than log10(2)), and the checks below step up from e − 1: this ends where series-text.ts,
	// which starts from Math.log10, ends, without a logarithm per value
	let e = <i32>Math.floor(<f64>(<i32>((reinterpret<u64>(a) >> 52) & 0x7ff) - 1023) * 0.30102999566398114);
	let m = scaleToDigits(a, e);
	if (m < 0) return 0;
	if (m >= 1e7) m = scaleToDigits(a, ++e);
	else if (m < 1e6) m = scaleToDigits(a, --e);
	if (m < 0) return 0;
	if (m >= 1e7) {
		m = 1e6;
		e++;
	}
	// The seven digits, most significant first, as ASCII at DIGITS; `last`: the last that is not 0
	let rest = <u32>m;
	for (let k = 6; k >= 0; k--) {
		store<u8>(DIGITS + k, 48 + rest % 10);
		rest /= 10;
	}
	let last = 6;
	while (last > 0 && load<u8>(DIGITS + last) == 48) last--;
	if (e >= 0 && e <= 20) {
		for (let k = 0; k <= e; k++) store<u8>(out++, k < 7 ? load<u8>(DIGITS + k) : 48);
		if (last > e) {
			store<u8>(out++, 46);
			for (let k = e + 1; k <= last; k++) store<u8>(out++, load<u8>(DIGITS + k));
		}
	} else if (e < 0 && e >= -6) {
		store<u8>(out++, 48);
		store<u8>(out++, 46);
		for (let k = -1; k > e; k--) store<u8>(out++, 48);
		for (let k = 0; k <= last; k++) store<u8>(out++, load<u8>(DIGITS + k));
	} else {
		store<u8>(out++, load<u8>(DIGITS));
		if (last > 0) {
			store<u8>(out++, 46);
			for (let k = 1; k <= last; k++) store<u8>(out++, load<u8>(DIGITS + k));
		}
		store<u8>(out++, 101);
		store<u8>(out++, e < 0 ? 45 : 43);
		out = writeInteger(out, <u64>(e < 0 ? -e : e));
	}
	return out;
}
