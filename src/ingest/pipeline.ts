// The ingest, end to end: find the stores, list their runs, read the changed ones through their
// adapter into the common run model, summarise each into its digest entry, and write one digest a month.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { RUN_INDEX_FILE, updateRunIndex } from '../archive/run-index.ts';
import type { RunInput, RunLesson, RunSource, RunStatus } from '../schemas/digest.ts';
import type { ExperimentRule } from '../schemas/experiment-rule.ts';
import type { RunRecord } from '../schemas/run-record.ts';
import { type BadRun, describeReadError, type RunUnit, type StoreAdapter, type StoreListing } from './adapter.ts';
import { ADAPTERS } from './adapters/registry.ts';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.ts';
import { type CachedUnit, cachePathFor, emptyCache, type IngestCache, loadCache, saveCache } from './cache.ts';
import { checkDigestHead, checkRun } from './check-digest.ts';
import { compareText, toPosix } from './deterministic.ts';
import { toDigestRun } from './digest-run.ts';
import { findStores } from './discover.ts';
import { classifyExistingDigest } from './existing-digest.ts';
import { applyExperimentRules, hashExperimentRules, mapExperimentName, type RunPlace } from './experiment-rules.ts';
import { makeLessonId } from './lessons.ts';
import { acquireLock } from './lock.ts';
import { buildMonthDigest, formatDigest, type MonthRun, toMonthRun } from './month-digest.ts';

/** Everything an ingest needs to know; the CLI fills it from flags. */
export interface IngestOptions {
	paths: string[];
	/** Absolute folder the digests go to (`content/runs`). */
	outDir: string;
	/** Absolute cache folder; null reads every run. */
	cacheDir: string | null;
	/** Check every file of every run for changes, also of runs that ended long ago (see `SETTLED_MS`). */
	fullCheck?: boolean;
	/** Folder for the lock file. */
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
	/** Folder that store paths in digests are relative to. */
	cwd: string;
	/** The archive's experiment rules (`hindsight.yaml`'s `experiments`); the first that matches a run names its experiment. */
	experimentRules?: readonly ExperimentRule[];
	/** The store kinds to look for (default: every adapter in the registry). */
	adapters?: readonly StoreAdapter<RunUnit>[];
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
	/** Warnings carried by runs not read again this time (reported when they were read). */
	cachedWarnings: number;
	/** The run index beside the digests (`index.json`), when ingest got as far as writing it. */
	runIndex?: { path: string; action: 'written' | 'unchanged' } | undefined;
}

interface OpenStore {
	adapter: StoreAdapter<RunUnit>;
	path: string;
	/** The path as digests write it: relative to the working folder, with `/`. */
	relPath: string;
	listing: StoreListing<RunUnit>;
}

/** A run read this time, as its month will hold it, with what the cache keeps of it. */
interface ReadRun {
	monthRun: MonthRun;
	experimentKey: string | null;
	staleAt: number | null;
	warnings: string[];
}

/** One run on its way to a month: read this time (`read`), or known unchanged from the cache (`cached`). */
interface Entry {
	unit: RunUnit;
	store: OpenStore;
	read?: ReadRun | undefined;
	cached?: CachedUnit | undefined;
}

/** Statuses a run ends in; an ended run may be checked by its adapter's cheaper rule. */
const ENDED = new Set<RunStatus>(['finished', 'failed', 'killed']);

/** Reads the stores under `options.paths` and writes one digest per month. */
export function ingest(options: IngestOptions): Promise<IngestReport> {
	return holdingIngestLock(options, () => ingestLocked(options));
}

/** Runs `work` while holding the lock of the digest folder `options.outDir`, which one ingest at a time may write. */
export async function holdingIngestLock<T>(options: Pick<IngestOptions, 'outDir' | 'lockDir' | 'lockWaitMs' | 'cwd'>, work: () => Promise<T>): Promise<T> {
	const lockName = `ingest-${createHash('sha1').update(options.outDir).digest('hex').slice(0, 12)}.lock`;
	const release = await acquireLock(join(options.lockDir, lockName), options.lockWaitMs, toPosix(relative(options.cwd, options.outDir)) || '.');
	try {
		return await work();
	} finally {
		await release();
	}
}

async function ingestLocked(options: IngestOptions): Promise<IngestReport> {
	const rel = (path: string) => toPosix(relative(options.cwd, path)) || '.';
	const inRange = (month: string) => (!options.since || month >= options.since) && (!options.until || month <= options.until);
	const report: IngestReport = { stores: [], months: [], bad: [], warnings: [], errors: [], runsRead: 0, runsReused: 0, runsOutOfRange: 0, cachedWarnings: 0 };
	const rules = options.experimentRules ?? [];
	const placeOf = (path: string): RunPlace => ({ relative: rel(path), absolute: toPosix(path) });
	const rulesHash = hashExperimentRules(rules, options.cwd);
	const cachePath = options.cacheDir ? cachePathFor(options.cacheDir, options.outDir) : null;
	const loaded = cachePath ? loadCache(cachePath, rulesHash) : { cache: emptyCache(rulesHash), text: null };
	const cache = loaded.cache;
	const nextCache: IngestCache = emptyCache(rulesHash);

	const found = await findStores(options.paths, options.adapters ?? ADAPTERS);
	report.bad.push(...found.bad);
	for (const text of found.warnings) report.warnings.push({ where: 'search', text });
	const stores: OpenStore[] = [];
	const context = {
		previous(key: string) {
			const cached = cachePath ? cache.units[key] : undefined;
			return cached && { fingerprint: cached.fingerprint, hint: cached.hint, ended: !options.fullCheck && ENDED.has(cached.status) };
		},
	};
	for (const { adapter, path } of found.stores) {
		try {
			const listing = await adapter.list(path, context);
			stores.push({ adapter, path, relPath: rel(path), listing });
			report.bad.push(...listing.bad);
			for (const text of listing.warnings) report.warnings.push({ where: rel(path), text });
		} catch (error) {
			report.bad.push({ path, reason: `${describeReadError(error, path)} (cannot be read as ${adapter.kind})` });
		}
	}

	const staleRule = { nowMs: options.nowMs, staleAfterMs: options.staleAfterMs };
	/** Reads a unit into its digest entry; false (and the run reported) when it cannot be used or lies outside the range. */
	const readEntry = async (entry: Entry): Promise<boolean> => {
		entry.cached = undefined;
		let record: RunRecord;
		try {
			record = await entry.store.adapter.read(entry.unit, entry.store.listing);
		} catch (error) {
			report.bad.push({ path: entry.unit.path, reason: describeReadError(error, entry.unit.path) });
			return false;
		}
		record = applyExperimentRules(record, rules, placeOf(entry.unit.path));
		if (record.startedAt === null) {
			report.bad.push({ path: entry.unit.path, reason: `${entry.unit.path}: no start time, so no month to file it under` });
			return false;
		}
		if (!inRange(record.startedAt.slice(0, 7))) {
			report.runsOutOfRange++;
			return false;
		}
		const { run, lessons, staleAt } = toDigestRun(record, staleRule);
		const problem = checkRun(run);
		if (problem) {
			report.bad.push({
				path: entry.unit.path,
				reason: `${entry.unit.path}: its digest entry does not match the digest schema at ${problem.path}: ${problem.message} (a bug in the ${entry.store.adapter.kind} adapter)`,
			});
			return false;
		}
		// From here on the run is its text: the objects, series and all, are let go
		const monthRun = toMonthRun(run, lessons, entry.store.relPath, entry.store.adapter.kind);
		entry.read = { monthRun, experimentKey: record.experimentKey, staleAt, warnings: run.warnings };
		report.runsRead++;
		return true;
	};

	const units = stores.flatMap((store) => store.listing.units.map((unit) => ({ unit, store })));
	const entries: Entry[] = [];
	let done = 0;
	options.onProgress?.(0, units.length);
	for (const { unit, store } of units) {
		const cached = cachePath ? cache.units[unit.key] : undefined;
		const unchanged = cached !== undefined && cached.fingerprint === unit.fingerprint && (cached.staleAt === null || options.nowMs < cached.staleAt);
		// The entry as it stands when the adapter kept its hint, so an unchanged cache is seen as such
		const kept = unchanged && cached.hint !== unit.hint ? { ...cached, hint: unit.hint } : cached;
		if (unchanged && !inRange(cached.month)) {
			// Outside --since/--until: remembered for the next full ingest, nothing touched
			nextCache.units[unit.key] = kept!;
			report.runsOutOfRange++;
		} else if (unchanged) entries.push({ unit, store, cached: kept });
		else {
			const entry: Entry = { unit, store };
			if (await readEntry(entry)) entries.push(entry);
		}
		options.onProgress?.(++done, units.length);
	}

	const runIdOf = (e: Entry) => e.read?.monthRun.id ?? e.cached!.runId;
	const monthOf = (e: Entry) => e.read?.monthRun.startedAt.slice(0, 7) ?? e.cached!.month;
	const startedAtOf = (e: Entry) => e.read?.monthRun.startedAt ?? e.cached!.startedAt;
	const experimentKeyOf = (e: Entry) => (e.read ? e.read.experimentKey : e.cached!.experimentKey);

	// One run reachable through two stores (an mlruns and its migrated mlflow.db): the first is kept
	const byRunId = new Map<string, Entry>();
	const months = new Map<string, Entry[]>();
	for (const entry of entries) {
		const first = byRunId.get(runIdOf(entry));
		if (first) {
			report.warnings.push({ where: entry.unit.path, text: `run ${runIdOf(entry)} was already read from ${first.unit.path}; this copy is ignored` });
			continue;
		}
		byRunId.set(runIdOf(entry), entry);
		const list = months.get(monthOf(entry)) ?? [];
		list.push(entry);
		months.set(monthOf(entry), list);
	}

	// An experiment's note lessons go after its first run, in that run's month
	const firstOfExperiment = new Map<string, Entry>();
	const chronological = [...byRunId.values()].sort((a, b) => compareText(startedAtOf(a), startedAtOf(b)) || compareText(runIdOf(a), runIdOf(b)));
	for (const entry of chronological) {
		const key = experimentKeyOf(entry);
		if (key && !firstOfExperiment.has(key)) firstOfExperiment.set(key, entry);
	}
	const experimentLessonsAfter = new Map<string, RunLesson[]>();
	for (const store of stores) {
		for (const group of store.listing.experimentLessons) {
			const first = firstOfExperiment.get(group.experimentKey);
			if (!first) {
				report.warnings.push({
					where: store.relPath,
					text: `experiment ${group.experiment ?? group.experimentKey} has lessons in its note but no runs; they were not filed`,
				});
				continue;
			}
			const list = experimentLessonsAfter.get(runIdOf(first)) ?? [];
			// Named as its first run's experiment is; the id keeps the tool's name, so renaming moves no lesson's link
			const experiment = mapExperimentName(rules, group.experiment, placeOf(first.unit.path));
			for (const text of group.texts)
				list.push({
					id: makeLessonId(`experiment:${group.experiment ?? ''}`, 'experiment-note', text),
					text,
					runId: null,
					experiment,
					origin: 'experiment-note',
				});
			experimentLessonsAfter.set(runIdOf(first), list);
		}
	}

	for (const entry of byRunId.values()) {
		if (entry.read) for (const text of entry.read.warnings) report.warnings.push({ where: rel(entry.unit.path), text });
		else report.cachedWarnings += entry.cached!.warnings;
	}
	const strictFailure = options.strict && (report.bad.length > 0 || report.warnings.length > 0 || report.cachedWarnings > 0);
	if (strictFailure)
		report.errors.push(`--strict: ${report.bad.length} bad run(s) and ${report.warnings.length + report.cachedWarnings} warning(s); no digest was written`);

	await mkdir(options.outDir, { recursive: true });
	if (!options.dryRun) await removeStaleTempFiles(options.outDir);
	const storePaths = new Set(stores.map((s) => s.relPath));
	for (const month of [...months.keys()].sort()) {
		await writeMonth(month, months.get(month)!);
		// A month's runs are not needed once it is written
		for (const entry of months.get(month)!) entry.read = undefined;
	}

	async function writeMonth(month: string, list: Entry[]): Promise<void> {
		const path = join(options.outDir, `${month}.json`);
		const result: MonthResult = { month, action: 'unchanged', runs: list.length, byStatus: {}, deleted: 0, path: rel(path) };
		report.months.push(result);
		const signature = createHash('sha1')
			.update(JSON.stringify(list.map((e) => [e.unit.key, e.unit.fingerprint, runIdOf(e), e.store.relPath, experimentLessonsAfter.get(runIdOf(e)) ?? []])))
			.digest('base64url');
		const info = statSync(path, { throwIfNoEntry: false });
		const cachedMonth = cache.months[month];
		const fileAsWritten = info !== undefined && cachedMonth !== undefined && info.size === cachedMonth.size && info.mtimeMs === cachedMonth.mtimeMs;
		if (fileAsWritten && cachedMonth.signature === signature && list.every((e) => !e.read)) {
			for (const e of list) {
				nextCache.units[e.unit.key] = e.cached!;
				report.runsReused++;
				result.byStatus[e.cached!.status] = (result.byStatus[e.cached!.status] ?? 0) + 1;
				if (e.cached!.deleted) result.deleted++;
			}
			nextCache.months[month] = cachedMonth;
			return;
		}
		let oldText: string | null = null;
		let oldRuns = new Map<string, RunInput>();
		let oldLessons: RunLesson[] = [];
		if (info) {
			oldText = await readFile(path, 'utf8');
			const verdict = classifyExistingDigest(oldText, month);
			if (verdict.kind === 'foreign') {
				result.action = 'refused';
				report.errors.push(
					`${rel(path)} was not written by ingest (${verdict.reason}); refusing to overwrite it. Move it out of ${rel(options.outDir)}/ and run ingest again.`
				);
				return;
			}
			const missing = verdict.sources.filter((p) => !storePaths.has(p));
			if (missing.length && !options.replace) {
				result.action = 'refused';
				report.errors.push(
					`${rel(path)} also holds runs from ${missing.join(', ')}, which this ingest did not read; pass those stores too, or --replace to drop their runs`
				);
				return;
			}
			// Unchanged runs are carried over only from a digest exactly as this cache saw it written
			if (fileAsWritten && verdict.kind === 'ours') {
				oldRuns = new Map(verdict.digest.runs.map((r) => [r.id, r]));
				oldLessons = verdict.digest.lessons;
			}
		}
		const monthRuns: MonthRun[] = [];
		for (const entry of list) {
			const storeKind: RunSource = entry.store.adapter.kind;
			const old = entry.read ? undefined : oldRuns.get(entry.cached!.runId);
			if (old) {
				report.runsReused++;
				monthRuns.push(
					toMonthRun(
						old,
						oldLessons.filter((l) => l.runId === old.id && l.origin !== 'experiment-note'),
						entry.store.relPath,
						storeKind
					)
				);
				nextCache.units[entry.unit.key] = entry.cached!;
				continue;
			}
			if (!entry.read && !(await readEntry(entry))) continue;
			const { monthRun, experimentKey, staleAt, warnings } = entry.read!;
			monthRuns.push(monthRun);
			nextCache.units[entry.unit.key] = {
				fingerprint: entry.unit.fingerprint,
				...(entry.unit.hint !== undefined ? { hint: entry.unit.hint } : {}),
				runId: monthRun.id,
				month,
				startedAt: monthRun.startedAt,
				experimentKey,
				staleAt,
				status: monthRun.status,
				deleted: monthRun.deleted,
				warnings: warnings.length,
			};
		}
		for (const run of monthRuns) {
			result.byStatus[run.status] = (result.byStatus[run.status] ?? 0) + 1;
			if (run.deleted) result.deleted++;
		}
		result.runs = monthRuns.length;
		const digest = buildMonthDigest(month, monthRuns, experimentLessonsAfter);
		const problem = checkDigestHead(digest);
		if (problem) {
			result.action = 'not-written';
			report.errors.push(`${rel(path)}: the digest built does not match the digest schema at ${problem.path}: ${problem.message} (a bug in ingest)`);
			return;
		}
		const text = formatDigest(digest);
		if (text === oldText) result.action = 'unchanged';
		else if (options.dryRun) {
			result.action = 'would-write';
			return;
		} else if (strictFailure) {
			result.action = 'not-written';
			return;
		} else {
			await writeFileAtomic(path, text);
			result.action = 'written';
		}
		if (!options.dryRun) {
			const written = statSync(path);
			nextCache.months[month] = { signature, size: written.size, mtimeMs: written.mtimeMs };
		}
	}

	// The run index lists every digest of the folder, the months just written read again whatever their size.
	if (!options.dryRun && !strictFailure) {
		const written = new Set(report.months.filter((month) => month.action === 'written').map((month) => month.month));
		const wrote = await updateRunIndex(options.outDir, written);
		report.runIndex = { path: rel(join(options.outDir, RUN_INDEX_FILE)), action: wrote ? 'written' : 'unchanged' };
	}
	// Months outside --since/--until keep what the cache knew of them
	for (const [month, record] of Object.entries(cache.months)) if (!inRange(month)) nextCache.months[month] = record;
	for (const store of stores) store.listing.close?.();
	report.stores = stores.map((s) => ({ kind: s.adapter.kind, path: s.relPath, runs: s.listing.units.length }));
	if (cachePath && !options.dryRun && !strictFailure) await saveCache(cachePath, nextCache, loaded);
	report.bad.sort((a, b) => compareText(a.path, b.path));
	return report;
}
