import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived its last full collection, in percent.
 * By its own heuristics it grows up to fourfold, and a ten-year archive's build held about 1 GB of heap
 * for 0.27 GB of live data. At 60 the build of that archive peaked at 1.33–1.56 GB, median 1.44 GB
 * (process tree, with the allocator settings of `npm run build`), instead of 1.86–2.33 GB, for 1–2.5 s more
 * CPU in 35; 100 cost less but peaked higher, 30 and 40 no lower (BENCHMARKS.md, "Build", profiling notes).
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
