import { bestValue } from '../model/month-changes.ts';
import { monthOf } from '../model/months.ts';
import type { Decision, Direction, Run } from '../schemas/index.ts';

/** The best value of a metric within an experiment for one month of one era. */
export interface TrendPoint {
	month: string;
	/** Which stretch between comparability breaks the point belongs to: 0 before the first break. */
	era: number;
	value: number;
	/** The run that holds the value, and the day it started. */
	runName: string;
	date: string;
}

/** A decision drawn on a chart's time axis because results before and after it are not comparable. */
export interface ChartMarker {
	id: string;
	title: string;
	date: string;
}

/**
 * The best value of `metric` per month among `runs` (deleted runs excluded), in date order. Runs on
 * either side of a comparability break (`breaks`, days `YYYY-MM-DD`) are never compared: a month
 * with a break in it gives one point per side.
 */
export function collectTrend(runs: readonly Run[], metric: string, direction: Direction | null, breaks: readonly string[] = []): TrendPoint[] {
	const sortedBreaks = [...breaks].sort();
	const eraOf = (day: string) => sortedBreaks.filter((date) => date <= day).length;
	const groups = new Map<string, Run[]>();
	for (const run of runs) {
		if (run.deleted || !run.startedAt || !(metric in run.metrics)) continue;
		const key = `${eraOf(run.startedAt.slice(0, 10))}|${monthOf(run.startedAt)}`;
		groups.set(key, [...(groups.get(key) ?? []), run]);
	}
	return [...groups.values()]
		.flatMap((group) => {
			const value = bestValue(group, metric, direction);
			const holder = group.find((run) => run.metrics[metric]?.final === value) ?? group[0]!;
			const date = holder.startedAt!.slice(0, 10);
			return value === null ? [] : [{ month: monthOf(date), era: eraOf(date), value, runName: holder.name ?? holder.nativeId, date }];
		})
		.sort((a, b) => a.date.localeCompare(b.date) || a.era - b.era);
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

/**
 * The series of `metric` for each run that logged one, at most `limit` runs, best final value first.
 * Series live apart from the runs (see `readMonthSeries`), so they are looked up by run id.
 */
export function collectSeries(
	runs: readonly Run[],
	metric: string,
	direction: Direction | null,
	seriesOf: (runId: string) => readonly [number, number][] | undefined,
	limit = 8
): SeriesLine[] {
	const lines = runs
		.filter((run) => !run.deleted && metric in run.metrics)
		.map((run) => ({ run, final: run.metrics[metric]!.final, points: (seriesOf(run.id) ?? []).filter((point) => Number.isFinite(point[1])) }))
		.filter(({ points }) => points.length > 1);
	const score = (value: number | null) => (value === null || !Number.isFinite(value) ? Number.POSITIVE_INFINITY : direction === 'max' ? -value : value);
	lines.sort((a, b) => score(a.final) - score(b.final) || a.run.id.localeCompare(b.run.id));
	return lines.slice(0, limit).map(({ run, points }) => ({ runId: run.id, label: run.name ?? run.nativeId.slice(0, 8), points }));
}
