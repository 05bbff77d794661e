import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunStatus } from '../schemas/digest.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { sortKeys } from './deterministic.ts';

/**
 * The cache's contract (`node_modules/.cache/hindsight/ingest-<out folder hash>.json`): per run unit,
 * the fingerprint it had and what its digest entry needs to be carried over unread; per month, what
 * its digest was built from and the file as written. A run whose fingerprint is unchanged is taken
 * from the month's digest as it stands; nothing else is ever read back from a digest.
 */
export interface CachedUnit {
	/** The unit's fingerprint when it was read. */
	fingerprint: string;
	/** What the adapter asked to keep (`RunUnit.hint`). */
	hint?: unknown;
	runId: string;
	month: string;
	startedAt: string;
	experimentKey: string | null;
	/** Epoch ms at which a run still `running` becomes `crashed`; it must be read again then. */
	staleAt: number | null;
	/** The settled status, for the summary of an ingest that did not read the run again. */
	status: RunStatus;
	deleted: boolean;
	/** How many warnings the run carried, so `--strict` still sees them. */
	warnings: number;
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
	/** The code that wrote it and the experiment rules it applied; a cache written otherwise is not trusted. */
	format: string;
	units: Record<string, CachedUnit>;
	months: Record<string, CachedMonth>;
}

let codeHash: string | undefined;

/**
 * The code that reads and summarises runs is part of the key: after an upgrade nothing cached is trusted.
 * Hashed once, when a cache is first made (not when the module loads: `--help` needs none of it).
 */
function hashIngestCode(): string {
	if (codeHash) return codeHash;
	const hash = createHash('sha1');
	const here = dirname(fileURLToPath(import.meta.url));
	const files = (readdirSync(here, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
	for (const f of files) hash.update(f).update(readFileSync(join(here, f)));
	for (const schema of ['digest.ts', 'run-record.ts']) hash.update(readFileSync(join(here, '..', 'schemas', schema)));
	codeHash = hash.digest('hex').slice(0, 16);
	return codeHash;
}

/**
 * An empty cache. `rulesHash` (`hashExperimentRules`) joins the code's hash in its format: a run's digest
 * entry depends on `hindsight.yaml`'s experiment rules as much as on its files.
 */
export function emptyCache(rulesHash = ''): IngestCache {
	return { format: rulesHash ? `${hashIngestCode()}+${rulesHash}` : hashIngestCode(), units: {}, months: {} };
}

/** The cache file for one output folder: ingests into different folders keep separate caches. */
export function cachePathFor(cacheDir: string, outDir: string): string {
	return join(cacheDir, `ingest-${createHash('sha1').update(outDir).digest('hex').slice(0, 12)}.json`);
}

/**
 * Loads the cache; a missing, unreadable or outdated cache, or one written under other experiment
 * rules, is simply empty (everything is read).
 */
export function loadCache(path: string, rulesHash = ''): { cache: IngestCache; text: string | null } {
	const empty = emptyCache(rulesHash);
	try {
		const text = readFileSync(path, 'utf8');
		const data = JSON.parse(text) as IngestCache;
		if (data.format !== empty.format || typeof data.units !== 'object' || typeof data.months !== 'object') return { cache: empty, text: null };
		return { cache: data, text };
	} catch {
		return { cache: empty, text: null };
	}
}

/** True when `next` holds the very entries of `loaded`, no more and no fewer (an ingest that changed nothing). */
function holdsSameEntries(next: IngestCache, loaded: IngestCache): boolean {
	for (const field of ['units', 'months'] as const) {
		const now: Record<string, unknown> = next[field];
		const before: Record<string, unknown> = loaded[field];
		if (Object.keys(now).length !== Object.keys(before).length) return false;
		for (const key in now) if (now[key] !== before[key]) return false;
	}
	return true;
}

/** Writes the cache, unless it is what was loaded: an ingest that changed nothing writes nothing. */
export async function saveCache(path: string, cache: IngestCache, loaded: { cache: IngestCache; text: string | null }): Promise<void> {
	if (loaded.text !== null && holdsSameEntries(cache, loaded.cache)) return;
	const text = JSON.stringify({ format: cache.format, units: sortKeys(cache.units), months: sortKeys(cache.months) });
	if (text === loaded.text) return;
	await mkdir(dirname(path), { recursive: true });
	// Not flushed to disk: a cache a power cut tore is read as empty, one it rolled back holds older
	// fingerprints; both only make runs be read again
	await writeFileAtomic(path, text, { flush: false });
}
