import type { Digest, RunSelector, Visibility } from '../schemas/index.ts';
import { createRunSelector } from './select-runs.ts';

/** Who a build is for, widest first; each audience also sees what wider ones see. */
export const AUDIENCES = ['public', 'internal', 'restricted'] as const;

export type Audience = (typeof AUDIENCES)[number];

/**
 * The audience of this build: `HINDSIGHT_AUDIENCE`, or `restricted` (the team's own edition, with
 * everything). An unknown value is an error, so a typo never publishes a restricted entry.
 */
export function resolveAudience(env: Record<string, string | undefined> = process.env): Audience {
	const value = env['HINDSIGHT_AUDIENCE']?.trim() || 'restricted';
	if ((AUDIENCES as readonly string[]).includes(value)) return value as Audience;
	throw new Error(`HINDSIGHT_AUDIENCE is "${value}"; expected one of ${AUDIENCES.join(', ')}.`);
}

/** Whether an entry with `visibility` belongs in an edition for `audience`. */
export function canSee(audience: Audience, visibility: Visibility): boolean {
	return AUDIENCES.indexOf(visibility) <= AUDIENCES.indexOf(audience);
}

type WithVisibility = { data: { visibility: Visibility } };
type DigestItem = { data: Digest };

/** The collections an edition is cut from. */
export interface EditionSource {
	people: WithVisibility[];
	decisions: WithVisibility[];
	experiments: { id: string; data: { visibility: Visibility; runs: RunSelector } }[];
	retros: WithVisibility[];
	runs: DigestItem[];
}

/**
 * The part of the archive an audience may see. Run digests are internal data: a public edition has
 * none, so numbers never leave the organisation by accident. In an edition with runs, the runs of an
 * experiment it may not see are left out with their lessons, so that they reach no page, chart, search
 * record or feed.
 */
export function selectForAudience<T extends EditionSource>(archive: T, audience: Audience): T {
	const visible = <I extends WithVisibility>(items: I[]) => items.filter((item) => canSee(audience, item.data.visibility));
	const hidden = archive.experiments.filter((item) => !canSee(audience, item.data.visibility));
	return {
		...archive,
		people: visible(archive.people),
		decisions: visible(archive.decisions),
		experiments: visible(archive.experiments),
		retros: visible(archive.retros),
		runs: audience === 'public' ? [] : withholdRuns(archive.runs, hidden),
	} as T;
}

/**
 * The digests without the runs that any of `experiments` selects, nor the lessons of those runs or of
 * the experiments' source names; a run an experiment selects carries its audience.
 */
export function withholdRuns<D extends DigestItem>(digests: D[], experiments: readonly { id: string; data: { runs: RunSelector } }[]): D[] {
	if (experiments.length === 0) return digests;
	const selectRuns = createRunSelector(digests.flatMap((digest) => digest.data.runs));
	const withheld = new Set(experiments.flatMap((item) => selectRuns(item.data.runs).map((run) => run.id)));
	const names = new Set(experiments.flatMap((item) => [item.id, ...item.data.runs.experiments]));
	return digests.map((digest) => ({
		...digest,
		data: {
			...digest.data,
			runs: digest.data.runs.filter((run) => !withheld.has(run.id) && !(run.experiment !== null && names.has(run.experiment))),
			lessons: digest.data.lessons.filter(
				(lesson) => !(lesson.runId !== null && withheld.has(lesson.runId)) && !(lesson.experiment !== null && names.has(lesson.experiment))
			),
		},
	}));
}
