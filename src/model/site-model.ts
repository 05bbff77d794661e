import type { Decision, Digest, Direction, Exchange, Experiment, Person, Retro, Run, SiteOptions } from '../schemas/index.ts';
import type { Audience } from './audience.ts';
import { mapSuccessors } from './decision-graph.ts';
import { compareMetrics, compareParams, type MetricChange, type ParamChange } from './month-changes.ts';
import { monthBounds, monthOf } from './months.ts';
import { findDirection } from './run-summary.ts';
import { createRunSelector } from './select-runs.ts';
import { experimentPath, monthPath, runPath } from './urls.ts';
import { listWorkdays } from './workdays.ts';

/** An entry as both the content layer and the validator give it. */
export interface Item<T> {
	id: string;
	data: T;
	/** The file the entry was read from, relative to the project, when the content layer says. */
	filePath?: string | undefined;
}

/** The archive's entries, by collection. */
export interface SiteInput {
	people: Item<Person>[];
	decisions: Item<Decision>[];
	experiments: Item<Experiment>[];
	retros: Item<Retro>[];
	runs: Item<Digest>[];
	options: SiteOptions;
	/** Who this edition is for; the entries above are already those it may see. */
	audience: Audience;
}

/** A lesson from any source, as the lesson archive lists it. */
export interface LessonRecord {
	id: string;
	title: string;
	detail: string;
	tags: string[];
	related: string[];
	source: 'retro' | 'experiment' | 'run';
	/** Title of the entry it came from. */
	sourceTitle: string;
	/** Site path of the entry it came from (for a run: its row on its month's page). */
	sourcePath: string;
	month: string;
	/** Who it is credited to: the retro's authors, the experiment's owners, or the run's user. */
	people: string[];
}

/** Everything that happened in one month. */
export interface MonthModel {
	month: string;
	retro: Item<Retro> | undefined;
	digest: Digest | undefined;
	runs: Run[];
	decisions: Item<Decision>[];
	experiments: Item<Experiment>[];
	lessons: LessonRecord[];
	exchanges: Exchange[];
	/** Person ids: the retro's authors in their order, then everyone else who took part, by id. */
	contributors: string[];
	previous: string | undefined;
	next: string | undefined;
	/** Weekdays of the month less the configured holidays. */
	workdays: string[];
	/** The latest earlier month with runs, which `metricChanges` and `paramChanges` compare against. */
	comparedWith: string | undefined;
	metricChanges: MetricChange[];
	paramChanges: ParamChange[];
}

/** What one person took part in. */
export interface PersonActivity {
	retros: Item<Retro>[];
	decided: Item<Decision>[];
	consulted: Item<Decision>[];
	experiments: Item<Experiment>[];
	exchanges: { month: string; exchange: Exchange }[];
	runs: Run[];
	lessons: LessonRecord[];
}

/** The site's indexes over the archive, computed once per build. */
export interface SiteModel {
	options: SiteOptions;
	audience: Audience;
	months: MonthModel[];
	monthByKey: Map<string, MonthModel>;
	lessons: LessonRecord[];
	successors: Map<string, string[]>;
	/** Decisions by id, inserted in date order (then id). */
	decisionById: Map<string, Item<Decision>>;
	experimentById: Map<string, Item<Experiment>>;
	personById: Map<string, Item<Person>>;
	allRuns: Run[];
	runById: Map<string, Run>;
	/** The month of the digest that holds a run: the month page its row is on. */
	monthOfRun: (run: Run) => string | undefined;
	/** Runs by display name; a name several runs share maps to all of them. */
	runsByName: Map<string, Run[]>;
	/** The first experiment (by slug) whose runs set each parameter key. */
	experimentOfParam: Map<string, string>;
	/** Maps a run-store user name to a person id through people's `aliases` (and their own id). */
	personOfUser: (user: string | null) => string | undefined;
	runsOfExperiment: (slug: string) => Run[];
	activityOf: (personId: string) => PersonActivity;
}

/** Orders dated entries by date, then id. */
export const byDate = <T extends { data: { date: string; id: string } }>(a: T, b: T) =>
	a.data.date.localeCompare(b.data.date) || a.data.id.localeCompare(b.data.id);

/** Builds every index the pages need from the archive's entries. */
export function buildSiteModel(input: SiteInput): SiteModel {
	const personById = new Map(input.people.map((item) => [item.id, item]));
	const userToPerson = new Map<string, string>();
	for (const { id, data } of input.people) for (const name of [id, ...data.aliases]) userToPerson.set(name, id);
	const personOfUser = (user: string | null) => (user === null ? undefined : userToPerson.get(user));

	const decisions = [...input.decisions].sort(byDate);
	const decisionById = new Map(decisions.map((item) => [item.data.id, item]));
	const experimentById = new Map(input.experiments.map((item) => [item.id, item]));
	const digests = [...input.runs].sort((a, b) => a.data.month.localeCompare(b.data.month));
	const allRuns = digests.flatMap((digest) => digest.data.runs);
	const runById = new Map(allRuns.map((run) => [run.id, run]));
	const runsByName = Map.groupBy(
		allRuns.filter((run) => run.name),
		(run) => run.name!
	);
	const runMonth = new Map(digests.flatMap((digest) => digest.data.runs.map((run) => [run.id, digest.data.month] as const)));
	const selectRuns = createRunSelector(allRuns);
	const runsByExperiment = new Map(input.experiments.map((item) => [item.id, selectRuns(item.data.runs)]));
	const runsOfExperiment = (slug: string) => runsByExperiment.get(slug) ?? [];
	const experimentOfParam = new Map<string, string>();
	for (const { id } of [...input.experiments].sort((a, b) => a.id.localeCompare(b.id))) {
		for (const run of runsOfExperiment(id)) for (const key of Object.keys(run.params)) if (!experimentOfParam.has(key)) experimentOfParam.set(key, id);
	}

	const lessons = collectLessons(input, runById, runMonth, personOfUser);
	// A month is compared with the latest earlier month that has runs, skipping quiet months.
	const monthsWithRuns = digests.filter((digest) => digest.data.runs.length > 0).map((digest) => digest.data);
	const monthWithRunsBefore = (month: string) => monthsWithRuns.filter((digest) => digest.month < month).at(-1);
	const monthKeys = [...new Set([...input.retros.map((item) => item.data.month), ...digests.map((item) => item.data.month)])].sort();
	// Everything a month page needs, grouped by month once, so that building the months stays linear.
	const retroByMonth = new Map(input.retros.map((item) => [item.data.month, item]));
	const digestByMonth = new Map(digests.map((item) => [item.data.month, item.data]));
	const decisionsByMonth = Map.groupBy(decisions, (item) => monthOf(item.data.date));
	const lessonsByMonth = Map.groupBy(lessons, (lesson) => lesson.month);
	const runMonthsOf = new Map(input.experiments.map(({ id }) => [id, new Set(runsOfExperiment(id).map((run) => runMonth.get(run.id)))]));
	const declaredDirections = new Map<string, Direction>();
	for (const { data } of input.experiments)
		for (const { key, direction } of data.metrics) if (!declaredDirections.has(key)) declaredDirections.set(key, direction);
	const directionOf = (metric: string, candidates: readonly Run[]) => declaredDirections.get(metric) ?? findDirection(candidates, metric);
	const months = monthKeys.map((month, index): MonthModel => {
		const retro = retroByMonth.get(month);
		const digest = digestByMonth.get(month);
		const runs = digest?.runs ?? [];
		const monthDecisions = decisionsByMonth.get(month) ?? [];
		const { first, last } = monthBounds(month);
		const experiments = input.experiments.filter(({ id, data }) => {
			const overlaps = data.started <= last && (data.ended ?? '9999-12-31') >= first;
			return overlaps || retro?.data.experiments.includes(id) || runMonthsOf.get(id)?.has(month);
		});
		const exchanges = retro?.data.exchanges ?? [];
		const others = new Set<string>([
			...exchanges.flatMap((exchange) => exchange.with),
			...monthDecisions.flatMap((item) => [...item.data.deciders, ...item.data.consulted]),
			...runs.map((run) => personOfUser(run.user)).filter((id): id is string => id !== undefined),
		]);
		const authors = retro?.data.authors ?? [];
		for (const author of authors) others.delete(author);
		const compared = runs.length > 0 ? monthWithRunsBefore(month) : undefined;
		return {
			month,
			retro,
			digest,
			runs,
			decisions: monthDecisions,
			experiments,
			lessons: lessonsByMonth.get(month) ?? [],
			exchanges,
			contributors: [...authors, ...[...others].sort()],
			previous: monthKeys[index - 1],
			next: monthKeys[index + 1],
			workdays: listWorkdays(month, input.options.holidays),
			comparedWith: compared?.month,
			metricChanges: compared ? compareMetrics(compared.runs, runs, directionOf) : [],
			paramChanges: compared ? compareParams(compared.runs, runs) : [],
		};
	});
	const monthByKey = new Map(months.map((model) => [model.month, model]));

	// Runs and lessons by person, once: every person's page would otherwise scan all of them.
	const runsByPerson = Map.groupBy(allRuns, (run) => personOfUser(run.user) ?? '');
	const lessonsByPerson = new Map<string, LessonRecord[]>();
	for (const lesson of lessons) {
		for (const id of new Set(lesson.people)) {
			const list = lessonsByPerson.get(id);
			if (list) list.push(lesson);
			else lessonsByPerson.set(id, [lesson]);
		}
	}
	const activityOf = (personId: string): PersonActivity => ({
		retros: input.retros.filter((item) => item.data.authors.includes(personId)),
		decided: decisions.filter((item) => item.data.deciders.includes(personId)),
		consulted: decisions.filter((item) => item.data.consulted.includes(personId)),
		experiments: input.experiments.filter((item) => item.data.owners.includes(personId)),
		exchanges: input.retros.flatMap((item) =>
			item.data.exchanges.filter((exchange) => exchange.with.includes(personId)).map((exchange) => ({ month: item.data.month, exchange }))
		),
		runs: runsByPerson.get(personId) ?? [],
		lessons: lessonsByPerson.get(personId) ?? [],
	});

	return {
		options: input.options,
		audience: input.audience,
		months,
		monthByKey,
		lessons,
		successors: mapSuccessors(decisions.map((item) => item.data)),
		decisionById,
		experimentById,
		personById,
		allRuns,
		runById,
		monthOfRun: (run: Run) => runMonth.get(run.id),
		runsByName,
		experimentOfParam,
		personOfUser,
		runsOfExperiment,
		activityOf,
	};
}

function collectLessons(
	input: SiteInput,
	runsById: Map<string, Run>,
	runMonth: Map<string, string>,
	personOfUser: (user: string | null) => string | undefined
): LessonRecord[] {
	const fromRetros = input.retros.flatMap(({ data }) =>
		data.lessons.map(
			(lesson): LessonRecord => ({
				...lesson,
				source: 'retro',
				sourceTitle: data.title,
				sourcePath: monthPath(data.month),
				month: data.month,
				people: data.authors,
			})
		)
	);
	const fromExperiments = input.experiments.flatMap(({ id, data }) =>
		data.lessons.map(
			(lesson): LessonRecord => ({
				...lesson,
				source: 'experiment',
				sourceTitle: data.title,
				sourcePath: experimentPath(id),
				month: monthOf(data.ended ?? data.started),
				people: data.owners,
			})
		)
	);
	const fromRuns = input.runs.flatMap(({ data }) =>
		data.lessons.map((lesson): LessonRecord => {
			const run = lesson.runId ? runsById.get(lesson.runId) : undefined;
			const person = personOfUser(run?.user ?? null);
			const month = (lesson.runId && runMonth.get(lesson.runId)) || data.month;
			return {
				id: lesson.id,
				title: lesson.text,
				detail: '',
				tags: [],
				related: lesson.runId ? [`run:${lesson.runId}`] : [],
				source: 'run',
				sourceTitle: run ? `Run ${run.name ?? run.nativeId} (${run.experiment ?? 'no experiment'})` : `Experiment ${lesson.experiment ?? ''}`.trim(),
				sourcePath: lesson.runId ? runPath(month, lesson.runId) : monthPath(data.month),
				month: data.month,
				people: person ? [person] : [],
			};
		})
	);
	return [...fromRetros, ...fromExperiments, ...fromRuns].sort(
		(a, b) => b.month.localeCompare(a.month) || a.source.localeCompare(b.source) || a.id.localeCompare(b.id)
	);
}
