import type { Digest } from '../schemas/index.ts';
import type { PackedSeries } from './packed-series.ts';

// The build's archive check and its pages run in one process: the check parses and validates every
// digest before Astro starts, so the pages take those runs, and their series packed, instead of
// reading the digests again.
const KEY = Symbol.for('hindsight.validated-runs');

/** What the archive check hands to the pages: the digests without series, and the series by month. */
export interface ValidatedRuns {
	runs: { id: string; data: Digest }[];
	series: Map<string, PackedSeries>;
}

type Shared = ValidatedRuns & { contentDir: string };

/** Keeps the digests the archive check validated for this build's pages. */
export function shareValidatedRuns(contentDir: string, validated: ValidatedRuns): void {
	(globalThis as { [KEY]?: Shared })[KEY] = { contentDir, ...validated };
}

/** The digests validated for this archive folder in this process, once; undefined if there are none. */
export function takeValidatedRuns(contentDir: string): ValidatedRuns | undefined {
	const holder = globalThis as { [KEY]?: Shared };
	const shared = holder[KEY];
	delete holder[KEY];
	return shared?.contentDir === contentDir ? { runs: shared.runs, series: shared.series } : undefined;
}
