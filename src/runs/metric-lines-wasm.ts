import { readFileSync } from 'node:fs';
import { MAX_SERIES_POINTS } from '../schemas/series-limit.ts';
import { growMetricPoints, type MetricPoints } from './metric-points.ts';
import type { NotablePoints } from './metric-summary.ts';

/** The parser and summariser of metric lines (`wasm/metric-lines.ts`, compiled), one instance per thread. */
interface MetricLinesExports {
	memory: WebAssembly.Memory;
	parsedCount: WebAssembly.Global<'i32'>;
	heapBase(): number;
	parseLines(start: number, end: number, steps: number, values: number, timestamps: number, capacity: number): number;
	summarisePoints(n: number, steps: number, values: number, timestamps: number, maxPoints: number, text: number, result: number): number;
}

// The module is a few KB: compiling it when this file loads costs well under a millisecond
const compiled = new WebAssembly.Module(readFileSync(new URL('./wasm/metric-lines.wasm', import.meta.url)));

const PAGE = 65536;
/** Points the columns hold: a metric with more is summarised in JavaScript (its points copied out). */
const COLUMN_POINTS = 1 << 17;
/** Doubles of `summarisePoints`' result before its picked positions (R_* in the source). */
const RESULT_SLOTS = 7;
/** Room for a series as text: a pair is at most about 60 bytes. */
const TEXT_BYTES_PER_POINT = 128;

/** What {@link MetricLineBuffer.summarise} found; positions index the points. */
export interface ParsedSummary extends NotablePoints {
	maxTimestamp: number;
	/** The downsampled series as a digest writes it (`formatPackedPairs`), and its number of points. */
	seriesText: string;
	seriesPoints: number;
}

/**
 * The compiled parser's memory, laid out as three point columns (steps, values, timestamps), the
 * summariser's result and series text, and last the read buffer, so that it grows in place. Metric
 * files are read straight into the read buffer and parsed into the columns; {@link points} are
 * views of the columns, so a file's points are summarised where they were parsed, never copied.
 */
export class MetricLineBuffer {
	/** The read buffer: bytes are read into it and parsed from it. */
	bytes: Buffer;
	/** Points in the columns; a caller that parses into them summarises with {@link summarise}. */
	readonly points: MetricPoints;
	private readonly exports: MetricLinesExports;
	private readonly at: { steps: number; values: number; timestamps: number; result: number; text: number; bytes: number };
	private columns!: { steps: Float64Array; values: Float64Array; timestamps: Float64Array; result: Float64Array };

	constructor(size: number) {
		this.exports = new WebAssembly.Instance(compiled, {}).exports as unknown as MetricLinesExports;
		const base = Math.ceil(this.exports.heapBase() / 8) * 8;
		const column = COLUMN_POINTS * 8;
		const result = base + 3 * column;
		// The picked positions (32-bit) follow the result's doubles
		const text = result + 8 * RESULT_SLOTS + 4 * MAX_SERIES_POINTS;
		this.at = { steps: base, values: base + column, timestamps: base + 2 * column, result, text, bytes: text + TEXT_BYTES_PER_POINT * MAX_SERIES_POINTS };
		this.points = { steps: new Float64Array(0), values: new Float64Array(0), timestamps: new Float64Array(0), length: 0 };
		this.bytes = this.resize(size);
	}

	/** Grows the read buffer to `size` bytes, keeping its content (a line longer than the buffer). */
	grow(size: number): void {
		this.bytes = this.resize(size);
	}

	/** {@link points}, emptied and on the columns again (a metric that outgrew them moved to arrays of its own). */
	emptyPoints(): MetricPoints {
		const { points, columns } = this;
		points.steps = columns.steps;
		points.values = columns.values;
		points.timestamps = columns.timestamps;
		points.length = 0;
		return points;
	}

	private resize(size: number): Buffer {
		const { memory } = this.exports;
		// Eight bytes past the buffer, which the parser may read (and ignore) at a line's end
		const needed = this.at.bytes + size + 8 - memory.buffer.byteLength;
		const before = this.columns;
		if (needed > 0) memory.grow(Math.ceil(needed / PAGE));
		// Growing memory detaches every view of it: points on the columns move to the new views
		const buffer = memory.buffer;
		this.columns = {
			steps: new Float64Array(buffer, this.at.steps, COLUMN_POINTS),
			values: new Float64Array(buffer, this.at.values, COLUMN_POINTS),
			timestamps: new Float64Array(buffer, this.at.timestamps, COLUMN_POINTS),
			result: new Float64Array(buffer, this.at.result, RESULT_SLOTS),
		};
		if (before === undefined || this.points.steps === before.steps) {
			this.points.steps = this.columns.steps;
			this.points.values = this.columns.values;
			this.points.timestamps = this.columns.timestamps;
		}
		return Buffer.from(buffer, this.at.bytes, size);
	}

	/**
	 * Parses the common lines of `bytes[start, end)` (whole lines: `end` is just past a newline) onto
	 * `points` (straight into the columns when they are {@link points} on them, else through them),
	 * up to the first line it leaves to the caller; returns where that line starts (`end` when none)
	 * and how many points it added.
	 */
	parse(start: number, end: number, points: MetricPoints): { stop: number; added: number } {
		const { parseLines, parsedCount } = this.exports;
		const { at, columns } = this;
		let position = start;
		let added = 0;
		for (;;) {
			const direct = points.steps === columns.steps;
			const offset = direct ? points.length * 8 : 0;
			const capacity = COLUMN_POINTS - (direct ? points.length : 0);
			const stop = parseLines(at.bytes + position, at.bytes + end, at.steps + offset, at.values + offset, at.timestamps + offset, capacity) - at.bytes;
			const count = parsedCount.value;
			if (direct) points.length += count;
			else if (count > 0) appendPoints(points, columns, count);
			added += count;
			position = stop;
			if (count < capacity || position >= end) return { stop: position, added };
			// The columns are full: the metric moves to arrays of its own and parsing goes on through the columns
			if (direct) growMetricPoints(points);
		}
	}

	/**
	 * Summarises {@link points} in one pass of the compiled summariser (`summarisePoints`), as
	 * `summariseMetricPacked` would; null when they are not on the columns (a metric that outgrew
	 * them) or the summariser leaves them to JavaScript (points out of step order, a value it does not write).
	 */
	summarise(points: MetricPoints): ParsedSummary | null {
		const { at, columns } = this;
		if (points.steps !== columns.steps || points.length === 0) return null;
		if (!this.exports.summarisePoints(points.length, at.steps, at.values, at.timestamps, MAX_SERIES_POINTS, at.text, at.result)) return null;
		const r = columns.result;
		return {
			finalAt: r[0]!,
			minAt: r[1]!,
			maxAt: r[2]!,
			nanCount: r[3]!,
			maxTimestamp: r[4]!,
			seriesText: Buffer.from(columns.steps.buffer, at.text, r[5]!).toString('latin1'),
			seriesPoints: r[6]!,
		};
	}
}

function appendPoints(points: MetricPoints, columns: { steps: Float64Array; values: Float64Array; timestamps: Float64Array }, count: number): void {
	while (points.length + count > points.steps.length) growMetricPoints(points);
	points.steps.set(columns.steps.subarray(0, count), points.length);
	points.values.set(columns.values.subarray(0, count), points.length);
	points.timestamps.set(columns.timestamps.subarray(0, count), points.length);
	points.length += count;
}
