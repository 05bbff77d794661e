import type { Dirent } from 'node:fs';
import type { RunSource } from '../schemas/digest.ts';
import type { RunRecord } from '../schemas/run-record.ts';

/** A run that could not be read: where, and why (the reason names the file and what was wrong). */
export interface BadRun {
	path: string;
	reason: string;
}

/**
 * Thrown by an adapter for a run (or store) that cannot be used; the message is shown to the user as
 * it is, so it names the file, the field or line, what was expected and what was found.
 */
export class BadRunError extends Error {}

/** A message for an error met while listing or reading, naming the file. */
export function describeReadError(error: unknown, fallbackPath: string): string {
	if (error instanceof BadRunError) return error.message;
	const e = error as NodeJS.ErrnoException;
	if (e.code === 'ELOOP') return `${e.path ?? fallbackPath}: symbolic link loop (ELOOP)`;
	if (e.code) return `${e.path ?? fallbackPath}: cannot read (${e.code}: ${e.message})`;
	return `${fallbackPath}: ${String(e?.message ?? error)}`;
}

/** What the previous ingest remembered of a unit, handed back to the adapter's listing. */
export interface PreviousListing {
	/** The fingerprint it had. */
	fingerprint: string;
	/** What the adapter asked to keep (`RunUnit.hint`). */
	hint: unknown;
	/** The run had ended (finished, failed, killed) when it was read, and `--full-check` was not given. */
	ended: boolean;
}

/** One run in a store, as listed: enough to tell whether it changed and to read it later. */
export interface RunUnit {
	/** Stable cache key: the store kind, its path and the run's place in it. */
	key: string;
	/** Where the run lives, for messages. */
	path: string;
	/** Equal fingerprints mean the run is unchanged and is not read again. */
	fingerprint: string;
	/** Optional plain data kept in the cache and handed back next time (`PreviousListing.hint`). */
	hint?: unknown;
}

/** An experiment's lessons, written on the experiment rather than a run; filed after its first run. */
export interface ExperimentLessons {
	/** The `experimentKey` its runs carry. */
	experimentKey: string;
	experiment: string | null;
	texts: string[];
}

/** A store as listed by its adapter. */
export interface StoreListing<Unit extends RunUnit = RunUnit> {
	units: Unit[];
	experimentLessons: ExperimentLessons[];
	/** Runs or experiments that could not even be listed. */
	bad: BadRun[];
	/** Store-level remarks (skipped folders, ignored files). */
	warnings: string[];
	/** Releases what the listing holds open (a database handle); called once every unit is read. */
	close?(): void;
}

/** How the pipeline asks an adapter to list a store. */
export interface ListContext {
	/** What the last ingest remembered of a unit key, if anything. */
	previous(key: string): PreviousListing | undefined;
}

/**
 * One kind of run store. Adding a kind is this one module, a line in `adapters/registry.ts`, its tests
 * and a row in the ingest README. Data flows one way: the store → `read` → a {@link RunRecord}.
 */
export interface StoreAdapter<Unit extends RunUnit = RunUnit> {
	/** The kind, as digests name it. */
	kind: RunSource;
	/**
	 * Whether `path` is a store of this kind. Discovery asks every adapter about every folder and file
	 * it meets (`entry` is what listing the parent folder said of it; absent for a path given on the
	 * command line, which may then be any file); a folder claimed as a store is not searched further.
	 * `named` is true for a path the user gave, which an adapter may accept on weaker evidence.
	 */
	detect(path: string, entry: Pick<Dirent, 'isDirectory' | 'isFile'>, named: boolean): Promise<boolean>;
	/** Folder names discovery never enters (a tool's own output folders), if any. */
	ignoredFolders?: readonly string[];
	/** Lists a detected store's runs, each with its fingerprint. */
	list(path: string, context: ListContext): Promise<StoreListing<Unit>>;
	/** Reads one listed run in full; throws {@link BadRunError} for a run that cannot be used. */
	read(unit: Unit, listing: StoreListing<Unit>): Promise<RunRecord>;
}
