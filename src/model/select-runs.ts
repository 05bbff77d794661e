import type { Run, RunSelector } from '../schemas/index.ts';

/** Whether a run belongs to an experiment by its run selector (any rule that is given may match). */
export function matchesSelector(run: Pick<Run, 'id' | 'experiment' | 'tags'>, selector: RunSelector): boolean {
	if (selector.runIds.includes(run.id)) return true;
	if (run.experiment !== null && selector.experiments.includes(run.experiment)) return true;
	const tagRules = Object.entries(selector.tags);
	return tagRules.length > 0 && tagRules.every(([key, value]) => run.tags[key] === value);
}

/** The runs a selector picks, in the order given. */
export function selectRuns(runs: readonly Run[], selector: RunSelector): Run[] {
	return runs.filter((run) => matchesSelector(run, selector));
}

/**
 * Selects the runs of many selectors at once. Experiment names and run ids are looked up in indexes,
 * so an archive of tens of thousands of runs is walked once rather than once per experiment; only a
 * selector with tag rules walks every run.
 */
export function createRunSelector(runs: readonly Run[]): (selector: RunSelector) => Run[] {
	const order = new Map(runs.map((run, index) => [run, index]));
	const byExperiment = Map.groupBy(
		runs.filter((run) => run.experiment !== null),
		(run) => run.experiment!
	);
	const byId = new Map(runs.map((run) => [run.id, run]));
	return (selector) => {
		if (Object.keys(selector.tags).length > 0) return selectRuns(runs, selector);
		const picked = new Set<Run>();
		for (const name of selector.experiments) for (const run of byExperiment.get(name) ?? []) picked.add(run);
		for (const id of selector.runIds) {
			const run = byId.get(id);
			if (run) picked.add(run);
		}
		return [...picked].sort((a, b) => order.get(a)! - order.get(b)!);
	};
}
