import type { Direction, Run } from '../schemas/index.ts';
import { findDirection, groupRunsByExperiment, listMetricKeys, rankRuns } from './run-summary.ts';

/** How one metric's best value moved between two months, within one experiment. */
export interface MetricChange {
	experiment: string | null;
	metric: string;
	direction: Direction | null;
	previous: number | null;
	current: number | null;
	/** `current - previous`, when both exist. */
	delta: number | null;
	/** Whether the move is for the better in the metric's direction; null when unknown or unchanged. */
	improved: boolean | null;
}

/** How the values one parameter took moved between two months, within one experiment. */
export interface ParamChange {
	experiment: string | null;
	param: string;
	previous: string[];
	current: string[];
	changed: boolean;
}

/**
 * The best value of a metric among runs: by direction when known (ranked on final values), otherwise
 * the latest finished run's final value.
 */
export function bestValue(runs: readonly Run[], metric: string, direction: Direction | null): number | null {
	if (direction) return rankRuns(runs, metric, direction, 1)[0]?.value ?? null;
	const values = runs.map((run) => run.metrics[metric]?.final).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
	return values.at(-1) ?? null;
}

/** Compares each experiment's best metric values with the previous month's, for experiments with runs in both. */
export function compareMetrics(
	previousRuns: readonly Run[],
	currentRuns: readonly Run[],
	directionOf: (metric: string, runs: readonly Run[]) => Direction | null = (metric, runs) => findDirection(runs, metric)
): MetricChange[] {
	const previousByExperiment = new Map(groupRunsByExperiment(previousRuns).map(({ experiment, runs }) => [experiment, runs]));
	const changes: MetricChange[] = [];
	for (const { experiment, runs } of groupRunsByExperiment(currentRuns)) {
		const before = previousByExperiment.get(experiment);
		if (!before) continue;
		for (const metric of listMetricKeys([...runs, ...before])) {
			const direction = directionOf(metric, [...runs, ...before]);
			const previous = bestValue(before, metric, direction);
			const current = bestValue(runs, metric, direction);
			const delta = previous !== null && current !== null ? current - previous : null;
			const improved = delta === null || delta === 0 || direction === null ? null : direction === 'min' ? delta < 0 : delta > 0;
			changes.push({ experiment, metric, direction, previous, current, delta, improved });
		}
	}
	return changes;
}

/** Compares the values each parameter took in each experiment with the previous month's. */
export function compareParams(previousRuns: readonly Run[], currentRuns: readonly Run[]): ParamChange[] {
	const valuesOf = (runs: readonly Run[], param: string) =>
		[...new Set(runs.filter((run) => param in run.params).map((run) => String(run.params[param])))].sort();
	const previousByExperiment = new Map(groupRunsByExperiment(previousRuns).map(({ experiment, runs }) => [experiment, runs]));
	const changes: ParamChange[] = [];
	for (const { experiment, runs } of groupRunsByExperiment(currentRuns)) {
		const before = previousByExperiment.get(experiment);
		if (!before) continue;
		const params = [...new Set([...runs, ...before].flatMap((run) => Object.keys(run.params)))].sort();
		for (const param of params) {
			const previous = valuesOf(before, param);
			const current = valuesOf(runs, param);
			changes.push({ experiment, param, previous, current, changed: previous.join('\u0000') !== current.join('\u0000') });
		}
	}
	return changes;
}

/** A signed delta for display: `+0.012`, `−0.3`, `±0`. */
export function formatDelta(delta: number | null): string {
	if (delta === null) return '—';
	if (delta === 0) return '±0';
	const magnitude = Math.abs(delta);
	const text = magnitude >= 1e6 || magnitude < 1e-3 ? magnitude.toExponential(2) : String(Number(magnitude.toPrecision(3)));
	return `${delta > 0 ? '+' : '−'}${text}`;
}
