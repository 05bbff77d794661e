import { readArchiveGeneration } from '../archive/archive-generation.ts';
import { resolveContentDir } from '../archive/content-dir.ts';
import { type MonthSeries, readMonthSeries } from '../archive/read-digests.ts';
import type { SeriesLine } from '../charts/chart-data.ts';
import { collectSeries } from '../charts/chart-data.ts';
import type { Direction, Run } from '../schemas/index.ts';
import { createKeyedMap } from './memoise-latest.ts';

// Pages are built month after month, so a few recent months cover every chart without holding the
// archive's series in memory.
const RECENT = 3;
// Emptied when a digest changes under `npm run dev`.
const cacheOf = createKeyedMap<string, Promise<MonthSeries>>();

function loadMonth(month: string) {
	const cache = cacheOf(String(readArchiveGeneration().digests));
	let entry = cache.get(month);
	if (!entry) {
		entry = readMonthSeries(resolveContentDir(process.cwd()), month);
		cache.set(month, entry);
		if (cache.size > RECENT) cache.delete(cache.keys().next().value!);
	}
	return entry;
}

/** The series lines of `metric` for runs that started in `month`, best first, read from that month's digest. */
export async function loadSeriesLines(runs: readonly Run[], metric: string, direction: Direction | null, month: string): Promise<SeriesLine[]> {
	const series = await loadMonth(month);
	const inMonth = runs.filter((run) => run.startedAt?.startsWith(month));
	return collectSeries(inMonth, metric, direction, (runId) => series(runId, metric));
}
