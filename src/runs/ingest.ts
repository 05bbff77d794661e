import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type RunInput, type RunLesson, type RunStatus } from '../schemas/digest.ts';
import { manifestAdapter } from './adapters/manifest.ts';
import { mlflowFsAdapter } from './adapters/mlflow-fs.ts';
import { mlflowSqliteAdapter } from './adapters/mlflow-sqlite.ts';
import { removeStaleTempFiles, startAtomicWrite } from './atomic-write.ts';
import { buildDigest, checkDigest, checkRun, type MonthRun } from './build-digest.ts';
import { cachePathFor, emptyCache, loadCache, saveCache, type CachedUnit, type IngestCache } from './cache.ts';
import { findStores } from './discover.ts';
import { equalsChunks, formatDigestPieces } from './format-json.ts';
import { makeLessonId } from './lessons.ts';
import { acquireLock } from './lock.ts';
import { mapLimit } from './pool.ts';
import { classifyExistingDigest } from './existing-digest.ts';
import { settleStatus } from './settle-status.ts';
import { poolSize, ReadPool } from './worker-pool.ts';
import type { BadRun, OpenedStore, RunDraft, RunUnit, StoreAdapter } from './types.ts';

const ADAPTERS: Record<string, StoreAdapter> = {
	manifest: manifestAdapter,
	'mlflow-fs': mlflowFsAdapter,
	'mlflow-sqlite': mlflowSqliteAdapter,
};

/** Everything an ingest needs to know; the CLI fills it from flags. */
export interface IngestOptions {
	paths: string[];
	/** Absolute folder the digests go to (`content/runs`). */
	outDir: string;
	/** Absolute cache folder; null reads every run. The lock lives here too. */
	cacheDir: string | null;
	/**
	 * Check every file of every run against the cache, also of runs that finished long ago (whose
	 * metric and param files are otherwise not looked at one by one; see `recheckFinishedRun`).
	 */
	fullCheck?: boolean;
	/** Folder for the lock file (defaults to the cache folder). */
	lockDir: string;
	/** How long to wait for another ingest's lock, in ms (0: refuse at once). */
	lockWaitMs: number;
	since: string | null;
	until: string | null;
	dryRun: boolean;
	strict: boolean;
	/** Rewrite a month even if its digest holds runs of stores this ingest did not read. */
	replace: boolean;
	/** "Now", epoch ms, to judge RUNNING runs stale; fixed in tests. */
	nowMs: number;
	/** A RUNNING run with nothing logged for this long is reported as crashed. */
	staleAfterMs: number;
	/**
	 * Worker threads that read runs, at most one per core (`os.availableParallelism()`); 1 reads on the
	 * main thread. Inputs of fewer than {@link WORKER_MIN_RUNS} runs are always read on the main thread.
	 */
	concurrency: number;
	/** Folder that store paths in digests are relative to. */
	cwd: string;
	onProgress?: (done: number, total: number) => void;
}

/** What happened to one month. */
export interface MonthResult {
	month: string;
	action: 'written' | 'unchanged' | 'would-write' | 'refused' | 'not-written';
	runs: number;
	byStatus: Partial<Record<RunStatus, number>>;
	deleted: number;
	path: string;
}

/** The outcome of an ingest, for the summary and for tests. */
export interface IngestReport {
	stores: { kind: string; path: string; runs: number }[];
	months: MonthResult[];
	bad: BadRun[];
	warnings: { where: string; text: string }[];
	/** Problems that make the ingest fail (refused months, --strict). */
	errors: string[];
	runsRead: number;
	runsReused: number;
	runsOutOfRange: number;
	/** Warnings carried by runs not re-read this time (already reported when they were read). */
	cachedWarnings: number;
}

interface Entry {
	unit: RunUnit;
	store: OpenedStore;
	order: number;
	fp: string;
	/** What the adapter asked to keep for the next fingerprint. */
	hint: unknown;
	/** Present when the run was read this time. */
	draft?: RunDraft | undefined;
	staleAt: number | null;
	cached?: CachedUnit | undefined;
}

/** Statuses a run ends in; a run still running (or crashed) has every file checked each time. */
const FINAL_STATUSES = new Set<RunStatus>(['finished', 'failed', 'killed']);

/** Below this many runs, starting worker threads costs more than it saves. */
export const WORKER_MIN_RUNS = 200;
/** Reads in flight per worker, so a worker always has the next run queued. */
const IN_FLIGHT_PER_WORKER = 16;

function monthOfMs(ms: number): string {
	return new Date(ms).toISOString().slice(0, 7);
}

function toPosix(path: string): string {
	return path.split(sep).join('/');
}

function runLessons(draft: RunDraft): RunLesson[] {
	const { run } = draft;
	return draft.lessons.map((lesson) => ({
		id: makeLessonId(run.id, lesson.origin, lesson.text),
		text: lesson.text,
		runId: run.id,
		experiment: run.experiment,
		origin: lesson.origin,
	}));
}

/** Reads the stores under `options.paths` and writes one digest per month. */
export async function ingest(options: IngestOptions): Promise<IngestReport> {
	await mkdir(options.lockDir, { recursive: true });
	const lockName = `ingest-${createHash('sha1').update(options.outDir).digest('hex').slice(0, 12)}.lock`;
	const release = await acquireLock(join(options.lockDir, lockName), options.lockWaitMs, toPosix(relative(options.cwd, options.outDir)) || '.');
	const pools: { pool: ReadPool | null } = { pool: null };
	try {
		return await ingestLocked(options, pools);
	} finally {
		await pools.pool?.close();
		await release();
	}
}

async function ingestLocked(options: IngestOptions, pools: { pool: ReadPool | null }): Promise<IngestReport> {
	const rel = (path: string) => toPosix(relative(options.cwd, path)) || '.';
	const report: IngestReport = {
		stores: [],
		months: [],
		bad: [],
		warnings: [],
		errors: [],
		runsRead: 0,
		runsReused: 0,
		runsOutOfRange: 0,
		cachedWarnings: 0,
	};
	const inRange = (month: string) => (!options.since || month >= options.since) && (!options.until || month <= options.until);

	const found = await findStores(options.paths);
	report.bad.push(...found.bad);
	for (const text of found.warnings) report.warnings.push({ where: 'search', text });
	const opened: OpenedStore[] = [];
	for (const store of found.stores) {
		try {
			const s = await ADAPTERS[store.kind]!.open(store.path);
			opened.push(s);
			report.bad.push(...s.bad);
			for (const text of s.warnings) report.warnings.push({ where: rel(store.path), text });
		} catch (error) {
			report.bad.push({ path: store.path, reason: `${store.path}: cannot open as ${store.kind} (${(error as Error).message})` });
		}
	}

	const cachePath = options.cacheDir ? cachePathFor(options.cacheDir, options.outDir) : null;
	const cache: IngestCache = cachePath ? await loadCache(cachePath) : emptyCache();
	const nextCache: IngestCache = emptyCache();
	const units = opened.flatMap((store) => store.units.map((unit) => ({ unit, store })));
	let done = 0;
	options.onProgress?.(0, units.length);
	const filter = (ms: number | null) => ms === null || inRange(monthOfMs(ms));

	// Runs are read in worker threads when there are enough of them (the pool starts at the first read)
	const threads = poolSize(options.concurrency);
	let useWorkers = threads > 1 && units.length >= WORKER_MIN_RUNS;
	// Workers settle a stale run themselves, so the text they write carries its final status
	const staleRule = { nowMs: options.nowMs, staleAfterMs: options.staleAfterMs };
	// Runs read this time that passed the digest schema's check (`checkRun`), so writing a month checks only the rest
	const checkedRuns = new WeakSet<RunInput>();
	const readUnit = async (entry: Entry, unlisted?: unknown): Promise<boolean> => {
		const job = unlisted ?? (useWorkers ? entry.unit.job?.() : undefined);
		const outcome = job !== undefined ? await (pools.pool ??= new ReadPool(threads)).read(job, options.since, options.until, staleRule) : await entry.unit.read(filter);
		if (outcome.kind === 'bad') {
			report.bad.push(outcome.bad);
			return false;
		}
		if (outcome.kind === 'skipped') {
			report.runsOutOfRange++;
			return false;
		}
		if (!outcome.draft.run.startedAt) {
			report.bad.push({ path: entry.unit.path, reason: `${entry.unit.path}: no start time, so no month to file it under` });
			return false;
		}
		entry.draft = outcome.draft;
		entry.staleAt = settleStatus(outcome.draft, options);
		// Checked as it arrives, while the main thread mostly waits on the readers, rather than after the
		// last read; a run a worker wrote out passed the same check there
		if (outcome.draft.text !== undefined || checkRun(outcome.draft.run) === null) checkedRuns.add(outcome.draft.run);
		if (outcome.listed) {
			entry.fp = outcome.listed.fp;
			entry.hint = outcome.listed.hint;
		}
		entry.cached = undefined;
		report.runsRead++;
		return true;
	};

	const entries = (
		await mapLimit(units, useWorkers ? threads * IN_FLIGHT_PER_WORKER : options.concurrency, async ({ unit, store }, order): Promise<Entry | null> => {
			try {
				const cached = cache.units[unit.key];
				if (cached === undefined && useWorkers && unit.unlistedJob) {
					// Nothing to compare with: the worker lists the run, fingerprints it and reads it in one go
					const entry: Entry = { unit, store, order, fp: '', hint: undefined, staleAt: null };
					return (await readUnit(entry, unit.unlistedJob(cachePath !== null))) ? entry : null;
				}
				// With a cache, hand the adapter what it kept last time (null: nothing yet, but keep something)
				const finished = !options.fullCheck && cached !== undefined && FINAL_STATUSES.has(cached.status);
				const fp = await unit.fingerprint(cachePath ? (cached?.hint ?? null) : undefined, finished);
				const entry: Entry = { unit, store, order, fp, hint: unit.hint?.() ?? undefined, staleAt: null };
				if (cached && cached.fp === fp && (cached.staleAt === null || options.nowMs < cached.staleAt)) {
					if (entry.hint !== cached.hint) entry.cached = { ...cached, hint: entry.hint };
					if (!inRange(cached.month)) {
						// Outside --since/--until: remember it for the next full ingest, touch nothing
						nextCache.units[unit.key] = entry.cached ?? cached;
						report.runsOutOfRange++;
						return null;
					}
					entry.cached ??= cached;
					entry.staleAt = cached.staleAt;
					return entry;
				}
				return (await readUnit(entry)) ? entry : null;
			} catch (error) {
				const e = error as NodeJS.ErrnoException;
				report.bad.push({ path: unit.path, reason: e.code ? `${e.path ?? unit.path}: cannot read (${e.code}: ${e.message})` : e.message });
				return null;
			} finally {
				options.onProgress?.(++done, units.length);
			}
		})
	).filter((e): e is Entry => e !== null);
	// The few reads left (runs cached but missing from their digest) are done here; free the workers' memory
	useWorkers = false;
	await pools.pool?.close();
	pools.pool = null;

	// One run reachable through two stores (an mlruns and its migrated mlflow.db): keep the first
	const byRunId = new Map<string, Entry>();
	const months = new Map<string, Entry[]>();
	for (const entry of entries) {
		const runId = entry.draft?.run.id ?? entry.cached!.runId;
		const first = byRunId.get(runId);
		if (first) {
			report.warnings.push({ where: entry.unit.path, text: `run ${runId} was already read from ${first.unit.path}; this copy is ignored` });
			continue;
		}
		byRunId.set(runId, entry);
		const month = entry.draft ? entry.draft.run.startedAt!.slice(0, 7) : entry.cached!.month;
		if (!inRange(month)) {
			report.runsOutOfRange++;
			continue;
		}
		if (!months.has(month)) months.set(month, []);
		months.get(month)!.push(entry);
	}

	const startedAtOf = (e: Entry) => e.draft?.run.startedAt ?? e.cached!.startedAt;
	const runIdOf = (e: Entry) => e.draft?.run.id ?? e.cached!.runId;
	const experimentKeyOf = (e: Entry) => (e.draft ? e.draft.experimentKey : e.cached!.experimentKey);
	// Experiment-note lessons go after the experiment's first run, in that run's month
	const firstOfExperiment = new Map<string, Entry>();
	for (const entry of [...byRunId.values()].sort((a, b) => (startedAtOf(a) < startedAtOf(b) ? -1 : startedAtOf(a) > startedAtOf(b) ? 1 : runIdOf(a) < runIdOf(b) ? -1 : 1))) {
		const key = experimentKeyOf(entry);
		if (key && !firstOfExperiment.has(key)) firstOfExperiment.set(key, entry);
	}
	const experimentLessonsAfter = new Map<string, RunLesson[]>();
	for (const store of opened) {
		for (const group of store.experimentLessons) {
			const first = firstOfExperiment.get(group.experimentKey);
			if (!first) {
				report.warnings.push({ where: rel(store.path), text: `experiment ${group.experiment ?? group.experimentKey} has lessons in its note but no runs; they were not filed` });
				continue;
			}
			const list = experimentLessonsAfter.get(runIdOf(first)) ?? [];
			for (const text of group.texts) {
				list.push({ id: makeLessonId(`experiment:${group.experiment ?? ''}`, 'experiment-note', text), text, runId: null, experiment: group.experiment, origin: 'experiment-note' });
			}
			experimentLessonsAfter.set(runIdOf(first), list);
		}
	}

	// Each store's path as digests write it, worked out once rather than per run
	const storeRel = new Map(opened.map((s) => [s, rel(s.path)]));
	const storePaths = new Set(storeRel.values());
	for (const entry of byRunId.values()) {
		if (entry.draft) for (const text of entry.draft.run.warnings) report.warnings.push({ where: rel(entry.unit.path), text });
	}
	for (const entry of byRunId.values()) {
		if (!entry.draft) report.cachedWarnings += entry.cached!.warnings;
	}
	const strictFailure = options.strict && (report.bad.length > 0 || report.warnings.length > 0 || report.cachedWarnings > 0);
	if (strictFailure) {
		report.errors.push(
			`--strict: ${report.bad.length} bad run(s) and ${report.warnings.length + report.cachedWarnings} warning(s); no digest was written`,
		);
	}

	await mkdir(options.outDir, { recursive: true });
	if (!options.dryRun) await removeStaleTempFiles(options.outDir);
	// Digests whose flush and rename are under way (`startAtomicWrite`): the next month is made meanwhile
	const flushing: Promise<void>[] = [];
	try {
		for (const month of [...months.keys()].sort()) {
			const list = months.get(month)!.sort((a, b) => a.order - b.order);
			try {
				await writeMonth(month, list);
			} finally {
				// A month's runs are not needed once it is written: let their summaries go
				for (const e of list) e.draft = undefined;
			}
		}
	} finally {
		// Every digest is in place (or its failure known) before the ingest reports or lets go of the lock
		await Promise.allSettled(flushing);
	}
	await Promise.all(flushing);
	async function writeMonth(month: string, list: Entry[]): Promise<void> {
		const path = join(options.outDir, `${month}.json`);
		const result: MonthResult = { month, action: 'unchanged', runs: list.length, byStatus: {}, deleted: 0, path: rel(path) };
		report.months.push(result);
		const signature = createHash('sha1')
			.update(JSON.stringify([list.map((e) => [e.unit.key, e.fp, runIdOf(e)]), list.map((e) => experimentLessonsAfter.get(runIdOf(e)) ?? []), list.map((e) => storeRel.get(e.store)!)]))
			.digest('base64url');
		// Synchronous, as every metadata call on the path of an unchanged re-ingest: a thread-pool round trip costs more than the call
		const info = statSync(path, { throwIfNoEntry: false });
		const existing = info ? { size: info.size, mtimeMs: info.mtimeMs } : null;
		const cachedMonth = cache.months[month];
		const fileAsWritten = existing !== null && cachedMonth !== undefined && existing.size === cachedMonth.size && existing.mtimeMs === cachedMonth.mtimeMs;
		if (fileAsWritten && cachedMonth.signature === signature && list.every((e) => !e.draft)) {
			for (const e of list) {
				nextCache.units[e.unit.key] = e.cached!;
				report.runsReused++;
				const status = e.cached!.status;
				result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
				if (e.cached!.deleted) result.deleted++;
			}
			nextCache.months[month] = cachedMonth;
			return;
		}
		let oldBytes: Buffer | null = null;
		let oldRuns = new Map<string, RunInput>();
		let oldLessons: RunLesson[] = [];
		if (existing) {
			oldBytes = await readFile(path);
			const verdict = classifyExistingDigest(oldBytes.toString('utf8'), month);
			if (verdict.kind === 'foreign') {
				result.action = 'refused';
				report.errors.push(`${rel(path)} was not written by ingest (${verdict.reason}); refusing to overwrite it. Move it out of ${rel(options.outDir)}/ and run ingest again.`);
				return;
			}
			const missing = verdict.sources.filter((p) => !storePaths.has(p));
			if (missing.length && !options.replace) {
				result.action = 'refused';
				report.errors.push(
					`${rel(path)} also holds runs from ${missing.join(', ')}, which this ingest did not read; pass those stores too, or --replace to drop their runs`,
				);
				return;
			}
			// Reuse unchanged runs only from a digest that is exactly as this cache wrote it
			if (fileAsWritten && verdict.kind === 'ours') {
				oldRuns = new Map(verdict.digest.runs.map((r) => [r.id, r]));
				oldLessons = verdict.digest.lessons;
			}
		}
		const monthRuns: MonthRun[] = [];
		for (const entry of list) {
			if (!entry.draft) {
				const old = oldRuns.get(entry.cached!.runId);
				if (old) {
					report.runsReused++;
					monthRuns.push({
						run: old,
						lessons: oldLessons.filter((l) => l.runId === old.id && l.origin !== 'experiment-note'),
						storePath: storeRel.get(entry.store)!,
						storeKind: entry.store.kind,
					});
					nextCache.units[entry.unit.key] = entry.cached!;
					continue;
				}
				if (!(await readUnit(entry))) continue;
			}
			const draft = entry.draft!;
			monthRuns.push({ run: draft.run, lessons: runLessons(draft), storePath: storeRel.get(entry.store)!, storeKind: entry.store.kind });
			nextCache.units[entry.unit.key] = {
				fp: entry.fp,
				runId: draft.run.id,
				month,
				startedAt: draft.run.startedAt!,
				experimentKey: draft.experimentKey,
				staleAt: entry.staleAt,
				status: draft.run.status,
				deleted: draft.run.deleted,
				warnings: draft.run.warnings.length,
				...(entry.hint !== undefined ? { hint: entry.hint } : {}),
			};
		}
		for (const { run } of monthRuns) {
			result.byStatus[run.status] = (result.byStatus[run.status] ?? 0) + 1;
			if (run.deleted) result.deleted++;
		}
		result.runs = monthRuns.length;
		const digest = buildDigest(month, monthRuns, experimentLessonsAfter);
		// Runs a worker wrote out already (`RunDraft.text`) go into the digest as they are
		const texts = new Map<RunInput, Buffer>();
		for (const entry of list) if (entry.draft?.text !== undefined) texts.set(entry.draft.run, entry.draft.text);
		const problem = checkDigest(digest, checkedRuns);
		if (problem) {
			result.action = 'not-written';
			report.errors.push(`${rel(path)}: the digest built does not match the digest schema at ${problem.path}: ${problem.message} (a bug in ingest)`);
			return;
		}
		// The text is made a run at a time and compared or written as it comes, never held whole
		// (a month that differs from its old digest is made twice: once to compare, once to write)
		if (oldBytes !== null && equalsChunks(oldBytes, formatDigestPieces(digest, texts))) {
			result.action = 'unchanged';
		} else if (options.dryRun) {
			result.action = 'would-write';
			return;
		} else if (strictFailure) {
			result.action = 'not-written';
			return;
		} else {
			const { done } = await startAtomicWrite(path, formatDigestPieces(digest, texts));
			result.action = 'written';
			const noted = done.then(() => noteWritten(month, path, signature));
			// Its failure is reported below, where every flush is awaited; not as an unhandled rejection meanwhile
			noted.catch(() => {});
			flushing.push(noted);
			return;
		}
		if (!options.dryRun) noteWritten(month, path, signature);
	}
	function noteWritten(month: string, path: string, signature: string): void {
		const written = statSync(path);
		nextCache.months[month] = { signature, size: written.size, mtimeMs: written.mtimeMs };
	}
	// Months outside --since/--until keep what the cache knew of them
	for (const [month, record] of Object.entries(cache.months)) if (!inRange(month)) nextCache.months[month] = record;
	for (const store of opened) store.close();
	report.stores = opened.map((s) => ({ kind: s.kind, path: rel(s.path), runs: s.units.length }));
	if (cachePath && !options.dryRun && !strictFailure) await saveCache(cachePath, nextCache, cache);
	report.bad.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	return report;
}
