import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIGEST_SCHEMA_VERSION, type RunStatus } from '../schemas/digest.ts';
import { writeFileAtomic } from './atomic-write.ts';

/** Bump when the way runs are read or summarised changes, so old cache entries are not trusted. */
export const CACHE_FORMAT = 4;

/** What the cache remembers of one run between ingests. */
export interface CachedUnit {
	/** The run's files' fingerprint (sizes and mtimes). */
	fp: string;
	runId: string;
	month: string;
	startedAt: string;
	experimentKey: string | null;
	/** Epoch ms at which a run still `running` becomes `crashed`; it must be re-judged then. */
	staleAt: number | null;
	/** The settled status, for the summary of an ingest that did not re-read the run. */
	status: RunStatus;
	deleted: boolean;
	/** How many warnings the run carried, so `--strict` still sees them. */
	warnings: number;
	/** What the adapter keeps to fingerprint the run cheaply next time (`RunUnit.hint`). */
	hint?: unknown;
}

/** What the cache remembers of one digest it wrote. */
export interface CachedMonth {
	/** Hash of everything the digest was built from. */
	signature: string;
	/** The file as written, to notice that someone else changed it since. */
	size: number;
	mtimeMs: number;
}

export interface IngestCache {
	/** The code version the cache was written by. */
	format: string;
	units: Record<string, CachedUnit>;
	months: Record<string, CachedMonth>;
}

// The code that reads and summarises runs is part of the key: after an upgrade nothing cached is trusted
const CODE_HASH = (() => {
	const hash = createHash('sha1').update(`${CACHE_FORMAT}:${DIGEST_SCHEMA_VERSION}`);
	const here = dirname(fileURLToPath(import.meta.url));
	const files = (readdirSync(here, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
	for (const f of files) hash.update(f).update(readFileSync(join(here, f)));
	hash.update(readFileSync(join(here, '..', 'schemas', 'digest.ts')));
	return hash.digest('hex').slice(0, 16);
})();

export function emptyCache(): IngestCache {
	return { format: CODE_HASH, units: {}, months: {} };
}

/** The cache file for one output folder: ingests into different folders keep separate caches. */
export function cachePathFor(cacheDir: string, outDir: string): string {
	return join(cacheDir, `ingest-${createHash('sha1').update(outDir).digest('hex').slice(0, 12)}.json`);
}

// The text each loaded cache was read from, so saving an unchanged cache writes nothing
const loadedText = new WeakMap<IngestCache, string>();

/** Loads the cache; a missing, unreadable or outdated cache is simply empty (everything is read). */
export async function loadCache(path: string): Promise<IngestCache> {
	try {
		// Read at once: nothing else waits on this thread yet, and a read through the thread pool cost more
		const text = readFileSync(path, 'utf8');
		const data = JSON.parse(text) as IngestCache;
		if (data.format !== emptyCache().format || typeof data.units !== 'object' || typeof data.months !== 'object') return emptyCache();
		loadedText.set(data, text);
		return data;
	} catch {
		return emptyCache();
	}
}

/** True when `cache` holds the very entries of `previous`, no more and no fewer. */
function sameEntries(cache: IngestCache, previous: IngestCache): boolean {
	for (const field of ['units', 'months'] as const) {
		const now: Record<string, unknown> = cache[field];
		const before: Record<string, unknown> = previous[field];
		let count = 0;
		for (const key in now) {
			if (now[key] !== before[key]) return false;
			count++;
		}
		if (count !== Object.keys(before).length) return false;
	}
	return true;
}

/** Writes the cache, unless it is exactly what `previous` (as loaded) was read from. */
export async function saveCache(path: string, cache: IngestCache, previous?: IngestCache): Promise<void> {
	// An ingest that changed nothing hands back the loaded entries themselves: no need to write them out to compare
	if (previous && loadedText.has(previous) && sameEntries(cache, previous)) return;
	// Months in order: they are noted as their digests' flushes end, in any order, and the same cache must give the same text
	const months = Object.fromEntries(Object.entries(cache.months).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
	const text = JSON.stringify({ ...cache, months });
	if (previous && loadedText.get(previous) === text) return;
	await mkdir(join(path, '..'), { recursive: true });
	// Not flushed to disk: a cache a power cut tore is read as empty (loadCache), one it rolled back
	// holds older fingerprints, which only make runs be read again
	await writeFileAtomic(path, text, { flush: false });
}
