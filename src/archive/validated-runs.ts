import type { ReadDigest } from './read-digests.ts';

// The archive check and the pages run in one process: the check parses and validates every digest
// (before a build; in `npm run dev` while the server starts), so the pages take those runs instead of
// reading the digests again.
const KEY = Symbol.for('hindsight.validated-runs');

/** Digests the archive check validated, and when it began reading them (`Date.now()`). */
export interface ValidatedRuns {
	runs: ReadDigest[];
	readSince: number;
}

type Shared = { contentDir: string; runs: ValidatedRuns | Promise<ValidatedRuns | undefined> };

/** Keeps the digests the archive check validated (or will have: undefined if it finds problems) for the pages. */
export function shareValidatedRuns(contentDir: string, runs: ValidatedRuns | Promise<ValidatedRuns | undefined>): void {
	(globalThis as { [KEY]?: Shared })[KEY] = { contentDir, runs };
}

/** The digests validated for this archive folder in this process, once; undefined if there are none. */
export async function takeValidatedRuns(contentDir: string): Promise<ValidatedRuns | undefined> {
	const holder = globalThis as { [KEY]?: Shared };
	const shared = holder[KEY];
	delete holder[KEY];
	return shared?.contentDir === contentDir ? shared.runs : undefined;
}
