// TensorBoard event files (run-formats.md §10), as written by torch's SummaryWriter, tensorboardX,
// Lightning's TensorBoardLogger, Keras and `tf.summary`. A store is a log folder; every folder under it
// that directly holds event files is one run, its files merged (TensorBoard's own rule). A run whose
// `args` text names a Hugging Face Trainer output folder is that training, and is read as one
// `hf-trainer` run together with the folder's `trainer_state.json` (see `hf-trainer-run.ts`).
import { createHash } from 'node:crypto';
import { access, lstat, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RunRecord } from '../../schemas/run-record.ts';
import { BadRunError, type RunUnit, type StoreAdapter } from '../adapter.ts';
import { findLinkedOutput, readTrainerRun } from './hf-trainer-run.ts';
import { CHECKPOINT_FOLDER, listCheckpoints } from './hf-trainer-state.ts';
import { flattenParams, readHparamsYaml } from './lightning-hparams.ts';
import { classifyLoggerFolder, identifyRunFolder, LIGHTNING_VERSION, readHostFromEventFileName } from './log-folder-identity.ts';
import { SESSION_STATUS_NAMES } from './tensorboard-hparams.ts';
import { isEventFileName, readEventRun } from './tensorboard-run.ts';

/** Folder depth searched below a store for run folders. */
const MAX_DEPTH = 6;
const HPARAMS_FILE = 'hparams.yaml';

/** A run folder of a TensorBoard store. */
export interface TensorboardUnit extends RunUnit {
	storeRoot: string;
	files: string[];
	/** The Trainer output folder this training belongs to, when its `args` text names one. */
	trainerOutput: string | null;
	/** That folder's newest `trainer_state.json`. */
	statePath: string | null;
}

/** Every folder under `root` (itself included) that directly holds event files, with its files. */
async function findRunFolders(root: string): Promise<{ dir: string; files: string[] }[]> {
	const found: { dir: string; files: string[] }[] = [];
	async function visit(dir: string, depth: number): Promise<void> {
		const entries = await readdir(dir, { withFileTypes: true });
		const files = entries
			.filter((e) => e.isFile() && isEventFileName(e.name))
			.map((e) => join(dir, e.name))
			.sort();
		if (files.length > 0) found.push({ dir, files });
		if (depth >= MAX_DEPTH) return;
		for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
			if (entry.isDirectory() && !entry.name.startsWith('.') && !CHECKPOINT_FOLDER.test(entry.name)) await visit(join(dir, entry.name), depth + 1);
		}
	}
	await visit(root, 0);
	return found;
}

/** Whether a folder holds a Trainer checkpoint among its subfolders' subfolders: only then can an event folder under it belong to a Trainer output. */
function makeTrainerNearby(): (dir: string) => Promise<boolean> {
	const memo = new Map<string, Promise<boolean>>();
	return (dir) => {
		let known = memo.get(dir);
		if (!known) {
			known = (async () => {
				for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
					if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
					if (CHECKPOINT_FOLDER.test(entry.name)) return true;
					const inner = await readdir(join(dir, entry.name)).catch(() => [] as string[]);
					if (inner.some((n) => CHECKPOINT_FOLDER.test(n))) return true;
				}
				return false;
			})();
			memo.set(dir, known);
		}
		return known;
	};
}

async function fingerprintFiles(paths: readonly string[]): Promise<string> {
	const hash = createHash('sha1');
	for (const path of paths) {
		const info = await lstat(path).catch(() => null);
		hash.update(`${path}\0${info ? `${info.size}:${info.mtimeMs}` : '-'}\n`);
	}
	return hash.digest('base64url');
}

async function exists(path: string): Promise<boolean> {
	return access(path).then(
		() => true,
		() => false
	);
}

function toStatus(endStatus: number | null): RunRecord['status'] {
	switch (endStatus) {
		case null:
			return 'running';
		case 1:
			return 'finished';
		case 2:
			return 'failed';
		case 3:
			return 'running';
		default:
			return 'unknown';
	}
}

/** Reads one run folder that belongs to no Trainer output. */
async function readEventFolder(unit: TensorboardUnit): Promise<RunRecord> {
	const events = await readEventRun(unit.files);
	const warnings = [...events.warnings];
	if (events.firstMs === null)
		throw new BadRunError(
			`${unit.path}: no whole event with a wall_time in ${unit.files.length} event file(s) (${events.records} records), so the run has no start time`
		);
	const identity = identifyRunFolder(unit.storeRoot, unit.path);
	const params = flattenParams(events.hparams);
	const hparamsPath = join(unit.path, HPARAMS_FILE);
	if (await exists(hparamsPath)) {
		// The plugin holds what TensorBoard shows (objects as their repr); the file fills in what it lacks
		const file = await readHparamsYaml(hparamsPath);
		warnings.push(...file.warnings);
		const tops = new Set(Object.keys(params).map((k) => k.split('/')[0]));
		for (const [key, value] of Object.entries(file.params)) if (!tops.has(key.split('.')[0])) params[key] = value;
	}
	if (await exists(join(unit.path, 'metrics.csv'))) warnings.push(`${join(unit.path, 'metrics.csv')}: not read; the event files beside it hold the same run`);
	const status = toStatus(events.endStatus);
	const lastAt = new Date(events.lastMs!).toISOString();
	return {
		id: `tensorboard:${identity.nativeId}`,
		source: 'tensorboard',
		nativeId: identity.nativeId,
		name: identity.name,
		experiment: identity.experiment,
		experimentId: null,
		experimentKey: `tensorboard:${identity.experiment}`,
		status,
		statusRaw: events.endStatus === null ? null : (SESSION_STATUS_NAMES[events.endStatus] ?? String(events.endStatus)),
		startedAt: new Date(events.firstMs).toISOString(),
		endedAt: status === 'finished' || status === 'failed' ? lastAt : null,
		lastActivityAt: lastAt,
		user: unit.files.map((f) => readHostFromEventFileName(basename(f))).find((h) => h !== null) ?? null,
		git: null,
		params,
		metrics: Object.fromEntries(events.scalars),
		tags: {},
		notes: null,
		lessons: [],
		deleted: false,
		parentId: null,
		warnings,
	};
}

/** A folder of TensorBoard event files: one run per folder that directly holds event files. */
export const tensorboardAdapter: StoreAdapter<TensorboardUnit> = {
	kind: 'tensorboard',
	async detect(path, entry) {
		if (!entry.isDirectory()) return false;
		const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
		if (entries.some((e) => e.isFile() && isEventFileName(e.name))) return true;
		return entries.some((e) => e.isDirectory() && LIGHTNING_VERSION.test(e.name)) && (await classifyLoggerFolder(path, isEventFileName)) === 'tensorboard';
	},
	async list(path) {
		const units: TensorboardUnit[] = [];
		const trainerNearby = makeTrainerNearby();
		for (const { dir, files } of await findRunFolders(path)) {
			const inLightning = [dir, dirname(dir)].some((d) => LIGHTNING_VERSION.test(basename(d)));
			let trainerOutput: string | null = null;
			let statePath: string | null = null;
			if (!inLightning && ((await trainerNearby(dirname(dir))) || (await trainerNearby(dirname(dirname(dir)))))) {
				trainerOutput = await findLinkedOutput(dir, files);
				if (trainerOutput) statePath = (await listCheckpoints(trainerOutput))[0]!.statePath;
			}
			const watched = [...files, join(dir, HPARAMS_FILE), ...(statePath ? [statePath] : [])];
			units.push({
				key: `tensorboard:${path}:${dir}`,
				path: dir,
				fingerprint: await fingerprintFiles(watched),
				storeRoot: path,
				files,
				trainerOutput,
				statePath,
			});
		}
		return { units, experimentLessons: [], bad: [], warnings: [] };
	},
	async read(unit) {
		if (unit.trainerOutput) return readTrainerRun({ outputDir: unit.trainerOutput, statePath: unit.statePath, eventFiles: unit.files, fileTimesMs: null });
		return readEventFolder(unit);
	},
};
