// How a digest writes a metric's downsampled series: every pair on one line, each value to
// {@link SERIES_DIGITS} significant digits. The series is for drawing a chart; the exact final, best,
// min and max values sit beside it in full precision. At full precision and one pair a line, series
// were four fifths of a digest's bytes and their formatting the costliest part of writing one (the
// benchmark store's digests: 142 MB then, 76 MB now). Ingest formats series in its worker threads
// (`FormattedSeries`).

/** Significant digits of a series value: more than a chart of any size can show. */
export const SERIES_DIGITS = 7;

/**
 * A packed series (`[step, value, …]`, see `PackedSeries`) already written as text by
 * {@link formatPackedSeries}. Only ingest makes one, from a series it checked against the schema's
 * rule first, so a digest read from disk never holds one.
 */
export class FormattedSeries {
	readonly text: string;
	readonly points: number;
	constructor(text: string, points: number) {
		this.text = text;
		this.points = points;
	}
}

// Exact powers of ten (every one up to 1e22 is a double), to scale a value to 7 digits in one rounding
const POWERS = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const MIN_DIGITS = 10 ** (SERIES_DIGITS - 1);
const MAX_DIGITS = 10 ** SERIES_DIGITS;
const ZERO = 48;

/**
 * Writes numbers into a growing byte buffer: a series of 64 points is made without a string per
 * number, then read out once. Digits, signs, `.`, `e`, brackets and quotes are ASCII, so the bytes
 * are read out as Latin-1, the cheapest decoding Node has.
 */
class SeriesWriter {
	bytes = Buffer.allocUnsafe(4096);
	length = 0;
	private readonly digits = new Uint8Array(24);

	reserve(n: number): void {
		if (this.length + n <= this.bytes.length) return;
		const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + n));
		this.bytes.copy(bigger, 0, 0, this.length);
		this.bytes = bigger;
	}

	ascii(text: string): void {
		this.reserve(text.length);
		for (let i = 0; i < text.length; i++) this.bytes[this.length++] = text.charCodeAt(i);
	}

	/** A non-negative safe integer. */
	integer(x: number): void {
		this.reserve(16);
		let n = 0;
		do {
			const q = Math.floor(x / 10);
			this.digits[n++] = x - q * 10;
			x = q;
		} while (x > 0);
		while (n > 0) this.bytes[this.length++] = ZERO + this.digits[--n]!;
	}

	/** A step: an integer as such, anything else as JavaScript writes it (non-finite: null). */
	step(x: number): void {
		if (Number.isSafeInteger(x)) {
			if (x < 0) this.ascii('-');
			this.integer(Math.abs(x));
		} else this.ascii(Number.isFinite(x) ? String(x) : 'null');
	}

	/** A metric value to {@link SERIES_DIGITS} significant digits, as the schema stores it (NaN → "NaN"). */
	value(v: number): void {
		if (!(v - v === 0)) return this.ascii(Number.isNaN(v) ? '"NaN"' : v > 0 ? '"Infinity"' : '"-Infinity"');
		if (v === 0) return this.ascii('0'); // JSON has no negative zero
		this.reserve(32);
		const out = this.bytes;
		let a = v;
		if (v < 0) {
			out[this.length++] = 45; // -
			a = -v;
		}
		// a = m × 10^(e − 6) with 1e6 ≤ m < 1e7; log10 can be one off next to a power of ten, hence the checks
		let e = Math.floor(Math.log10(a));
		let m = scaleToDigits(a, e);
		if (m >= MAX_DIGITS) m = scaleToDigits(a, ++e);
		else if (m < MIN_DIGITS) m = scaleToDigits(a, --e);
		if (m >= MAX_DIGITS) {
			// 9999999.5 and up rounds to the next power of ten
			m = MIN_DIGITS;
			e++;
		}
		const d = this.digits;
		for (let k = SERIES_DIGITS - 1; k >= 0; k--) {
			const q = (m / 10) | 0;
			d[k] = m - q * 10;
			m = q;
		}
		let last = SERIES_DIGITS - 1;
		while (last > 0 && d[last] === 0) last--;
		if (e >= 0 && e <= 20) {
			// Positional, as JavaScript writes numbers below 1e21: digits, zeros to the point, the fraction
			for (let k = 0; k <= e; k++) out[this.length++] = k < SERIES_DIGITS ? ZERO + d[k]! : ZERO;
			if (last > e) {
				out[this.length++] = 46; // .
				for (let k = e + 1; k <= last; k++) out[this.length++] = ZERO + d[k]!;
			}
		} else if (e < 0 && e >= -6) {
			out[this.length++] = ZERO;
			out[this.length++] = 46;
			for (let k = -1; k > e; k--) out[this.length++] = ZERO;
			for (let k = 0; k <= last; k++) out[this.length++] = ZERO + d[k]!;
		} else {
			out[this.length++] = ZERO + d[0]!;
			if (last > 0) {
				out[this.length++] = 46;
				for (let k = 1; k <= last; k++) out[this.length++] = ZERO + d[k]!;
			}
			out[this.length++] = 101; // e
			out[this.length++] = e < 0 ? 45 : 43;
			this.integer(Math.abs(e));
		}
	}

	/** The bytes of `], [` (or `[` first), a step and `, `: what comes before each value. */
	pairStart(first: boolean, step: number): void {
		this.reserve(4);
		const out = this.bytes;
		if (!first) {
			out[this.length++] = 93; // ]
			out[this.length++] = 44; // ,
			out[this.length++] = 32;
		}
		out[this.length++] = 91; // [
		this.step(step);
		this.reserve(2);
		this.bytes[this.length++] = 44;
		this.bytes[this.length++] = 32;
	}

	take(): string {
		const text = this.bytes.toString('latin1', 0, this.length);
		this.length = 0;
		return text;
	}
}

/** round(a / 10^(e − 6)), the one rounding done with an exact power of ten. */
function scaleToDigits(a: number, e: number): number {
	const k = SERIES_DIGITS - 1 - e;
	if (k >= 0) return k <= 22 ? Math.round(a * POWERS[k]!) : Math.round(a * POWERS[22]! * 10 ** (k - 22));
	return -k <= 22 ? Math.round(a / POWERS[-k]!) : Math.round(a / POWERS[22]! / 10 ** (-k - 22));
}

const writer = new SeriesWriter();

/** One series value as a digest writes it: {@link SERIES_DIGITS} significant digits, NaN and infinities as strings. */
export function formatSeriesValue(v: number): string {
	writer.value(v);
	return writer.take();
}

/**
 * A packed series as the text between a digest's `"series": [` and `]`: `[step, value], [step, value]`.
 * Steps are written as they are; values by {@link formatSeriesValue}.
 */
export function formatPackedPairs(series: Float64Array): string {
	for (let i = 0; i < series.length; i += 2) {
		writer.pairStart(i === 0, series[i]!);
		writer.value(series[i + 1]!);
	}
	if (series.length > 0) writer.ascii(']');
	return writer.take();
}

/** A packed series as a {@link FormattedSeries}'s parts (plain data, to post from a worker). */
export function formatPackedSeries(series: Float64Array): { text: string; points: number } {
	return { text: formatPackedPairs(series), points: series.length / 2 };
}

/** A series of `[step, value]` pairs (values as the schema holds them: a number, "NaN", "Infinity" or "-Infinity") packed for {@link formatPackedPairs}. */
export function packPairs(pairs: readonly (readonly [unknown, unknown])[]): Float64Array {
	const packed = new Float64Array(pairs.length * 2);
	for (let i = 0; i < pairs.length; i++) {
		packed[2 * i] = Number(pairs[i]![0]);
		packed[2 * i + 1] = Number(pairs[i]![1]);
	}
	return packed;
}
