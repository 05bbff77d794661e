import type { SeriesLine } from '../lib/chart-data.ts';
import { collectSeries } from '../lib/chart-data.ts';
import { resolveContentDir } from '../lib/content-dir.ts';
import { unpackSeries, type PackedSeries } from '../lib/packed-series.ts';
import { readMonthSeries, type Series } from '../lib/read-digests.ts';
import type { Direction, Run } from '../schemas/index.ts';

// In a build the archive check has packed every month's series (see `useValidatedSeries`). Otherwise
// (dev) a month's digest is read when a chart needs it; pages are built month after month, so a few
// recent months cover every chart without holding the archive's series in memory.
let validated: Map<string, PackedSeries> | undefined;
const RECENT = 3;
const cache = new Map<string, Promise<Map<string, Map<string, Series>>>>();

/** Takes the series the archive check packed, by month, for every chart of this build. */
export function useValidatedSeries(series: Map<string, PackedSeries>): void {
	validated = series;
}

function loadMonth(month: string) {
	let entry = cache.get(month);
	if (!entry) {
		entry = readMonthSeries(resolveContentDir(process.cwd()), month);
		cache.set(month, entry);
		if (cache.size > RECENT) cache.delete(cache.keys().next().value!);
	}
	return entry;
}

/** The series lines of `metric` for runs that started in `month`, best first, from that month's digest. */
export async function loadSeriesLines(runs: readonly Run[], metric: string, direction: Direction | null, month: string): Promise<SeriesLine[]> {
	const inMonth = runs.filter((run) => run.startedAt?.startsWith(month));
	const packed = validated?.get(month);
	if (validated) return collectSeries(inMonth, metric, direction, (runId) => (packed ? unpackSeries(packed, runId, metric) : undefined));
	const series = await loadMonth(month);
	return collectSeries(inMonth, metric, direction, (runId) => series.get(runId)?.get(metric));
}
