import type { Visibility } from '../schemas/index.ts';

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

/** The collections an edition is cut from. */
export interface EditionSource {
	people: WithVisibility[];
	decisions: WithVisibility[];
	experiments: WithVisibility[];
	retros: WithVisibility[];
	runs: unknown[];
}

/**
 * The part of the archive an audience may see. Run digests are internal data: a public edition has
 * none, so numbers never leave the organisation by accident.
 */
export function selectForAudience<T extends EditionSource>(archive: T, audience: Audience): T {
	const visible = (items: WithVisibility[]) => items.filter((item) => canSee(audience, item.data.visibility));
	return {
		...archive,
		people: visible(archive.people),
		decisions: visible(archive.decisions),
		experiments: visible(archive.experiments),
		retros: visible(archive.retros),
		runs: audience === 'public' ? [] : archive.runs,
	} as T;
}
