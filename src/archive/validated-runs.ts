import type { Digest } from '../schemas/index.ts';

// The archive check and the pages run in one process: the check parses and validates every digest
// (before a build; in `npm run dev` while the server starts), so the pages take those runs instead of
// reading the digests again.
const KEY = Symbol.for('hindsight.validated-runs');

type Runs = { id: string; data: Digest }[];
type Shared = { contentDir: string; runs: Runs | Promise<Runs | undefined> };

/** Keeps the digests the archive check validated (or will have: undefined if it finds problems) for the pages. */
export function shareValidatedRuns(contentDir: string, runs: Runs | Promise<Runs | undefined>): void {
	(globalThis as { [KEY]?: Shared })[KEY] = { contentDir, runs };
}

/** The digests validated for this archive folder in this process, once; undefined if there are none. */
export async function takeValidatedRuns(contentDir: string): Promise<Runs | undefined> {
	const holder = globalThis as { [KEY]?: Shared };
	const shared = holder[KEY];
	delete holder[KEY];
	return shared?.contentDir === contentDir ? shared.runs : undefined;
}
