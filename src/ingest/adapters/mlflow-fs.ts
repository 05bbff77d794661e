// MLflow's file store, `mlruns/` (run-formats.md §2): one folder per experiment (`0/`, an integer id,
// `.trash/` for deleted ones), one per run inside it with `meta.yaml` and a file per metric, param and tag.
import { createHash } from 'node:crypto';
import { type Dirent, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { RunMetric } from '../../schemas/run-record.ts';
import {
	type BadRun,
	BadRunError,
	describeReadError,
	type ExperimentLessons,
	type PreviousListing,
	type RunUnit,
	type StoreAdapter,
	type StoreListing,
} from '../adapter.ts';
import { extractLessons } from '../lessons.ts';
import { describeValue, parseYamlMapping, readMetaYaml } from '../read-yaml.ts';
import { readMetricFile } from './mlflow-metric-file.ts';
import { NOTE_TAG, toMlflowRecord } from './mlflow-run.ts';

/** Folders inside an experiment that are not runs (`FileStore.RESERVED_EXPERIMENT_FOLDERS`, MLflow 3 models). */
const RESERVED = new Set(['tags', 'datasets', 'traces', 'models']);
const GROUPS = ['metrics', 'params', 'tags'] as const;
type Group = (typeof GROUPS)[number];

/**
 * A run that ended and whose meta.yaml has not changed for this long is checked by its folders, tag
 * files and meta.yaml only ({@link recheckEndedRun}). MLflow appends a run's last metric lines before
 * `end_run` rewrites meta.yaml; lines that straggle in from another process land within seconds.
 */
export const SETTLED_MS = 60 * 60_000;

/** A folder changed less than this before it was listed may still change within the same mtime tick. */
const RACY_MS = 5000;

interface Experiment {
	id: string;
	name: string | null;
	inTrash: boolean;
	key: string;
}

/** A file of a run as listed: its key (the path under its group, with `/`), where it is, and its stamp. */
interface ListedFile {
	key: string;
	path: string;
	size: number;
	mtimeMs: number;
}

/** Every file of a run, by group, and meta.yaml's stamp. */
interface RunFiles {
	meta: { size: number; mtimeMs: number };
	groups: Record<Group, ListedFile[]>;
}

/**
 * What the cache keeps to tell an ended run is unchanged without listing it: meta.yaml's size and
 * mtime, the mtime and ctime of the run's folder and of every folder under its metrics/, params/ and
 * tags/ (a file or folder added, removed or renamed moves its folder's times), and each tag file's size and mtime (MLflow rewrites a tag, such
 * as the run's note, in place, which moves no folder's times).
 */
interface EndedRunHint {
	meta: [size: number, mtimeMs: number];
	/** Paths relative to the run's folder, with the platform's separator. */
	folders: [path: string, mtimeMs: number, ctimeMs: number][];
	tags: [path: string, size: number, mtimeMs: number][];
}

/** A run folder, listed. `files` is null when the cache showed it unchanged without listing it. */
export interface MlflowFsUnit extends RunUnit {
	runDir: string;
	runUuid: string;
	experiment: Experiment;
	/** The store's real path, which symbolic links in the run may not lead out of. */
	realRoot: string;
	files: RunFiles | null;
}

function linkError(path: string, error: unknown): BadRunError {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ELOOP') return new BadRunError(`${path}: symbolic link loop`);
	if (code === 'ENOENT') return new BadRunError(`${path}: dangling symbolic link`);
	return new BadRunError(`${path}: cannot follow symbolic link (${code})`);
}

/** Where a walk is: the store (links may not lead out of it) and the folders above (a link back up to one loops). */
interface Walk {
	storeRoot: string;
	runDir: string;
	ancestors: string[];
	folders: EndedRunHint['folders'];
	/** False once a link or a folder changed moments ago was met: such a run is listed in full every time. */
	recordable: boolean;
	listedAt: number;
}

/** Notes a folder's times for the ended-run check; a folder changed moments ago may change again within the same tick. */
function recordFolder(dir: string, walk: Walk): void {
	const stamp = statSync(dir);
	if (walk.listedAt - Math.max(stamp.mtimeMs, stamp.ctimeMs) < RACY_MS) walk.recordable = false;
	walk.folders.push([dir.slice(walk.runDir.length + 1), stamp.mtimeMs, stamp.ctimeMs]);
}

/**
 * Lists the files under `dir` (a metric key may hold `/`, which MLflow stores as subfolders).
 * Symbolic links are followed only to a file or folder inside the store.
 */
function walkFiles(dir: string, prefix: string, walk: Walk, out: ListedFile[]): void {
	let entries: Dirent[];
	try {
		recordFolder(dir, walk);
		entries = readdirSync(dir, { withFileTypes: true });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT' && prefix === '') return;
		throw error;
	}
	entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	for (const entry of entries) {
		const path = join(dir, entry.name);
		const key = prefix + entry.name;
		let target = path;
		if (entry.isSymbolicLink()) {
			walk.recordable = false;
			try {
				target = realpathSync(path);
			} catch (error) {
				throw linkError(path, error);
			}
			if (target !== walk.storeRoot && !target.startsWith(walk.storeRoot + sep))
				throw new BadRunError(`${path}: symbolic link leads out of the store (to ${target})`);
			const above = walk.ancestors.map((a) => realpathSync(a));
			if (above.some((a) => a === target || a.startsWith(target + sep))) throw new BadRunError(`${path}: symbolic link loop (back to ${target})`);
		}
		const info = entry.isSymbolicLink() ? statSync(target) : entry.isDirectory() || entry.isFile() ? null : undefined;
		if (info === undefined) continue; // sockets, FIFOs: never MLflow's
		if (info ? info.isDirectory() : entry.isDirectory()) {
			walk.ancestors.push(path);
			walkFiles(path, `${key}/`, walk, out);
			walk.ancestors.pop();
		} else {
			const stamp = info ?? lstatSync(path);
			out.push({ key, path, size: stamp.size, mtimeMs: stamp.mtimeMs });
		}
	}
}

function statMeta(runDir: string): { size: number; mtimeMs: number } {
	const path = join(runDir, 'meta.yaml');
	try {
		const info = statSync(path);
		return { size: info.size, mtimeMs: info.mtimeMs };
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new BadRunError(`${path}: no meta.yaml (not an MLflow run)`);
		if (code === 'ELOOP') throw new BadRunError(`${path}: symbolic link loop`);
		throw error;
	}
}

/** Lists a run's files, with what the cache needs to skip the listing once the run has ended (null when it cannot). */
function listRun(runDir: string, realRoot: string): { files: RunFiles; hint: EndedRunHint | null } {
	const meta = statMeta(runDir);
	const walk: Walk = { storeRoot: realRoot, runDir, ancestors: [runDir], folders: [], recordable: true, listedAt: Date.now() };
	// The run's own folder too: a metrics/, params/ or tags/ folder created later moves its times
	recordFolder(runDir, walk);
	const groups = {} as Record<Group, ListedFile[]>;
	for (const group of GROUPS) {
		groups[group] = [];
		walkFiles(join(runDir, group), '', walk, groups[group]);
	}
	const hint: EndedRunHint = {
		meta: [meta.size, meta.mtimeMs],
		folders: walk.folders,
		tags: groups.tags.map((f) => [f.path.slice(runDir.length + 1), f.size, f.mtimeMs]),
	};
	return { files: { meta, groups }, hint: walk.recordable ? hint : null };
}

function fingerprintFiles(files: RunFiles): string {
	const hash = createHash('sha1').update(`meta ${files.meta.size} ${files.meta.mtimeMs}\n`);
	for (const group of GROUPS) for (const f of files.groups[group]) hash.update(`${group} ${f.key} ${f.size} ${f.mtimeMs}\n`);
	return hash.digest('base64url');
}

function isEndedRunHint(value: unknown): value is EndedRunHint {
	const hint = value as EndedRunHint;
	return typeof hint === 'object' && hint !== null && Array.isArray(hint.meta) && Array.isArray(hint.folders) && Array.isArray(hint.tags);
}

/**
 * True when an ended run is certainly unchanged since `hint` was taken: meta.yaml (status, end time)
 * has the same size and mtime and has not changed for {@link SETTLED_MS}, every folder the same times,
 * every tag file the same size and mtime. Metric and param files are not looked at one by one: MLflow
 * only appends to a metric file while the run logs and never changes a logged param. What this does
 * not see (documented in the README, and `--full-check` does): a line appended in place to an existing
 * metric file of a run that ended long ago, with nothing else touched.
 */
function recheckEndedRun(runDir: string, hint: EndedRunHint): boolean {
	const meta = lstatSync(join(runDir, 'meta.yaml'), { throwIfNoEntry: false });
	if (meta === undefined || meta.size !== hint.meta[0] || meta.mtimeMs !== hint.meta[1] || meta.mtimeMs > Date.now() - SETTLED_MS) return false;
	for (const [path, mtimeMs, ctimeMs] of hint.folders) {
		const folder = lstatSync(path === '' ? runDir : runDir + sep + path, { throwIfNoEntry: false });
		if (folder === undefined || folder.mtimeMs !== mtimeMs || folder.ctimeMs !== ctimeMs) return false;
	}
	for (const [path, size, mtimeMs] of hint.tags) {
		const tag = lstatSync(runDir + sep + path, { throwIfNoEntry: false });
		if (tag === undefined || tag.size !== size || tag.mtimeMs !== mtimeMs) return false;
	}
	return true;
}

/** Lists and fingerprints one run folder, or takes the previous fingerprint of an ended run shown unchanged. */
function listUnit(realRoot: string, experiment: Experiment, runDir: string, runUuid: string, previous: PreviousListing | undefined): MlflowFsUnit {
	const unit = { key: `mlflow-fs:${runDir}`, path: runDir, runDir, runUuid, experiment, realRoot };
	if (previous?.ended && isEndedRunHint(previous.hint) && recheckEndedRun(runDir, previous.hint)) {
		return { ...unit, fingerprint: previous.fingerprint, hint: previous.hint, files: null };
	}
	const { files, hint } = listRun(runDir, realRoot);
	return { ...unit, fingerprint: fingerprintFiles(files), hint, files };
}

function readInteger(meta: Record<string, unknown>, field: string, path: string): number | null {
	const value = meta[field];
	if (value === undefined || value === null) return null;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	throw new BadRunError(`${path}: field ${field}: expected epoch milliseconds (an integer), found ${describeValue(value)}`);
}

function readString(meta: Record<string, unknown>, field: string, path: string): string | null {
	const value = meta[field];
	if (value === undefined || value === null) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new BadRunError(`${path}: field ${field}: expected text, found ${describeValue(value)}`);
}

function readTextFiles(files: ListedFile[], group: Group): Record<string, string> {
	const out: Record<string, string> = {};
	for (const file of files) {
		const text = readFileSync(file.path, 'utf8');
		if (text.includes('\u0000')) throw new BadRunError(`${file.path}: ${group}/${file.key}: binary data, expected text`);
		out[file.key] = text;
	}
	return out;
}

/** Reads every metric file of a run; malformed lines and cut-off writes become warnings on the run. */
function readMetrics(files: ListedFile[], warnings: string[]): Record<string, RunMetric> {
	const metrics: Record<string, RunMetric> = {};
	for (const file of files) {
		const read = readMetricFile(file.path);
		if (read.malformed > 0) {
			const first = read.firstMalformed!;
			warnings.push(
				`metrics/${file.key}: ${read.malformed} malformed line(s) skipped; first at line ${first.line}: ${JSON.stringify(first.text)} (expected "<timestamp ms> <value> [<step>]")`
			);
		}
		if (read.truncatedLastLine !== null)
			warnings.push(`metrics/${file.key}: last line has no newline (interrupted write), skipped: ${JSON.stringify(read.truncatedLastLine)}`);
		if (read.points.steps.length === 0) {
			warnings.push(`metrics/${file.key}: no data points; metric left out`);
			continue;
		}
		metrics[file.key] = { ...read.points, finalRule: 'mlflow', final: null, direction: null };
	}
	return metrics;
}

async function readRun(unit: MlflowFsUnit) {
	const { runDir, experiment } = unit;
	const files = unit.files ?? listRun(runDir, unit.realRoot).files;
	const metaPath = join(runDir, 'meta.yaml');
	const meta = await readMetaYaml(metaPath);
	const metaExperiment = readString(meta, 'experiment_id', metaPath);
	if (metaExperiment !== null && metaExperiment !== experiment.id) {
		throw new BadRunError(`${metaPath}: experiment_id is ${metaExperiment} but the run sits in experiment folder ${experiment.id}; MLflow ignores such a run`);
	}
	const startMs = readInteger(meta, 'start_time', metaPath);
	if (startMs === null) throw new BadRunError(`${metaPath}: field start_time: expected epoch milliseconds, found nothing`);
	const status = meta['status'];
	if (status !== undefined && status !== null && typeof status !== 'bigint' && typeof status !== 'string') {
		throw new BadRunError(`${metaPath}: field status: expected an integer 1–5 or a status name, found ${describeValue(status)}`);
	}
	const warnings: string[] = [];
	return toMlflowRecord({
		source: 'mlflow-fs',
		runUuid: unit.runUuid,
		experimentId: experiment.id,
		experimentName: experiment.name,
		experimentKey: experiment.key,
		runName: readString(meta, 'run_name', metaPath),
		legacyName: readString(meta, 'name', metaPath),
		statusRaw: typeof status === 'bigint' ? Number(status) : status,
		startMs,
		endMs: readInteger(meta, 'end_time', metaPath),
		userId: readString(meta, 'user_id', metaPath),
		lifecycleStage: readString(meta, 'lifecycle_stage', metaPath),
		inTrash: experiment.inTrash,
		params: readTextFiles(files.groups.params, 'params'),
		tags: readTextFiles(files.groups.tags, 'tags'),
		metrics: readMetrics(files.groups.metrics, warnings),
		warnings,
	});
}

function listFolders(dir: string): { dirs: string[]; others: string[] } {
	const dirs: string[] = [];
	const others: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) (entry.isDirectory() ? dirs : others).push(entry.name);
	return { dirs: dirs.sort(), others: others.sort() };
}

/** An MLflow file store holds experiment folders with a `meta.yaml`: `0/`, an integer id, or `.trash/`. */
function isMlflowFileStore(dir: string): boolean {
	let entries: Dirent[];
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch {
		return false;
	}
	return entries.some(
		(e) => e.isDirectory() && (e.name === '.trash' || (/^\d+$/.test(e.name) && statSync(join(dir, e.name, 'meta.yaml'), { throwIfNoEntry: false })?.isFile()))
	);
}

export const mlflowFsAdapter: StoreAdapter<MlflowFsUnit> = {
	kind: 'mlflow-fs',
	// Where MLflow keeps what runs saved (models, plots): never a store of runs
	ignoredFolders: ['artifacts'],
	async detect(path, entry) {
		return entry.isDirectory() && isMlflowFileStore(path);
	},
	async list(storeRoot, context): Promise<StoreListing<MlflowFsUnit>> {
		const listing: StoreListing<MlflowFsUnit> = { units: [], experimentLessons: [], bad: [], warnings: [] };
		// Links inside runs are judged against the store's real place
		const realRoot = realpathSync(storeRoot);
		const root = listFolders(storeRoot);
		if (root.others.length)
			listing.warnings.push(`${storeRoot}: ignored ${root.others.length} non-folder entr${root.others.length === 1 ? 'y' : 'ies'} (${root.others.join(', ')})`);
		const experimentDirs: { dir: string; folder: string; inTrash: boolean }[] = [];
		for (const folder of root.dirs) {
			if (folder === '.trash')
				for (const trashed of listFolders(join(storeRoot, '.trash')).dirs)
					experimentDirs.push({ dir: join(storeRoot, '.trash', trashed), folder: trashed, inTrash: true });
			else if (!folder.startsWith('.')) experimentDirs.push({ dir: join(storeRoot, folder), folder, inTrash: false });
		}
		for (const { dir, folder, inTrash } of experimentDirs) {
			const metaPath = join(dir, 'meta.yaml');
			let experiment: Experiment;
			try {
				const meta = parseYamlMapping(readFileSync(metaPath, 'utf8'), metaPath);
				experiment = { id: folder, name: readString(meta, 'name', metaPath), inTrash, key: `mlflow-fs:${storeRoot}:${folder}` };
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				// The model registry (`models/`) and artifact folders have no experiment meta.yaml
				if (code === 'ENOENT') listing.warnings.push(`${dir}: not an experiment (no meta.yaml); skipped`);
				else {
					const empty = error instanceof BadRunError && /expected a YAML mapping of fields, found nothing/.test(error.message);
					const reason = empty ? `${metaPath}: meta.yaml is empty` : describeReadError(error, dir);
					listing.bad.push({ path: dir, reason: `${reason} (the whole experiment was skipped)` });
				}
				continue;
			}
			noteExperimentLessons(dir, experiment, listing);
			for (const runFolder of listFolders(dir).dirs) {
				if (RESERVED.has(runFolder) || runFolder.startsWith('.')) continue;
				const runDir = join(dir, runFolder);
				try {
					listing.units.push(listUnit(realRoot, experiment, runDir, runFolder, context.previous(`mlflow-fs:${runDir}`)));
				} catch (error) {
					listing.bad.push({ path: runDir, reason: describeReadError(error, runDir) } satisfies BadRun);
				}
			}
		}
		return listing;
	},
	read: (unit) => readRun(unit),
};

/** `Lesson:` lines in an experiment's note, filed with its first run. */
function noteExperimentLessons(dir: string, experiment: Experiment, listing: { experimentLessons: ExperimentLessons[]; warnings: string[] }): void {
	const path = join(dir, 'tags', NOTE_TAG);
	let note: string;
	try {
		note = readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') listing.warnings.push(describeReadError(error, path));
		return;
	}
	const texts = extractLessons(note);
	if (texts.length) listing.experimentLessons.push({ experimentKey: experiment.key, experiment: experiment.name, texts });
}
