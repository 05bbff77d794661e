// Sacred's `metrics.json`: per metric name, three parallel lists `steps`, `values` and `timestamps`,
// rewritten in full at every heartbeat (run-formats.md §4.3).
import type { RunMetric } from '../../schemas/run-record.ts';
import { describeValue } from '../read-yaml.ts';
import { parseSacredTime } from './sacred-time.ts';

/** A logged value as a number: Python's bare NaN/Infinity reach here as text from the tolerant JSON reader. */
function toLoggedValue(value: unknown): number | null {
	if (typeof value === 'number') return value;
	if (value === 'NaN') return NaN;
	if (value === 'Infinity') return Infinity;
	if (value === '-Infinity') return -Infinity;
	return null;
}

/** A value as it was logged, short enough for a warning: the warning is where a list-valued point is kept. */
function showValue(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * Turns one metric's parallel lists into points. Sacred logs whatever `log_scalar` was given, so a
 * value may be a list or text: such points cannot be drawn or compared and are left out with a warning.
 * Lists of unequal length (a write cut short, a hand edit) are read as far as steps and values pair up.
 */
export function readSacredMetric(name: string, entry: unknown, path: string, warnings: string[]): RunMetric | null {
	if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
		warnings.push(`${path}: metric ${name}: expected a mapping of steps, values and timestamps, found ${describeValue(entry)}; metric left out`);
		return null;
	}
	const { steps, values, timestamps } = entry as Record<string, unknown>;
	if (!Array.isArray(values)) {
		warnings.push(`${path}: metric ${name}: field values: expected a list, found ${describeValue(values)}; metric left out`);
		return null;
	}
	const stepList = Array.isArray(steps) ? steps : [];
	const timeList = Array.isArray(timestamps) ? timestamps : [];
	if (stepList.length !== values.length || timeList.length !== values.length) {
		warnings.push(
			`${path}: metric ${name}: steps, values and timestamps differ in length (${stepList.length}, ${values.length}, ${timeList.length}); read the first ${Math.min(stepList.length, values.length)} points`
		);
	}
	const metric: RunMetric = { steps: [], values: [], timestamps: [], finalRule: 'highest-step', final: null, direction: null };
	let unusable = 0;
	let firstUnusable: unknown;
	for (let i = 0; i < Math.min(stepList.length, values.length); i++) {
		const step = stepList[i];
		const value = toLoggedValue(values[i]);
		if (typeof step !== 'number' || value === null) {
			if (unusable++ === 0) firstUnusable = typeof step !== 'number' ? step : values[i];
			continue;
		}
		metric.steps.push(step);
		metric.values.push(value);
		metric.timestamps.push(parseSacredTime(timeList[i]));
	}
	if (metric.values.length === 0) {
		const why = unusable ? `its ${unusable} value(s) are not numbers (the first: ${showValue(firstUnusable)})` : 'no points';
		warnings.push(`${path}: metric ${name}: ${why}; left out of the metrics and charts`);
		return null;
	}
	if (unusable > 0) {
		warnings.push(
			`${path}: metric ${name}: ${unusable} point(s) whose step or value is not a number (the first: ${showValue(firstUnusable)}) left out of the metrics and charts`
		);
	}
	return metric;
}
