import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { MetricSummaryInput } from '../../schemas/digest.ts';
import { foldersUnchanged, listFromRecord, UnsafeLinkError, walkFilesSync, type FolderRecord, type WalkedFile, type WalkRecord } from '../fs-walk.ts';
import { extractLessons } from '../lessons.ts';
import { buildMlflowDraft } from '../mlflow-common.ts';
import { metricFilePoints, readMlflowMetricFileSync, summariseMetricFile } from '../mlflow-metric-file.ts';
import { readSmallTextFile } from '../read-small-file.ts';
import { guessDirection } from '../metric-direction.ts';
import { BadFileError, describe, readMetaYamlFast } from '../read-yaml.ts';
import type { BadRun, ExperimentLessons, OpenedStore, ReadOutcome, RunUnit, StartFilter, StoreAdapter } from '../types.ts';

/** Folders inside an experiment that are not runs (`FileStore.RESERVED_EXPERIMENT_FOLDERS`, MLflow 3 models). */
const RESERVED = new Set(['tags', 'datasets', 'traces', 'models']);
const NOTE_TAG = 'mlflow.note.content';

/** A metric, param or tag file whose content is not text (a NUL byte) makes the run unusable. */
function assertText(text: string, path: string): string {
	if (text.includes('\u0000')) throw new BadFileError(`${path}: binary data, expected text`);
	return text;
}

function readTextFiles(files: WalkedFile[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const file of files) out[file.key] = assertText(readSmallTextFile(file.path, file), file.path);
	return out;
}

/** Reads an integer field of meta.yaml; YAML gives BigInt (we parse with intAsBigInt). */
function readInteger(meta: Record<string, unknown>, field: string, path: string): number | null {
	const value = meta[field];
	if (value === undefined || value === null) return null;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	throw new BadFileError(`${path}: field ${field}: expected epoch milliseconds (an integer), found ${describe(value)}`);
}

function readString(meta: Record<string, unknown>, field: string, path: string): string | null {
	const value = meta[field];
	if (value === undefined || value === null) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new BadFileError(`${path}: field ${field}: expected text, found ${describe(value)}`);
}

interface Experiment {
	id: string;
	name: string | null;
	dir: string;
	inTrash: boolean;
	key: string;
}

/** The run files a fingerprint saw, kept so reading does not walk the folders again. */
interface RunListing {
	meta: { size: number; mtimeMs: number };
	metrics: WalkedFile[];
	params: WalkedFile[];
	tags: WalkedFile[];
}

const GROUPS = ['metrics', 'params', 'tags'] as const;

/**
 * What the cache keeps of a run's listing so the next ingest can skip `readdir`: per group (metrics,
 * params, tags) the folders' times and file names (`FolderRecord`), or `false` when the group must be
 * walked in full (a link, a special file, a folder changed moments before it was listed); and, for
 * {@link recheckFinishedRun}, meta.yaml's size and mtime, the tag files' sizes and mtimes (in listing
 * order, flat) and the fingerprint the listing gave.
 */
interface ListingHint {
	v: 2;
	groups: (FolderRecord[] | null | false)[];
	meta: [number, number];
	tags: number[];
	fp: string;
}

/** A folder changed less than this before it was listed is walked in full next time (see `WalkRecord`). */
const RACY_MS = 5000;

/**
 * A finished run whose meta.yaml has not changed for this long is checked by its folders, tag files
 * and meta.yaml only ({@link recheckFinishedRun}). MLflow appends a run's last metric lines before
 * `end_run` rewrites meta.yaml (the async-logging queue is flushed first); lines that straggle in
 * from another process land within seconds, and an hour leaves a wide margin.
 */
export const SETTLED_MS = 60 * 60_000;

function statMeta(runDir: string): { size: number; mtimeMs: number } {
	const metaPath = `${runDir}${sep}meta.yaml`;
	try {
		const meta = statSync(metaPath);
		return { size: meta.size, mtimeMs: meta.mtimeMs };
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new BadFileError(`${metaPath}: no meta.yaml (not an MLflow run)`);
		if (code === 'ELOOP') throw new UnsafeLinkError(`${metaPath}: symbolic link loop`);
		throw error;
	}
}

/**
 * Lists a run's files. With `previous` (what the last ingest recorded) a group whose folders are
 * unchanged is listed from the record, with an lstat per file; with `record`, the listing notes what
 * the next ingest needs (returned as `hint`). Without `statFiles` (a run about to be read whole) the
 * files' sizes and mtimes are left for the reads to fill in, and {@link finishListing} to take up.
 */
function listRun(runDir: string, storeRoot: string, previous?: ListingHint | null, record = false, statFiles = true): { listing: RunListing; hint: ListingHint | null } {
	const meta = statMeta(runDir);
	const lists: WalkedFile[][] = [];
	const hint: ListingHint = { v: 2, groups: [], meta: [meta.size, meta.mtimeMs], tags: [], fp: '' };
	const trustBefore = Date.now() - RACY_MS;
	for (let g = 0; g < GROUPS.length; g++) {
		const root = `${runDir}${sep}${GROUPS[g]!}`;
		const before = previous?.groups[g];
		if (before !== undefined && before !== false) {
			const files = listFromRecord(root, before);
			if (files) {
				lists.push(files);
				hint.groups.push(before);
				continue;
			}
		}
		if (!record) {
			lists.push(walkFilesSync(root, storeRoot, undefined, statFiles));
			continue;
		}
		const walk: WalkRecord = { folders: null, usable: true, trustBefore };
		lists.push(walkFilesSync(root, storeRoot, walk, statFiles));
		hint.groups.push(walk.usable ? walk.folders : false);
	}
	const listing: RunListing = { meta, metrics: lists[0]!, params: lists[1]!, tags: lists[2]! };
	return { listing, hint: record ? hint : null };
}

/** The listing's fingerprint, kept in the hint too, with the tag files' sizes and mtimes (every file's known by now). */
function finishListing(listing: RunListing, hint: ListingHint | null): string {
	const fp = fingerprintListing(listing);
	if (hint) {
		for (const tag of listing.tags) hint.tags.push(tag.size, tag.mtimeMs);
		hint.fp = fp;
	}
	return fp;
}

/** {@link listRun} and the listing's fingerprint, which a recorded hint keeps too. */
function listAndFingerprint(runDir: string, storeRoot: string, previous: ListingHint | null, record: boolean): { listing: RunListing; hint: ListingHint | null; fp: string } {
	const { listing, hint } = listRun(runDir, storeRoot, previous, record);
	return { listing, hint, fp: finishListing(listing, hint) };
}

function isListingHint(value: unknown): value is ListingHint {
	const hint = value as ListingHint;
	return typeof value === 'object' && value !== null && hint.v === 2 && Array.isArray(hint.groups) && hint.groups.length === GROUPS.length && Array.isArray(hint.meta) && Array.isArray(hint.tags) && typeof hint.fp === 'string';
}

/**
 * The fingerprint of a finished run unchanged since `previous` was recorded, or null when that is
 * not certain: its meta.yaml (status, end time) has the same size and mtime and has not changed for
 * {@link SETTLED_MS}, its metrics, params and tags folders hold the same entries, and each tag file
 * has the same size and mtime (a tag such as the run's note is rewritten in place, also after the
 * run ended). Metric and param files are not looked at one by one: MLflow only appends to a metric
 * file while the run is logging and never changes a logged param, so this is about a tenth of the
 * system calls of a full check. The price, documented in the README: a metric line appended in
 * place to an existing metric file of a run that finished long ago, touching nothing else, is not
 * seen until `--full-check`.
 */
function recheckFinishedRun(runDir: string, previous: ListingHint): string | null {
	const [metricsRecord, paramsRecord, tagsRecord] = previous.groups;
	if (metricsRecord === false || paramsRecord === false || tagsRecord === false) return null;
	// runDir is already normalised (joined once, when the store was listed): plain concatenation gives
	// what join would, without its normalising pass, on the path of every unchanged run
	const meta = lstatSync(`${runDir}${sep}meta.yaml`, { throwIfNoEntry: false });
	if (meta === undefined || meta.size !== previous.meta[0] || meta.mtimeMs !== previous.meta[1] || meta.mtimeMs > Date.now() - SETTLED_MS) return null;
	if (!foldersUnchanged(`${runDir}${sep}metrics`, metricsRecord!) || !foldersUnchanged(`${runDir}${sep}params`, paramsRecord!)) return null;
	const tags = listFromRecord(`${runDir}${sep}tags`, tagsRecord!);
	if (tags === null || tags.length * 2 !== previous.tags.length) return null;
	for (let i = 0; i < tags.length; i++) {
		if (tags[i]!.size !== previous.tags[2 * i] || tags[i]!.mtimeMs !== previous.tags[2 * i + 1]) return null;
	}
	return previous.fp;
}

function fingerprintListing(listing: RunListing): string {
	const hash = createHash('sha1');
	hash.update(`meta ${listing.meta.size} ${listing.meta.mtimeMs}\n`);
	for (const [group, files] of [['m', listing.metrics], ['p', listing.params], ['t', listing.tags]] as const) {
		for (const f of files) hash.update(`${group} ${f.key} ${f.size} ${f.mtimeMs}\n`);
	}
	return hash.digest('base64url');
}

function reasonOf(error: unknown): string {
	if (error instanceof BadFileError || error instanceof UnsafeLinkError) return error.message;
	const e = error as NodeJS.ErrnoException;
	if (e.code === 'ENOENT' && e.path?.endsWith('meta.yaml')) return `${e.path}: no meta.yaml (not an MLflow run)`;
	if (e.code) return `${e.path ?? ''}: cannot read (${e.code}: ${e.message})`;
	return String(e?.message ?? error);
}

/**
 * Everything needed to read one file-store run, as plain data: what a worker thread is sent
 * (`run-worker.ts`). `listing` is what the fingerprint saw, so the worker does not walk again; null
 * when the run was not fingerprinted first (nothing cached to compare with): then the reader lists
 * the run itself and returns the fingerprint with the draft (`ReadOutcome.listed`), noting a hint
 * for the next ingest when `record` is set.
 */
export interface FsRunJob {
	kind: 'mlflow-fs';
	storeRoot: string;
	experiment: Experiment;
	runDir: string;
	runUuid: string;
	listing: RunListing | null;
	record?: boolean;
}

/** Reads one file-store run in full: meta.yaml, params, tags, and every metric file, summarised. */
export async function readFsRun(job: FsRunJob, filter: StartFilter): Promise<ReadOutcome> {
	const { storeRoot, experiment, runDir, runUuid } = job;
	try {
		let listing = job.listing;
		// Not listed yet: list it here, leaving each file's size and mtime to the read that opens it,
		// and fingerprint it once everything is read
		let ownHint: ListingHint | null | undefined;
		if (listing === null) ({ listing, hint: ownHint } = listRun(runDir, storeRoot, null, job.record === true, false));
		const metaPath = `${runDir}${sep}meta.yaml`;
		const meta = await readMetaYamlFast(metaPath, listing.meta.size);
		const warnings: string[] = [];
		const metaExperiment = readString(meta, 'experiment_id', metaPath);
		if (metaExperiment !== null && metaExperiment !== experiment.id) {
			throw new BadFileError(
				`${metaPath}: experiment_id is ${metaExperiment} but the run sits in experiment folder ${experiment.id}; MLflow ignores such a run`,
			);
		}
		const startMs = readInteger(meta, 'start_time', metaPath);
		if (startMs === null) throw new BadFileError(`${metaPath}: field start_time: expected epoch milliseconds, found nothing`);
		if (!filter(startMs < 1e11 ? startMs * 1000 : startMs)) return { kind: 'skipped' };
		const endMs = readInteger(meta, 'end_time', metaPath);
		const status = meta['status'];
		if (status !== undefined && status !== null && typeof status !== 'bigint' && typeof status !== 'string') {
			throw new BadFileError(`${metaPath}: field status: expected an integer 1–5 or a status name, found ${describe(status)}`);
		}
		const params = readTextFiles(listing.params);
		const tags = readTextFiles(listing.tags);
		const metrics: Record<string, MetricSummaryInput> = {};
		let lastTs: number | null = null;
		for (const file of listing.metrics) {
			const result = readMlflowMetricFileSync(file.path, file, metricFilePoints());
			if (result.malformed > 0) {
				const first = result.firstMalformed!;
				warnings.push(
					`metrics/${file.key}: ${result.malformed} malformed line(s) skipped; first at line ${first.line}: ${JSON.stringify(first.text)} (expected "<timestamp ms> <value> [<step>]")`,
				);
			}
			if (result.truncatedLastLine !== null) {
				warnings.push(`metrics/${file.key}: last line has no newline (interrupted write), skipped: ${JSON.stringify(result.truncatedLastLine)}`);
			}
			const { summary, lastTs: fileLastTs } = summariseMetricFile(result.points, guessDirection(file.key));
			if (summary === null) {
				warnings.push(`metrics/${file.key}: no data points; metric left out`);
				continue;
			}
			metrics[file.key] = summary;
			if (fileLastTs !== null && (lastTs === null || fileLastTs > lastTs)) lastTs = fileLastTs;
		}
		const draft = buildMlflowDraft({
			source: 'mlflow-fs',
			runUuid: runUuid,
			experimentId: experiment.id,
			experimentName: experiment.name,
			experimentKey: experiment.key,
			runName: readString(meta, 'run_name', metaPath),
			legacyName: readString(meta, 'name', metaPath),
			statusRaw: typeof status === 'bigint' ? Number(status) : status,
			startMs,
			endMs,
			userId: readString(meta, 'user_id', metaPath),
			lifecycleStage: readString(meta, 'lifecycle_stage', metaPath),
			inTrash: experiment.inTrash,
			params,
			tags,
			metrics,
			lastMetricTsMs: lastTs,
			warnings,
		});
		if (ownHint === undefined) return { kind: 'run', draft };
		return { kind: 'run', draft, listed: { fp: finishListing(listing, ownHint), hint: ownHint ?? undefined } };
	} catch (error) {
		return { kind: 'bad', bad: { path: runDir, reason: reasonOf(error) } };
	}
}

function makeRunUnit(storeRoot: string, experiment: Experiment, runDir: string, runUuid: string): RunUnit {
	let listing: RunListing | null = null;
	let hint: ListingHint | null = null;
	return {
		key: `mlflow-fs:${runDir}`,
		path: runDir,
		async fingerprint(previous?: unknown, finished = false) {
			const before = isListingHint(previous) ? previous : null;
			if (finished && before) {
				const fp = recheckFinishedRun(runDir, before);
				if (fp !== null) {
					// Not listed: a read (rare for an unchanged run) lists it first
					listing = null;
					hint = before;
					return fp;
				}
			}
			let fp: string;
			({ listing, hint, fp } = listAndFingerprint(runDir, storeRoot, before, previous !== undefined));
			return fp;
		},
		hint: () => hint,
		job(): FsRunJob {
			return { kind: 'mlflow-fs', storeRoot, experiment, runDir, runUuid, listing, record: listing === null };
		},
		unlistedJob(record: boolean): FsRunJob {
			return { kind: 'mlflow-fs', storeRoot, experiment, runDir, runUuid, listing: null, record };
		},
		async read(filter: StartFilter): Promise<ReadOutcome> {
			return readFsRun({ kind: 'mlflow-fs', storeRoot, experiment, runDir, runUuid, listing, record: listing === null }, filter);
		},
	};
}

async function readExperiment(dir: string, folder: string, inTrash: boolean, storeRoot: string): Promise<Experiment> {
	const metaPath = join(dir, 'meta.yaml');
	const meta = await readMetaYamlFast(metaPath, statSync(metaPath).size);
	const name = readString(meta, 'name', metaPath);
	return { id: folder, name, dir, inTrash, key: `mlflow-fs:${storeRoot}:${folder}` };
}

// Listing a store is a few dozen metadata calls: synchronous, since each promise round trip through the
// thread pool cost far more than the call and added up to a tenth of an unchanged re-ingest
function listDirs(dir: string): { dirs: string[]; others: string[] } {
	const entries = readdirSync(dir, { withFileTypes: true });
	const dirs: string[] = [];
	const others: string[] = [];
	for (const e of entries) (e.isDirectory() ? dirs : others).push(e.name);
	dirs.sort();
	others.sort();
	return { dirs, others };
}

/** Reads an `mlruns/` folder in MLflow's file-store layout (run-formats.md §2). */
export const mlflowFsAdapter: StoreAdapter = {
	kind: 'mlflow-fs',
	async open(storeRoot: string): Promise<OpenedStore> {
		const units: RunUnit[] = [];
		const bad: BadRun[] = [];
		const warnings: string[] = [];
		const experimentLessons: ExperimentLessons[] = [];
		const experimentDirs: { dir: string; folder: string; inTrash: boolean }[] = [];
		const root = listDirs(storeRoot);
		for (const folder of root.dirs) {
			if (folder === '.trash') {
				for (const trashed of listDirs(join(storeRoot, '.trash')).dirs) {
					experimentDirs.push({ dir: join(storeRoot, '.trash', trashed), folder: trashed, inTrash: true });
				}
			} else if (!folder.startsWith('.')) experimentDirs.push({ dir: join(storeRoot, folder), folder, inTrash: false });
		}
		if (root.others.length) warnings.push(`${storeRoot}: ignored ${root.others.length} non-folder entr${root.others.length === 1 ? 'y' : 'ies'} (${root.others.join(', ')})`);
		for (const { dir, folder, inTrash } of experimentDirs) {
			let experiment: Experiment;
			try {
				experiment = await readExperiment(dir, folder, inTrash, storeRoot);
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				// The model registry (`models/`) and artifact folders have no experiment meta.yaml
				if (code === 'ENOENT') {
					warnings.push(`${dir}: not an experiment (no meta.yaml); skipped`);
					continue;
				}
				bad.push({ path: dir, reason: reasonOf(error) + ' (the whole experiment was skipped)' });
				continue;
			}
			try {
				const note = readFileSync(join(dir, 'tags', NOTE_TAG), 'utf8');
				const texts = extractLessons(note);
				if (texts.length) experimentLessons.push({ experimentKey: experiment.key, experiment: experiment.name, texts });
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warnings.push(`${dir}/tags/${NOTE_TAG}: ${reasonOf(error)}`);
			}
			for (const runFolder of listDirs(dir).dirs) {
				if (RESERVED.has(runFolder) || runFolder.startsWith('.')) continue;
				units.push(makeRunUnit(storeRoot, experiment, join(dir, runFolder), runFolder));
			}
		}
		return { kind: 'mlflow-fs', path: storeRoot, units, experimentLessons, bad, warnings, close() {} };
	},
};
