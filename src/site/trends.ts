import { formatGenerationKey, readArchiveGeneration } from '../archive/archive-generation.ts';
import { type ChartMarker, collectTrend, selectMarkers, type TrendPoint } from '../charts/chart-data.ts';
import { type ChartGeometry, layoutTrend } from '../charts/chart-layout.ts';
import { monthBounds } from '../model/months.ts';
import type { Decision, Direction, Run } from '../schemas/index.ts';
import { createKeyedMap } from './memoise-latest.ts';

/** A metric's trend over an experiment's months, laid out, with the decisions marked on it. */
export interface Trend {
	first: string | undefined;
	last: string | undefined;
	points: TrendPoint[];
	markers: ChartMarker[];
	geometry: ChartGeometry | undefined;
}

// The same trend is drawn on the experiment's page and on the page of every month it ran in; the cache
// holds for one version of the archive (all of a build, until the next change in `npm run dev`).
const cacheOf = createKeyedMap<string, Trend>();

/** The trend of `metric` in an experiment's runs, computed once per version of the archive. */
export function loadTrend(experiment: string, metric: string, direction: Direction | null, runs: readonly Run[], decisions: readonly Decision[]): Trend {
	const cache = cacheOf(formatGenerationKey(readArchiveGeneration()));
	const key = `${experiment}\u0000${metric}\u0000${direction}\u0000${runs.length}`;
	const cached = cache.get(key);
	if (cached) return cached;
	const months = runs.flatMap((run) => (run.startedAt && !run.deleted && metric in run.metrics ? [run.startedAt.slice(0, 7)] : [])).sort();
	const first = months[0];
	const last = months.at(-1);
	const markers = first && last ? selectMarkers(decisions, experiment, metric, monthBounds(first).first, monthBounds(last).last) : [];
	const points = collectTrend(
		runs,
		metric,
		direction,
		markers.map((marker) => marker.date)
	);
	const geometry = first && last && points.length > 1 ? layoutTrend(points, markers, first, last) : undefined;
	const trend = { first, last, points, markers, geometry };
	cache.set(key, trend);
	return trend;
}
