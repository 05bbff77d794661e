// Speed-and-memory module: it exists only to keep the build within its memory target (peak ≤ 1.5 GB on the
// ten-year benchmark archive). With it that build peaked at 1.21–1.26 GB; without it, 1.86–2.33 GB, for
// 1–2.5 s less CPU in about 35. Nothing else depends on it: removing its two calls in hindsight.ts gives the
// same site.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far V8 lets the old generation grow past what survived its last full collection, in percent.
 * By its own heuristics it grows up to fourfold, and a ten-year archive's build held about 1 GB of heap
 * for 0.27 GB of live data. At 60 the build of that archive peaked at 1.33–1.56 GB, median 1.44 GB
 * (process tree, with the allocator settings of `npm run build`; before {@link releaseBuildMemory}), instead
 * of 1.86–2.33 GB, for 1–2.5 s more CPU in 35; 100 cost less but peaked higher, 30 and 40 no lower.
 */
const HEAP_GROWING_PERCENT = 60;

/**
 * Makes this process's heap grow less eagerly, for a build. It is a share of the live data rather than a
 * fixed cap, so a larger archive gets a larger heap instead of running out. Set at run time because
 * `astro build` starts Node itself: V8 reads the value each time it sets its next limit. A later V8
 * without the flag prints "unrecognized flag" and carries on, so the build only loses the saving.
 */
export function limitHeapGrowth(): void {
	setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** V8's collection function, made available by `--expose-gc`; `last-resort` also compacts and hands freed pages back. */
type CollectGarbage = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * Hands the memory the build no longer needs back to the system, before the search index is made. Pagefind's
 * process (about 0.3 GB) runs while this one still holds what rendering left: 1.03–1.18 GB at the end of the
 * benchmark archive's build, 0.66–0.73 GB after this, which took 0.44–0.50 s (0.8–0.9 s CPU). That moved the
 * build's peak from the search step (1.34–1.56 GB) back to rendering (1.21–1.26 GB). A plain major collection
 * freed only 15–46 MB: V8 keeps the pages it frees.
 */
export function releaseBuildMemory(): void {
	setFlagsFromString('--expose-gc');
	let collect: CollectGarbage;
	try {
		// A new context's global has `gc` once the flag is set; this one's does not
		collect = runInNewContext('gc') as CollectGarbage;
	} catch {
		return;
	}
	collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
