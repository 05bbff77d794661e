import type { Digest } from '../schemas/index.ts';

// The build's archive check and its pages run in one process: the check parses and validates every
// digest before Astro starts, so the pages take those runs instead of reading the digests again.
const KEY = Symbol.for('hindsight.validated-runs');

type Shared = { contentDir: string; runs: { id: string; data: Digest }[] };

/** Keeps the digests the archive check validated for this build's pages. */
export function shareValidatedRuns(contentDir: string, runs: { id: string; data: Digest }[]): void {
	(globalThis as { [KEY]?: Shared })[KEY] = { contentDir, runs };
}

/** The digests validated for this archive folder in this process, once; undefined if there are none. */
export function takeValidatedRuns(contentDir: string): { id: string; data: Digest }[] | undefined {
	const holder = globalThis as { [KEY]?: Shared };
	const shared = holder[KEY];
	delete holder[KEY];
	return shared?.contentDir === contentDir ? shared.runs : undefined;
}
