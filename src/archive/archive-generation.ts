import { relative, sep } from 'node:path';
import { COLLECTION_DIRS } from './content-dir.ts';
import { DIGEST_FILE } from './read-digests.ts';
import { RUN_INDEX_FILE } from './run-index.ts';

/**
 * How many times each input of the pages has changed since the server started. Pages cache what they
 * read from the archive against these counters, so a change is read once, on the next request, and an
 * unchanged archive is never read again. All stay zero in a build.
 * - `entries`: retros, decisions, experiments, people (Astro's content layer) and `hindsight.yaml`;
 * - `digests`: the run digests, `runs/*.json`, which the pages read themselves;
 * - `source`: the site's own code under `src/`, which the cached site model was built by.
 */
export interface ArchiveGeneration {
	entries: number;
	digests: number;
	source: number;
}

export type ArchivePart = keyof ArchiveGeneration;

// The Astro integration and the pages are separate module instances in one process, and Vite loads the
// pages' modules again after an edit: the counters live on the process so that all see the same ones.
const KEY = Symbol.for('hindsight.archive-generation');

function counters(): ArchiveGeneration {
	const holder = globalThis as { [KEY]?: ArchiveGeneration };
	holder[KEY] ??= { entries: 0, digests: 0, source: 0 };
	return holder[KEY];
}

/** The counters as they are now. */
export function readArchiveGeneration(): Readonly<ArchiveGeneration> {
	return { ...counters() };
}

/** Records that one input of the pages changed. */
export function noteArchiveChange(part: ArchivePart): void {
	counters()[part]++;
}

/** A key that changes whenever any input of the site model does. */
export function formatGenerationKey({ entries, digests, source }: Readonly<ArchiveGeneration>): string {
	return `${entries}.${digests}.${source}`;
}

/**
 * Which input a changed file is, among those the integration counts: the digests and the site options
 * in the archive folder, and the site's code. Entry files are left to the content layer, which says when
 * its store holds the change: a page that read them before that would cache the old entry.
 */
export function classifyChange(paths: { contentDir: string; sourceDir: string }, path: string): ArchivePart | undefined {
	const inArchive = within(paths.contentDir, path);
	if (inArchive) {
		if (inArchive.length === 1) return /^hindsight\.ya?ml$/.test(inArchive[0]!) ? 'entries' : undefined;
		const [folder, name = ''] = inArchive;
		if (inArchive.length === 2 && folder === COLLECTION_DIRS.runs && (DIGEST_FILE.test(name) || name === RUN_INDEX_FILE)) return 'digests';
		return undefined;
	}
	return within(paths.sourceDir, path) ? 'source' : undefined;
}

/** The parts of `path` below `dir`, or undefined when it is not below it. */
function within(dir: string, path: string): string[] | undefined {
	const inside = relative(dir, path);
	if (!inside || inside === '..' || inside.startsWith(`..${sep}`) || inside.startsWith(sep)) return undefined;
	return inside.split(sep);
}
