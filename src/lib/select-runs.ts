import type { Run, RunSelector } from '../schemas/index.ts';

/** Whether a run belongs to an experiment by its run selector (any rule that is given may match). */
export function matchesSelector(run: Run, selector: RunSelector): boolean {
	if (selector.runIds.includes(run.id)) return true;
	if (run.experiment !== null && selector.experiments.includes(run.experiment)) return true;
	const tagRules = Object.entries(selector.tags);
	return tagRules.length > 0 && tagRules.every(([key, value]) => run.tags[key] === value);
}

/** The runs a selector picks, in the order given. */
export function selectRuns(runs: readonly Run[], selector: RunSelector): Run[] {
	return runs.filter((run) => matchesSelector(run, selector));
}
