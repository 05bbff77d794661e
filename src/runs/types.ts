import type { RunInput, RunSource } from '../schemas/digest.ts';

/** A lesson line found while reading a run, before it gets its id. */
export interface FoundLesson {
	text: string;
	origin: 'run-note' | 'experiment-note' | 'manifest';
}

/** A run as an adapter read it; the pipeline settles its status and files it under a month. */
export interface RunDraft {
	/** The run in the digest's shape; `status` may still be `running` until staleness is judged. */
	run: RunInput;
	/** Epoch ms of the newest thing the run logged (start, metric timestamps, heartbeat); judges staleness. */
	lastActivityMs: number | null;
	/** Lessons from the run's own notes or manifest. */
	lessons: FoundLesson[];
	/** Groups runs of one experiment within one store, for experiment-level lessons. */
	experimentKey: string | null;
	/**
	 * The run's text in its digest (UTF-8), when the worker thread that read it wrote it
	 * (`renderOutcome`) after checking the run against the schema. `run`'s params, metrics, tags and
	 * notes are then empty (the text holds them), so the run must be written from this text, never from `run`.
	 */
	text?: Buffer | undefined;
}

/** A run that could not be read: where, and why. */
export interface BadRun {
	path: string;
	reason: string;
}

/** An experiment's note lessons, filed under the month of the experiment's first ingested run. */
export interface ExperimentLessons {
	experimentKey: string;
	experiment: string | null;
	texts: string[];
}

/** Lets a reader skip the costly part of a run whose start falls outside `--since`/`--until`. */
export type StartFilter = (startedAtMs: number | null) => boolean;

/**
 * The outcome of reading one run. `skipped` means the start filter rejected it. `listed` is the
 * fingerprint and hint of a run read by {@link RunUnit.unlistedJob}.
 */
export type ReadOutcome =
	| { kind: 'run'; draft: RunDraft; listed?: { fp: string; hint: unknown } | undefined }
	| { kind: 'bad'; bad: BadRun }
	| { kind: 'skipped' };

/** One run in a store, readable on demand. */
export interface RunUnit {
	/** Stable cache key: the store kind, its path and the run's place in it. */
	key: string;
	/** Where the run lives, for messages. */
	path: string;
	/**
	 * A cheap summary of the run's files (sizes and mtimes); equal fingerprints mean the run is
	 * unchanged and need not be read again. `finished`: the cache saw the run with a final status
	 * (finished, failed, killed), so the adapter may skip files that do not change after a run ends
	 * (`--full-check` never passes it).
	 */
	fingerprint(hint?: unknown, finished?: boolean): Promise<string>;
	/**
	 * Optional. After `fingerprint`, what to keep in the cache for the next ingest's `fingerprint(hint)`
	 * (JSON data) so it can do less work, e.g. skip listing folders that have not changed; the
	 * fingerprint must come out the same either way. `fingerprint(null)` asks for a hint without
	 * having one; `fingerprint()` (no cache) for none.
	 */
	hint?(): unknown;
	/** Reads the run in full. */
	read(filter: StartFilter): Promise<ReadOutcome>;
	/**
	 * Optional. After `fingerprint`, the read as plain data (structured-clonable) that a worker thread
	 * can carry out (`run-worker.ts`), with the same outcome as `read`. Units without it are read on
	 * the main thread.
	 */
	job?(): unknown;
	/**
	 * Optional. {@link job} without calling `fingerprint` first, for a run with nothing cached to
	 * compare against: the worker lists the run itself (in parallel, off the main thread) and the
	 * outcome carries the fingerprint and, with `record`, the hint (`ReadOutcome.listed`).
	 */
	unlistedJob?(record: boolean): unknown;
}

/** A store opened by its adapter: the runs it holds and what was found at store level. */
export interface OpenedStore {
	kind: RunSource;
	/** The store's path as given (absolute). */
	path: string;
	units: RunUnit[];
	experimentLessons: ExperimentLessons[];
	/** Runs or experiments that could not even be listed. */
	bad: BadRun[];
	/** Store-level remarks (skipped folders, ignored files). */
	warnings: string[];
	/** Releases what the store holds open (a database handle). */
	close(): void;
}

/** One adapter per kind of store, behind one interface. */
export interface StoreAdapter {
	kind: RunSource;
	/** Opens the store at `path` (already detected as this kind). */
	open(path: string): Promise<OpenedStore>;
}

/** A store found under one of the paths given to ingest. */
export interface FoundStore {
	kind: RunSource;
	path: string;
}
