import { MAX_SERIES_POINTS } from '../schemas/series-limit.ts';
import type { DataPath } from './frontmatter.ts';

const NON_FINITE_NAMES = new Set(['NaN', 'Infinity', '-Infinity']);

/** A problem in one series, with its path in the digest. */
export interface SeriesProblem {
	path: DataPath;
	message: string;
}

/** Checks one series against the digest schema's rule: at most 64 `[finite step, metric value]` pairs. */
export function checkSeries(series: unknown, at: DataPath): SeriesProblem | undefined {
	if (!Array.isArray(series)) return { path: at, message: 'expected a list of [step, value] pairs' };
	if (series.length > MAX_SERIES_POINTS) return { path: at, message: `expected at most ${MAX_SERIES_POINTS} points; found ${series.length}` };
	for (let index = 0; index < series.length; index++) {
		const pair: unknown = series[index];
		if (!Array.isArray(pair) || pair.length !== 2) return { path: [...at, index], message: 'expected a [step, value] pair' };
		if (typeof pair[0] !== 'number' || !Number.isFinite(pair[0])) return { path: [...at, index, 0], message: 'expected a finite step' };
		const value: unknown = pair[1];
		if (!(typeof value === 'number' && Number.isFinite(value)) && !(typeof value === 'string' && NON_FINITE_NAMES.has(value))) {
			return { path: [...at, index, 1], message: 'expected a finite number, "NaN", "Infinity" or "-Infinity"' };
		}
	}
	return undefined;
}

/**
 * Checks every series of a parsed digest by hand and returns the digest with its series emptied, for
 * the schema to check the rest: series are most of a digest, and a schema walks them far slower.
 */
export function takeOutSeries(json: unknown): { rest: unknown; problems: SeriesProblem[] } {
	const problems: SeriesProblem[] = [];
	const digest = json as { runs?: unknown };
	if (typeof json !== 'object' || json === null || !Array.isArray(digest.runs)) return { rest: json, problems };
	const runs = digest.runs.map((run: unknown, runIndex: number) => {
		const metrics = (run as { metrics?: unknown } | null)?.metrics;
		if (typeof metrics !== 'object' || metrics === null) return run;
		const emptied: Record<string, unknown> = {};
		for (const [key, summary] of Object.entries(metrics)) {
			if (typeof summary !== 'object' || summary === null || !('series' in summary)) {
				emptied[key] = summary;
				continue;
			}
			const problem = checkSeries((summary as { series: unknown }).series, ['runs', runIndex, 'metrics', key, 'series']);
			if (problem) problems.push(problem);
			emptied[key] = { ...summary, series: [] };
		}
		return { ...(run as object), metrics: emptied };
	});
	return { rest: { ...json, runs }, problems };
}
