import { findComponentUses } from '../archive/component-refs.ts';
import type { Experiment, IndexedRun, Lesson, Retro, RunIndex } from '../schemas/index.ts';
import { monthOf } from './months.ts';
import { matchesSelector } from './select-runs.ts';

/** The entries whose references a month page follows. */
export interface MonthPageEntries {
	experiments: readonly { id: string; data: Experiment }[];
	retros: readonly { data: Retro; body?: string | undefined }[];
}

/**
 * The months whose digests one month page shows, by the run index: its own; the latest earlier month with
 * runs, which its changes compare against; every month with runs of an experiment it charts (one that picks
 * a run of the month, or that a component of its retro names); and the months of the runs and run lessons
 * its retro and its lessons name. A page built from these digests alone is the page built from all of them.
 */
export function listMonthDigests(month: string, index: RunIndex, entries: MonthPageEntries): Set<string> {
	const needed = new Set<string>();
	const own = index.digests.find((digest) => digest.month === month);
	if (own) needed.add(month);
	const compared = index.digests.filter((digest) => digest.month < month && digest.runs.length > 0).at(-1);
	if (compared) needed.add(compared.month);

	const monthOfRun = new Map<string, string>();
	const monthsOfName = new Map<string, string[]>();
	const monthOfLesson = new Map<string, string>();
	for (const digest of index.digests) {
		for (const run of digest.runs) {
			monthOfRun.set(run.id, digest.month);
			if (run.name !== null) monthsOfName.set(run.name, [...(monthsOfName.get(run.name) ?? []), digest.month]);
		}
		for (const id of digest.lessons) monthOfLesson.set(id, digest.month);
	}
	const addExperiment = (experiment: { data: Experiment } | undefined) => {
		if (!experiment) return;
		for (const digest of index.digests) if (digest.runs.some((run) => matchesSelector(run, experiment.data.runs))) needed.add(digest.month);
	};
	const experimentById = new Map(entries.experiments.map((item) => [item.id, item]));
	const lessonById = new Map<string, Lesson>();
	for (const { data } of [...entries.retros, ...entries.experiments]) for (const lesson of data.lessons) lessonById.set(lesson.id, lesson);
	const addRun = (wanted: string) => {
		const month = monthOfRun.get(wanted);
		if (month) needed.add(month);
		else for (const named of monthsOfName.get(wanted) ?? []) needed.add(named);
	};
	const addLesson = (id: string) => {
		const month = monthOfLesson.get(id);
		if (month) needed.add(month);
		for (const ref of lessonById.get(id)?.related ?? []) addRef(ref);
	};
	function addRef(ref: string) {
		if (ref.startsWith('run:')) addRun(ref.slice(4));
		else if (ref.startsWith('lesson:')) addLesson(ref.slice(7));
	}

	const ownRuns: readonly IndexedRun[] = own?.runs ?? [];
	for (const experiment of entries.experiments) if (ownRuns.some((run) => matchesSelector(run, experiment.data.runs))) addExperiment(experiment);
	// The lessons the page lists: its retro's, and those of experiments that ended (or, running, started) this month.
	const retro = entries.retros.find(({ data }) => data.month === month);
	const lessons = [
		...(retro?.data.lessons ?? []),
		...entries.experiments.filter(({ data }) => monthOf(data.ended ?? data.started) === month).flatMap(({ data }) => data.lessons),
	];
	for (const lesson of lessons) for (const ref of lesson.related) addRef(ref);
	if (!retro) return needed;
	for (const exchange of retro.data.exchanges) for (const ref of exchange.related) addRef(ref);
	for (const idea of retro.data.rejectedIdeas) for (const ref of idea.related) addRef(ref);
	for (const { target } of findComponentUses(retro.body ?? '')) {
		if (target?.kind === 'experiments') addExperiment(experimentById.get(target.value));
		else if (target?.kind === 'runs') addRun(target.value);
		else if (target?.kind === 'lessons') addLesson(target.value);
	}
	return needed;
}
