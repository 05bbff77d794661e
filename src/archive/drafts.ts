import { stringify } from 'yaml';
import type { Decision, Digest, Experiment, Person } from '../schemas/index.ts';
import { formatMonth, monthOf } from '../model/months.ts';
import { countByStatus, findDirection, formatMetric, groupRunsByExperiment, listMetricKeys, rankRuns } from '../model/run-summary.ts';

/** Turns a title into a file-name slug: `Warm up the LR!` → `warm-up-the-lr`. */
export function slugify(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'untitled';
}

/** The next free decision id after the highest one used: `DR-0016` → `DR-0017`. */
export function nextDecisionId(used: Iterable<string>): string {
	let highest = 0;
	for (const id of used) highest = Math.max(highest, Number(id.slice(3)) || 0);
	return `DR-${String(highest + 1).padStart(4, '0')}`;
}

const frontmatter = (data: Record<string, unknown>, comments: Record<string, string> = {}) => {
	const yaml = stringify(data, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
	// Dates are quoted so every YAML parser reads them as text, never as timestamps.
	const quoted = yaml.replace(/^(\s*(?:-\s+|[\w]+:\s+))(\d{4}-\d{2}(?:-\d{2})?)$/gm, "$1'$2'");
	const annotated = quoted.replace(/^(\w+):(.*)$/gm, (line, key: string) => (comments[key] ? `${line} # ${comments[key]}` : line));
	return `---\n${annotated}---\n`;
};

/** What a new retro is pre-filled from: the month's digest and the archive's entries. */
export interface RetroDraftInput {
	month: string;
	digest: Digest | undefined;
	decisions: readonly Decision[];
	experiments: readonly { id: string; data: Experiment }[];
	people: readonly { id: string; data: Person }[];
	/** Authors to credit; when empty, everyone who ran a run or made a decision that month. */
	authors: readonly string[];
}

/** A retro for `month`, pre-filled from its digest (runs, failures, best metrics, run-note lessons) and decisions. */
export function draftRetro(input: RetroDraftInput): string {
	const { month, digest } = input;
	const runs = digest?.runs.filter((run) => !run.deleted) ?? [];
	const decisions = input.decisions.filter((decision) => monthOf(decision.date) === month);
	const personOfUser = new Map(input.people.flatMap(({ id, data }) => [id, ...data.aliases].map((name) => [name, id] as const)));
	const contributors = [
		...runs.map((run) => (run.user ? personOfUser.get(run.user) : undefined)),
		...decisions.flatMap((decision) => decision.deciders),
	].filter((id): id is string => id !== undefined);
	const authors = input.authors.length > 0 ? [...input.authors] : [...new Set(contributors)].sort();
	const groups = groupRunsByExperiment(runs);
	const failed = runs.filter((run) => run.status === 'failed' || run.status === 'crashed' || run.status === 'killed');
	const experimentSlugs = input.experiments
		.filter(({ data }) => groups.some(({ experiment }) => experiment !== null && data.runs.experiments.includes(experiment)))
		.map(({ id }) => id);
	const counts = Object.entries(countByStatus(runs)).map(([status, count]) => `${count} ${status}`).join(', ');
	const summary = runs.length > 0
		? `${runs.length} runs across ${groups.length} experiment${groups.length === 1 ? '' : 's'} (${counts}) and ${decisions.length} decision${decisions.length === 1 ? '' : 's'}.`
		: `${decisions.length} decision${decisions.length === 1 ? '' : 's'} and no recorded runs.`;
	const data = { month, title: formatMonth(month), authors, summary, experiments: experimentSlugs, lessons: [], exchanges: [], rejectedIdeas: [], tags: [], visibility: 'internal' };
	const lines: string[] = [
		frontmatter(data, { title: 'a headline for the month', summary: 'rewrite in your words', lessons: 'id, title, detail, tags, related', exchanges: 'with, topic, outcome, kind, date' }),
		'{/* Pre-filled from the month\'s runs and decisions by `npm run new`. Rewrite freely; nothing here is regenerated. */}',
		'',
		'## What happened',
		'',
	];
	if (groups.length === 0) lines.push('No runs were ingested for this month.', '');
	for (const { experiment, runs: group } of groups) {
		const groupCounts = Object.entries(countByStatus(group)).map(([status, count]) => `${count} ${status}`).join(', ');
		lines.push(`- \`${experiment ?? 'no experiment'}\`: ${group.length} run${group.length === 1 ? '' : 's'} (${groupCounts}).`);
	}
	const best = groups.flatMap(({ experiment, runs: group }) =>
		listMetricKeys(group).flatMap((metric) => {
			const direction = findDirection(group, metric);
			const top = direction ? rankRuns(group, metric, direction, 1)[0] : undefined;
			return top ? [`| \`${experiment ?? '—'}\` | \`${metric}\` | ${formatMetric(top.value)} | ${direction === 'min' ? 'lowest' : 'highest'} | ${top.run.name ?? top.run.nativeId} |`] : [];
		})
	);
	if (best.length > 0) lines.push('', '### Best runs', '', '| experiment | metric | best | direction | run |', '| --- | --- | --- | --- | --- |', ...best);
	if (failed.length > 0) {
		lines.push('', '### Runs that did not finish', '');
		for (const run of failed) lines.push(`- \`${run.name ?? run.nativeId}\` (\`${run.experiment ?? 'no experiment'}\`): ${run.status}${run.notes ? `. Note: ${run.notes.split('\n')[0]}` : ''}`);
	}
	lines.push('', '## Decisions', '');
	if (decisions.length === 0) lines.push('No decision was recorded this month.');
	for (const decision of decisions) lines.push(`- ${decision.id}: ${decision.title} (${decision.status})`);
	const runLessons = digest?.lessons ?? [];
	if (runLessons.length > 0) {
		lines.push('', '## Lessons from the run notes', '', 'These appear in the lesson archive already; promote the ones worth keeping to `lessons` above.', '');
		for (const lesson of runLessons) lines.push(`- ${lesson.text}${lesson.experiment ? ` (\`${lesson.experiment}\`)` : ''}`);
	}
	lines.push('', '## What we learned', '', '{/* The lessons that matter beyond this month; record them in `lessons` for a stable link. */}', '', '## Next month', '', '{/* What the team will do next, and why. */}', '');
	return lines.join('\n');
}

/** A new decision record, proposed, for the author to complete. */
export function draftDecision(input: { id: string; title: string; date: string; deciders: string[]; supersedes: string[] }): string {
	const data = {
		id: input.id,
		title: input.title,
		date: input.date,
		status: 'proposed',
		summary: input.title,
		supersedes: input.supersedes,
		deciders: input.deciders,
		consulted: [],
		impact: ['assumptions'],
		breaksComparability: false,
		affects: { code: [], config: [], metrics: [], experiments: [] },
		commits: [],
		tags: [],
		visibility: 'internal',
	};
	const comments = {
		summary: 'one or two sentences for listings and search',
		impact: 'any of assumptions, data, preprocessing, training, evaluation, outputs, infrastructure',
		breaksComparability: 'true if results before and after cannot be compared',
		status: 'proposed, accepted, rejected, deprecated or superseded',
	};
	const supersedes = input.supersedes.length > 0 ? `\nThis record supersedes ${input.supersedes.join(', ')}; mark ${input.supersedes.length === 1 ? 'it' : 'them'} \`status: superseded\` once this one is accepted.\n` : '';
	return `${frontmatter(data, comments)}
## Context

{/* What made a decision necessary: the observation, the problem, the numbers. */}
${supersedes}
## Decision

{/* What was decided, with the config keys, metric keys and file paths it touches in backticks. */}

## Consequences

{/* What changes for the team and for the results; what stops being comparable. */}

## Alternatives considered

{/* What else was on the table, and why it lost. */}
`;
}

/** A new experiment summary, planned, for the author to complete. */
export function draftExperiment(input: { slug: string; title: string; date: string; owners: string[] }): string {
	const data = {
		title: input.title,
		hypothesis: input.title,
		status: 'planned',
		summary: input.title,
		owners: input.owners,
		started: input.date,
		runs: { experiments: [input.slug], tags: {}, runIds: [] },
		metrics: [],
		decisions: [],
		lessons: [],
		tags: [],
		visibility: 'internal',
	};
	const comments = {
		hypothesis: 'restate as a claim the runs can confirm or reject',
		status: 'planned, running, concluded or abandoned; add outcome once concluded',
		metrics: 'key and direction (min or max) of each metric it is judged by',
	};
	return `${frontmatter(data, comments)}
## Setup

{/* Data, model, the config keys varied and the values tried. */}

## Results

{/* A table of the runs that matter; the run table below the text is generated from the digests. */}

## What we concluded

{/* The answer to the hypothesis, and what the team will do about it. */}
`;
}
