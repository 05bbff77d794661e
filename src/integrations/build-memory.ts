import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * Collects all garbage and hands V8's pooled free pages back to the system, returning the process's
 * resident memory before and after. V8 keeps the pages a collection frees for reuse: after rendering a
 * ten-year archive the build process held ~0.9 GB of heap pages for ~0.3 GB of live objects, and
 * Pagefind's process, which starts right after, made the build's peak on top of that. Only V8's "last
 * resort" collection empties the pool (a plain `gc()` does not); it takes ~1 s of one core here. `gc` is
 * taken from a fresh context with `--expose-gc` turned on just for it. This caps nothing and changes no
 * limit: a larger archive's build only gets the same collection at the same point.
 */
export function releaseFreedMemory(): { before: number; after: number } {
	const before = process.memoryUsage.rss();
	setFlagsFromString('--expose-gc');
	try {
		const gc = runInNewContext('typeof gc === "function" ? gc : undefined') as Gc | undefined;
		// A Node whose V8 no longer offers this only keeps its memory a little longer; the build goes on.
		gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
	} finally {
		setFlagsFromString('--no-expose-gc');
	}
	return { before, after: process.memoryUsage.rss() };
}
