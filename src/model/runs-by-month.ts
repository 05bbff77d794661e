import type { Direction, Run, RunStatus } from '../schemas/index.ts';
import { countByStatus, type RankedRun, rankRuns } from './run-summary.ts';

/** One month of an experiment's runs, as its page summarises them; the rows themselves live on the month's page. */
export interface MonthOfRuns {
	month: string;
	runs: number;
	counts: Partial<Record<RunStatus, number>>;
	/** The best run of each metric asked for, in their order; undefined where no run logged a finite value. */
	best: (RankedRun | undefined)[];
	/** The source experiment name most of the month's runs carry: the group they are listed under on the month page. */
	group: string | null;
}

/**
 * Summarises runs month by month (the month of the digest that holds each run, oldest first): counts
 * by status and the best run of each metric. An experiment page shows this instead of every run's row,
 * which its months' pages already hold, so that a run is written out once in the site.
 */
export function summariseRunsByMonth(
	runs: readonly Run[],
	metrics: readonly { key: string; direction: Direction }[],
	monthOfRun: (run: Run) => string | undefined
): MonthOfRuns[] {
	const byMonth = Map.groupBy(runs, monthOfRun);
	const months = [...byMonth.keys()].filter((month) => month !== undefined).sort();
	return months.map((month) => {
		const inMonth = byMonth.get(month)!;
		return {
			month,
			runs: inMonth.length,
			counts: countByStatus(inMonth),
			best: metrics.map(({ key, direction }) => rankRuns(inMonth, key, direction, 1)[0]),
			group: mostCommonExperiment(inMonth),
		};
	});
}

function mostCommonExperiment(runs: readonly Run[]): string | null {
	const counts = new Map<string | null, number>();
	for (const run of runs) counts.set(run.experiment, (counts.get(run.experiment) ?? 0) + 1);
	let top: string | null = null;
	let most = 0;
	for (const [name, count] of counts) {
		if (count <= most) continue;
		top = name;
		most = count;
	}
	return top;
}
