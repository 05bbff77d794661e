import type { Decision, Direction, Run } from '../schemas/index.ts';
import { monthOf } from './months.ts';
import { bestValue } from './month-changes.ts';

/** One month's best value of a metric within an experiment. */
export interface TrendPoint {
	month: string;
	value: number;
	/** The run that holds the value. */
	runName: string;
}

/** A decision drawn on a chart's time axis because results before and after it are not comparable. */
export interface ChartMarker {
	id: string;
	title: string;
	date: string;
}

/** The best value of `metric` per month among `runs` (finished or not, deleted excluded), in month order. */
export function collectTrend(runs: readonly Run[], metric: string, direction: Direction | null): TrendPoint[] {
	const byMonth = new Map<string, Run[]>();
	for (const run of runs) {
		if (run.deleted || !run.startedAt || !(metric in run.metrics)) continue;
		const month = monthOf(run.startedAt);
		byMonth.set(month, [...(byMonth.get(month) ?? []), run]);
	}
	return [...byMonth.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.flatMap(([month, monthRuns]) => {
			const value = bestValue(monthRuns, metric, direction);
			const holder = monthRuns.find((run) => run.metrics[metric]?.final === value);
			return value === null ? [] : [{ month, value, runName: holder?.name ?? holder?.nativeId ?? '' }];
		});
}

/**
 * The decisions that break comparability for an experiment's metric: those that name the experiment or
 * the metric in `affects`, dated within `[first, last]` (`YYYY-MM-DD`).
 */
export function selectMarkers(decisions: readonly Decision[], experiment: string, metric: string, first: string, last: string): ChartMarker[] {
	return decisions
		.filter((decision) => decision.breaksComparability && decision.status !== 'rejected' && decision.status !== 'proposed')
		.filter((decision) => decision.affects.experiments.includes(experiment) || decision.affects.metrics.includes(metric))
		.filter((decision) => decision.date >= first && decision.date <= last)
		.map(({ id, title, date }) => ({ id, title, date }))
		.sort((a, b) => a.date.localeCompare(b.date));
}

/** One run's series of a metric, finite points only, for a comparison chart. */
export interface SeriesLine {
	runId: string;
	label: string;
	points: [number, number][];
}

/** The series of `metric` for each run that logged it, at most `limit` runs, best final value first. */
export function collectSeries(runs: readonly Run[], metric: string, direction: Direction | null, limit = 8): SeriesLine[] {
	const lines = runs
		.filter((run) => !run.deleted && (run.metrics[metric]?.series.length ?? 0) > 1)
		.map((run) => ({
			run,
			final: run.metrics[metric]!.final,
			points: run.metrics[metric]!.series.filter((point): point is [number, number] => Number.isFinite(point[1])),
		}));
	const score = (value: number | null) => (value === null || !Number.isFinite(value) ? Number.POSITIVE_INFINITY : direction === 'max' ? -value : value);
	lines.sort((a, b) => score(a.final) - score(b.final) || a.run.id.localeCompare(b.run.id));
	return lines.slice(0, limit).map(({ run, points }) => ({ runId: run.id, label: run.name ?? run.nativeId.slice(0, 8), points }));
}
