// The draft of a month's retro: every fact the archive holds about the month, written as MDX components
// and references that the site resolves when it is built, so the draft stays true as the archive changes.
import { stringify } from 'yaml';
import { formatMonth, monthOf } from '../model/months.ts';
import { countByStatus, findDirection, groupRunsByExperiment, listMetricKeys, rankRuns } from '../model/run-summary.ts';
import type { Decision, Digest, Direction, Experiment, Lesson, Person, Run } from '../schemas/index.ts';
import { slugify } from './drafts.ts';

/** What a new retro is pre-filled from. */
export interface RetroDraftInput {
	month: string;
	/** Every digest of the archive, so results can be compared with each experiment's previous month. */
	digests: readonly Digest[];
	decisions: readonly Decision[];
	experiments: readonly { id: string; data: Experiment }[];
	people: readonly { id: string; data: Person }[];
	/** Authors to credit; when empty, everyone who took part in the month. */
	authors: readonly string[];
	/** Lesson ids already used in the archive, which the draft's lessons must not reuse. */
	lessonIds: ReadonlySet<string>;
}

/** `1 run`, `2 runs`, `no run`. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
	return `${count === 0 ? 'no' : count} ${count === 1 ? noun : plural}`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A retro for `month`, pre-filled with the month's people, results, decisions, comparability breaks, lessons and charts. */
export function draftRetro(input: RetroDraftInput): string {
	const { month } = input;
	const digest = input.digests.find((item) => item.month === month);
	const runs = digest?.runs.filter((run) => !run.deleted) ?? [];
	const decisions = input.decisions
		.filter((decision) => monthOf(decision.date) === month)
		.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
	const personOfUser = new Map(input.people.flatMap(({ id, data }) => [id, data.name, ...data.aliases].map((name) => [name.toLowerCase(), id] as const)));
	const people = [
		...runs.map((run) => (run.user ? personOfUser.get(run.user.toLowerCase()) : undefined)),
		...decisions.flatMap((decision) => [...decision.deciders, ...decision.consulted]),
	].filter((id): id is string => id !== undefined);
	const authors = input.authors.length > 0 ? [...input.authors] : [...new Set(people)].sort();
	const groups = groupRunsByExperiment(runs);
	const slugOf = (name: string | null) => (name === null ? undefined : input.experiments.find(({ data }) => data.runs.experiments.includes(name))?.id);
	const lessons = draftLessons(digest, slugOf, input.lessonIds);
	const experimentSlugs = [...new Set(groups.map(({ experiment }) => slugOf(experiment)).filter((slug): slug is string => slug !== undefined))].sort();

	const made = decisions.filter((decision) => decision.status !== 'proposed');
	const proposed = decisions.filter((decision) => decision.status === 'proposed');
	const breaks = decisions.filter((decision) => decision.breaksComparability);
	const summary =
		runs.length === 0 && decisions.length === 0
			? 'Nothing was recorded this month: no run and no decision.'
			: `${capitalise(countOf(runs.length, 'run'))} in ${countOf(groups.length, 'experiment')}; ${describeDecisions(made.length, proposed.length)}.`;
	const data = {
		month,
		title: formatMonth(month),
		authors,
		summary,
		experiments: experimentSlugs,
		lessons,
		exchanges: [],
		rejectedIdeas: [],
		tags: [],
		visibility: 'internal',
	};
	const lines: string[] = [
		renderFrontmatter(data),
		"{/* Drafted by `npm run new` from the month's digest and the archive. The components below read the archive when the site is built, so their values stay true; rewrite the prose freely, nothing is regenerated. */}",
		'',
		'## Who took part',
		'',
		people.length > 0
			? `${[...new Set(people)]
					.sort()
					.map((id) => `@${id}`)
					.join(', ')}.`
			: 'Nobody is recorded as taking part this month: no run names its owner and no decision was made.',
		'',
		'## What happened',
		'',
	];
	if (runs.length === 0) lines.push(`No runs were recorded for ${formatMonth(month)}.`);
	for (const { experiment, runs: group } of groups) {
		const counts = Object.entries(countByStatus(group))
			.map(([status, count]) => `${count} ${status}`)
			.join(', ');
		lines.push(`- ${nameOf(experiment, slugOf)}: ${countOf(group.length, 'run')} (${counts}).`);
	}
	lines.push(...drawResults(groups, input.digests, month, slugOf, input.experiments));
	lines.push(...drawCharts(groups, input.experiments, slugOf));
	const failed = runs.filter((run) => run.status === 'failed' || run.status === 'crashed' || run.status === 'killed');
	if (failed.length > 0) {
		lines.push('', '### Runs that did not finish', '');
		for (const run of failed) lines.push(`- \`${run.name ?? run.nativeId}\` (${nameOf(run.experiment, slugOf)}): ${run.status}.`);
	}
	lines.push('', '## Decisions', '');
	if (decisions.length === 0) lines.push('No decision was recorded this month.');
	if (made.length > 0) lines.push(`Made (${made.length}):`, '', ...made.map((decision) => `- <DecisionRef id="${decision.id}" />`), '');
	if (proposed.length > 0) lines.push(`Proposed (${proposed.length}):`, '', ...proposed.map((decision) => `- <DecisionRef id="${decision.id}" />`), '');
	if (breaks.length > 0) {
		lines.push('### Comparability breaks', '', 'Results before and after these decisions cannot be compared directly; the charts mark their dates.', '');
		lines.push(...breaks.map((decision) => `- <DecisionRef id="${decision.id}" /> (${decision.date})`), '');
	}
	if (lessons.length > 0) {
		lines.push(
			'',
			'## Lessons from the run notes',
			'',
			`${capitalise(countOf(lessons.length, 'lesson'))} from the run notes ${lessons.length === 1 ? 'is' : 'are'} in \`lessons\` above, ${lessons.length === 1 ? 'with the run' : 'each with the run'} it came from. Keep, reword or delete ${lessons.length === 1 ? 'it' : 'them'}:`,
			''
		);
		lines.push(...lessons.map((lesson) => `- <Lesson id="${lesson.id}" />`));
	}
	lines.push(
		'',
		'## What we learned',
		'',
		'{/* The lessons that matter beyond this month; record them in `lessons` for a stable link. */}',
		'',
		'## Next month',
		'',
		'{/* What the team will do next, and why. */}',
		''
	);
	return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

function describeDecisions(made: number, proposed: number): string {
	if (made === 0 && proposed === 0) return 'no decision recorded';
	const parts = [made > 0 ? `${countOf(made, 'decision')} made` : undefined, proposed > 0 ? `${countOf(proposed, 'decision')} proposed` : undefined];
	return parts.filter((part) => part !== undefined).join(' and ');
}

function nameOf(experiment: string | null, slugOf: (name: string | null) => string | undefined): string {
	const slug = slugOf(experiment);
	return slug ? `exp:${slug}` : `\`${experiment ?? 'no experiment'}\``;
}

/** Each run-note lesson as a ready `lessons` entry, with the run (and experiment) it came from. */
function draftLessons(digest: Digest | undefined, slugOf: (name: string | null) => string | undefined, used: ReadonlySet<string>): Lesson[] {
	const taken = new Set(used);
	return (digest?.lessons ?? []).map((lesson) => {
		// Cut at a word, so the id reads as the start of the lesson.
		const words = slugify(lesson.text.replace(/`/g, ''));
		const base = words.length <= 50 ? words : words.slice(0, words.lastIndexOf('-', 50));
		let id = base;
		for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
		taken.add(id);
		const slug = slugOf(lesson.experiment);
		const first = /^.*?[.!?](?=\s|$)/.exec(lesson.text)?.[0] ?? lesson.text;
		const source = lesson.runId ? `the notes of run \`${lesson.runId}\`` : `the notes of experiment \`${lesson.experiment ?? ''}\``;
		return {
			id,
			title: capitalise(first),
			detail: `${capitalise(lesson.text)} (From ${source}.)`,
			tags: [],
			related: [...(lesson.runId ? [`run:${lesson.runId}`] : []), ...(slug ? [`exp:${slug}`] : [])],
		};
	});
}

/**
 * The best run of each metric this month beside the experiment's previous month with runs, as live values:
 * the metrics the experiment declares, else every metric its runs log. A metric with no known direction
 * shows the latest run's value.
 */
function drawResults(
	groups: ReturnType<typeof groupRunsByExperiment>,
	digests: readonly Digest[],
	month: string,
	slugOf: (name: string | null) => string | undefined,
	experiments: RetroDraftInput['experiments']
): string[] {
	const rows: string[] = [];
	for (const { experiment, runs } of groups) {
		const before = [...digests]
			.filter((item) => item.month < month)
			.sort((a, b) => b.month.localeCompare(a.month))
			.map((item) => ({ month: item.month, runs: item.runs.filter((run) => !run.deleted && run.experiment === experiment) }))
			.find((item) => item.runs.length > 0);
		const declared = experiments.find(({ id }) => id === slugOf(experiment))?.data.metrics ?? [];
		const logged = listMetricKeys(runs);
		const metrics = declared.some(({ key }) => logged.includes(key)) ? declared.filter(({ key }) => logged.includes(key)).map(({ key }) => key) : logged;
		for (const metric of metrics) {
			const direction: Direction | null = declared.find(({ key }) => key === metric)?.direction ?? findDirection([...runs, ...(before?.runs ?? [])], metric);
			const best = pickBest(runs, metric, direction);
			if (!best) continue;
			const earlier = before ? pickBest(before.runs, metric, direction) : undefined;
			const show = (run: Run) => `<MetricValue run="${run.id}" metric="${metric}" /> (\`${(run.name ?? run.nativeId).replace(/[`|]/g, '')}\`)`;
			const change = earlier ? `${show(earlier)} in ${before!.month}` : 'no earlier run logged it';
			const label = direction ? `${direction === 'min' ? 'lower' : 'higher'} is better` : 'latest run; no direction known';
			rows.push(`| ${nameOf(experiment, slugOf)} | \`${metric}\` (${label}) | ${show(best)} | ${change} |`);
		}
	}
	if (rows.length === 0) return [];
	return [
		'',
		'### Best results, and the change since the previous month',
		'',
		'| experiment | metric | best this month | best in the previous month with runs |',
		'| --- | --- | --- | --- |',
		...rows,
	];
}

// By direction on final values, as the month pages rank runs; without one, the latest run that logged it.
function pickBest(runs: readonly Run[], metric: string, direction: Direction | null): Run | undefined {
	if (direction) return rankRuns(runs, metric, direction, 1)[0]?.run;
	return runs.filter((run) => Number.isFinite(run.metrics[metric]?.final)).at(-1);
}

/** A trend chart of each active experiment's headline metric: the first it declares, else the first its runs log. */
function drawCharts(
	groups: ReturnType<typeof groupRunsByExperiment>,
	experiments: RetroDraftInput['experiments'],
	slugOf: (name: string | null) => string | undefined
): string[] {
	const charts: string[] = [];
	const seen = new Set<string>();
	for (const { experiment, runs } of groups) {
		const slug = slugOf(experiment);
		if (!slug || seen.has(slug)) continue;
		seen.add(slug);
		const declared = experiments.find(({ id }) => id === slug)?.data.metrics.map(({ key }) => key) ?? [];
		const logged = listMetricKeys(runs);
		const metric = declared.find((key) => logged.includes(key)) ?? logged[0];
		if (metric) charts.push(`<MetricChart experiment="${slug}" metric="${metric}" />`, '');
	}
	return charts.length > 0 ? ['', '### Charts', '', ...charts] : [];
}

function renderFrontmatter(data: Record<string, unknown>): string {
	const yaml = stringify(data, { lineWidth: 0 }).replace(/^month: (\d{4}-\d{2})$/m, "month: '$1'");
	return `---\n${yaml}---\n`;
}
