import { readFileSync } from 'node:fs';
import { growMetricPoints, type MetricPoints } from './metric-points.ts';

/** The parser of common metric lines (`wasm/metric-lines.ts`, compiled), one instance per thread. */
interface MetricLinesExports {
	memory: WebAssembly.Memory;
	parsedCount: WebAssembly.Global<'i32'>;
	heapBase(): number;
	parseLines(start: number, end: number, steps: number, values: number, timestamps: number, capacity: number): number;
}

// The module is about 1 KB: compiling it when this file loads costs well under a millisecond
const compiled = new WebAssembly.Module(readFileSync(new URL('./wasm/metric-lines.wasm', import.meta.url)));

const PAGE = 65536;

/**
 * A read buffer in the module's memory, so metric files are read straight to where they are parsed,
 * and the three output columns the parser fills. The buffer sits last in memory, so it grows in place.
 */
export class MetricLineBuffer {
	/** The read buffer: bytes are read into it and parsed from it. */
	bytes: Buffer;
	private readonly exports: MetricLinesExports;
	private readonly capacity: number;
	private readonly at: { steps: number; values: number; timestamps: number; bytes: number };
	private columns!: { steps: Float64Array; values: Float64Array; timestamps: Float64Array };

	/** `size`: the read buffer's bytes; each parse call writes at most one point per 6 of them (the shortest line, `0 0 0\n`). */
	constructor(size: number) {
		this.exports = new WebAssembly.Instance(compiled, {}).exports as unknown as MetricLinesExports;
		this.capacity = Math.ceil(size / 6);
		const base = Math.ceil(this.exports.heapBase() / 8) * 8;
		const column = this.capacity * 8;
		this.at = { steps: base, values: base + column, timestamps: base + 2 * column, bytes: base + 3 * column };
		this.bytes = this.resize(size);
	}

	/** Grows the read buffer to `size` bytes, keeping its content (a line longer than the buffer). */
	grow(size: number): void {
		this.bytes = this.resize(size);
	}

	private resize(size: number): Buffer {
		const { memory } = this.exports;
		const needed = this.at.bytes + size - memory.buffer.byteLength;
		if (needed > 0) memory.grow(Math.ceil(needed / PAGE));
		// Growing memory detaches every view of it
		const buffer = memory.buffer;
		this.columns = {
			steps: new Float64Array(buffer, this.at.steps, this.capacity),
			values: new Float64Array(buffer, this.at.values, this.capacity),
			timestamps: new Float64Array(buffer, this.at.timestamps, this.capacity),
		};
		return Buffer.from(buffer, this.at.bytes, size);
	}

	/**
	 * Parses the common lines of `bytes[start, end)` (whole lines: `end` is just past a newline) onto
	 * `points`, up to the first line it leaves to the caller; returns where that line starts (`end`
	 * when none) and how many points it added.
	 */
	parse(start: number, end: number, points: MetricPoints): { stop: number; added: number } {
		const { parseLines, parsedCount } = this.exports;
		const { at, columns } = this;
		let position = start;
		let added = 0;
		for (;;) {
			const stop = parseLines(at.bytes + position, at.bytes + end, at.steps, at.values, at.timestamps, this.capacity) - at.bytes;
			const count = parsedCount.value;
			if (count > 0) {
				while (points.length + count > points.steps.length) growMetricPoints(points);
				points.steps.set(columns.steps.subarray(0, count), points.length);
				points.values.set(columns.values.subarray(0, count), points.length);
				points.timestamps.set(columns.timestamps.subarray(0, count), points.length);
				points.length += count;
				added += count;
			}
			position = stop;
			// A full output stops the parser too: then it goes on where it stopped
			if (count < this.capacity || position >= end) return { stop: position, added };
		}
	}
}
