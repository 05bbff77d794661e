import { stringify } from 'yaml';
import { findDirection, listMetricKeys } from '../model/run-summary.ts';
import type { Decision, Run } from '../schemas/index.ts';

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

/** What a new decision is pre-filled from, besides its title and author. */
export interface DecisionDraftInput {
	id: string;
	title: string;
	date: string;
	deciders: string[];
	supersedes: string[];
	/** The records it supersedes: what they touched is where the new one starts. */
	predecessors?: readonly Decision[];
	/** Experiments running now, offered in a comment as the ones it may affect. */
	running?: readonly string[];
}

const union = <T>(lists: readonly (readonly T[])[]): T[] => [...new Set(lists.flat())];

/** A new decision record, proposed, for the author to complete; it starts from what the records it supersedes touched. */
export function draftDecision(input: DecisionDraftInput): string {
	const predecessors = input.predecessors ?? [];
	const data = {
		id: input.id,
		title: input.title,
		date: input.date,
		status: 'proposed',
		summary: input.title,
		supersedes: input.supersedes,
		deciders: input.deciders,
		consulted: [],
		impact: predecessors.length > 0 ? union(predecessors.map(({ impact }) => impact)) : ['assumptions'],
		breaksComparability: false,
		affects: {
			code: union(predecessors.map(({ affects }) => affects.code)),
			config: union(predecessors.map(({ affects }) => affects.config)),
			metrics: union(predecessors.map(({ affects }) => affects.metrics)),
			experiments: union(predecessors.map(({ affects }) => affects.experiments)),
		},
		commits: [],
		tags: union(predecessors.map(({ tags }) => tags)),
		visibility: 'internal',
	};
	const running = (input.running ?? []).filter((slug) => !data.affects.experiments.includes(slug));
	const comments: Record<string, string> = {
		summary: 'one or two sentences for listings and search',
		impact: 'any of assumptions, data, preprocessing, training, evaluation, outputs, infrastructure',
		breaksComparability: 'true if results before and after cannot be compared',
		status: 'proposed, accepted, rejected, deprecated or superseded',
	};
	if (predecessors.length > 0) comments['affects'] = `from ${predecessors.map(({ id }) => id).join(', ')}; keep what this record still touches`;
	if (running.length > 0) comments['affects'] = `${comments['affects'] ? `${comments['affects']}. ` : ''}experiments running now: ${running.join(', ')}`;
	const supersedes =
		input.supersedes.length > 0
			? `\nThis record supersedes ${input.supersedes.join(', ')}; mark ${input.supersedes.length === 1 ? 'it' : 'them'} \`status: superseded\` once this one is accepted.\n`
			: '';
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

/** What a new experiment is pre-filled from, besides its title and author. */
export interface ExperimentDraftInput {
	slug: string;
	title: string;
	date: string;
	owners: string[];
	/** Runs already logged under the experiment's name: their metrics, owners and first day. */
	runs?: readonly Run[];
	/** Person ids by the names runs use (`mlflow.user`, aliases), in lower case. */
	personOfUser?: ReadonlyMap<string, string>;
	/** Decisions that name the experiment in `affects.experiments`. */
	decisions?: readonly string[];
}

/** A new experiment summary for the author to complete: planned, or running when runs under its name exist. */
export function draftExperiment(input: ExperimentDraftInput): string {
	const runs = input.runs ?? [];
	const runOwners = runs.map((run) => (run.user ? input.personOfUser?.get(run.user.toLowerCase()) : undefined)).filter((id): id is string => id !== undefined);
	const metrics = listMetricKeys(runs).flatMap((key) => {
		const direction = findDirection(runs, key);
		return direction ? [{ key, direction }] : [];
	});
	const firstDay = runs
		.map((run) => run.startedAt?.slice(0, 10))
		.filter((day): day is string => day !== undefined)
		.sort()[0];
	const data = {
		title: input.title,
		hypothesis: input.title,
		status: runs.length > 0 ? 'running' : 'planned',
		summary: input.title,
		owners: union([input.owners, runOwners]),
		started: firstDay ?? input.date,
		runs: { experiments: [input.slug], tags: {}, runIds: [] },
		metrics,
		decisions: [...(input.decisions ?? [])],
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
