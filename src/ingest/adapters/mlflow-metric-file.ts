import { readFileSync } from 'node:fs';
import type { RunMetric } from '../../schemas/run-record.ts';

// The forms MLflow's `FileStore._get_metric_from_line` accepts: Python's int() for the timestamp and
// step, Python's float() for the value, including the `nan`, `inf` and `-inf` that Python writes
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const NON_FINITE = /^([+-]?)(nan|inf|infinity)$/i;

/** A metric value as Python's float() reads it, or null when it would refuse the text. */
export function parseMetricValue(text: string): number | null {
	if (DECIMAL.test(text)) return Number(text);
	const special = NON_FINITE.exec(text);
	if (special === null) return null;
	if (special[2]!.toLowerCase() === 'nan') return NaN;
	return special[1] === '-' ? -Infinity : Infinity;
}

/**
 * One line, `<timestamp ms> <value> [<step>]`, as MLflow's `FileStore._get_metric_from_line` reads it
 * (split on single spaces, fields after the third ignored), appended to `points`; false when malformed.
 * The line is `text` from `start` to `end`, without its newline.
 */
export function addMetricLine(text: string, start: number, end: number, points: MetricFile['points']): boolean {
	if (text.charCodeAt(end - 1) === 13) end--; // CRLF
	const afterTime = text.indexOf(' ', start);
	if (afterTime < 0 || afterTime >= end) return false;
	let afterValue = text.indexOf(' ', afterTime + 1);
	if (afterValue < 0 || afterValue > end) afterValue = end;
	let afterStep = afterValue === end ? -1 : text.indexOf(' ', afterValue + 1);
	if (afterStep < 0 || afterStep > end) afterStep = end;
	const timestamp = text.slice(start, afterTime);
	const value = parseMetricValue(text.slice(afterTime + 1, afterValue));
	const step = afterValue === end ? '0' : text.slice(afterValue + 1, afterStep);
	if (value === null || !INTEGER.test(timestamp) || !INTEGER.test(step)) return false;
	points.timestamps.push(Number(timestamp));
	points.values.push(value);
	points.steps.push(Number(step));
	return true;
}

/** What reading one metric file gave: its points and what was wrong with it. */
export interface MetricFile {
	points: Pick<RunMetric, 'steps' | 'values' | 'timestamps'>;
	/** Lines MLflow would reject, skipped: how many, and the first. */
	malformed: number;
	firstMalformed: { line: number; text: string } | null;
	/** The text after the last newline (a write cut short), skipped; null when the file ends in one. */
	truncatedLastLine: string | null;
}

/** Reads an MLflow metric file (`<ts> <value> <step>\n` a point; LF or CRLF). */
export function readMetricFile(path: string): MetricFile {
	const text = readFileSync(path, 'utf8');
	const result: MetricFile = { points: { steps: [], values: [], timestamps: [] }, malformed: 0, firstMalformed: null, truncatedLastLine: null };
	let line = 0;
	let start = 0;
	for (let newline = text.indexOf('\n'); newline >= 0; start = newline + 1, newline = text.indexOf('\n', start)) {
		line++;
		// Python's strip() first: MLflow takes a line of spaces or a padded line as its trimmed self
		const trimmed = text.charCodeAt(start) === 32 || text.charCodeAt(newline - 1) === 32 ? text.slice(start, newline).trim() : null;
		const ok = trimmed === null ? addMetricLine(text, start, newline, result.points) : addMetricLine(trimmed, 0, trimmed.length, result.points);
		if (!ok) {
			result.malformed++;
			result.firstMalformed ??= { line, text: text.slice(start, Math.min(newline, start + 80)) };
		}
	}
	if (text.slice(start).trim() !== '') result.truncatedLastLine = text.slice(start, start + 80);
	return result;
}
