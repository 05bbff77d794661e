import { type Direction, type Run, type RunStatus, runStatusSchema } from '../schemas/index.ts';

/** How many runs are in each status, in the status list's order; statuses with no run are left out. */
export function countByStatus(runs: readonly Run[]): Partial<Record<RunStatus, number>> {
	const counts: Partial<Record<RunStatus, number>> = {};
	for (const status of runStatusSchema.options) {
		const count = runs.filter((run) => run.status === status).length;
		if (count > 0) counts[status] = count;
	}
	return counts;
}

/** A run's best value of one metric, for ranking runs against each other. */
export interface RankedRun {
	run: Run;
	value: number;
}

/**
 * The runs with the best final value of `metric` for `direction`, best first; runs that did not log
 * the metric, or whose final value is not finite, are left out. Deleted runs are never ranked.
 */
export function rankRuns(runs: readonly Run[], metric: string, direction: Direction, limit = 3): RankedRun[] {
	const ranked: RankedRun[] = [];
	for (const run of runs) {
		const value = run.metrics[metric]?.final;
		if (run.deleted || value === null || value === undefined || !Number.isFinite(value)) continue;
		ranked.push({ run, value });
	}
	ranked.sort((a, b) => (direction === 'min' ? a.value - b.value : b.value - a.value) || a.run.id.localeCompare(b.run.id));
	return ranked.slice(0, limit);
}

/** The metric keys logged by any of the runs, sorted. */
export function listMetricKeys(runs: readonly Run[]): string[] {
	return [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))].sort();
}

/** The direction recorded for a metric in the runs (the first that has one), or null. */
export function findDirection(runs: readonly Run[], metric: string): Direction | null {
	for (const run of runs) {
		const direction = run.metrics[metric]?.direction;
		if (direction) return direction;
	}
	return null;
}

/** Groups runs by experiment name, experiments sorted by name; runs without one go under `null`. */
export function groupRunsByExperiment(runs: readonly Run[]): { experiment: string | null; runs: Run[] }[] {
	const groups = new Map<string | null, Run[]>();
	for (const run of runs) {
		const group = groups.get(run.experiment);
		if (group) group.push(run);
		else groups.set(run.experiment, [run]);
	}
	return [...groups.entries()].sort(([a], [b]) => (a ?? '\uffff').localeCompare(b ?? '\uffff')).map(([experiment, list]) => ({ experiment, runs: list }));
}

/** Formats a metric value compactly for tables: 4 significant digits, NaN and infinities spelled out. */
export function formatMetric(value: number | null | undefined): string {
	if (value === null || value === undefined) return '—';
	if (Number.isNaN(value)) return 'NaN';
	if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
	if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3)) return value.toExponential(2);
	return String(Number(value.toPrecision(4)));
}
