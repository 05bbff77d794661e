// Names for runs that live in plain log folders (TensorBoard, Lightning, the Hugging Face Trainer), where
// no tool gives a run an id: the id comes from the run's place under the nearest meaningful folder, so a
// re-ingest from another working folder, or of a parent folder, gives the same id.
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { toPosix } from '../deterministic.ts';

/** Lightning's version folders, `version_<N>` (or any `version_<name>` a user gave). */
export const LIGHTNING_VERSION = /^version_/;

/** How a run in a log folder is named. */
export interface FolderIdentity {
	/** The run's native id: the anchor folder's name and the run's path under it, with `/`. */
	nativeId: string;
	/** Display name: the run's path under its logger or store folder. */
	name: string;
	/** The experiment: the nearest meaningful folder. */
	experiment: string;
}

/**
 * Names a run folder found in a store rooted at `storeRoot`. Under Lightning's layout
 * (`<project>/<name>/version_N[/sub]`) the anchor is the project folder and the experiment is the
 * project (for the default `lightning_logs`) or the logger's `name`; elsewhere the anchor and the
 * experiment are the folder holding the store.
 */
export function identifyRunFolder(storeRoot: string, runDir: string): FolderIdentity {
	let version: string | null = null;
	for (let dir = runDir; dir.length >= storeRoot.length && dir !== dirname(dir); dir = dirname(dir)) {
		if (LIGHTNING_VERSION.test(basename(dir))) {
			version = dir;
			break;
		}
	}
	if (version !== null) {
		const loggerDir = dirname(version);
		const project = dirname(loggerDir);
		const logger = basename(loggerDir);
		return {
			nativeId: `${basename(project)}/${toPosix(relative(project, runDir))}`,
			name: toPosix(relative(loggerDir, runDir)),
			experiment: logger === 'lightning_logs' ? basename(project) : logger,
		};
	}
	const anchor = dirname(storeRoot);
	return {
		nativeId: `${basename(anchor)}/${toPosix(relative(anchor, runDir))}`,
		name: toPosix(relative(storeRoot, runDir)) || basename(runDir),
		experiment: basename(anchor),
	};
}

/**
 * The host name in an event file's name (`events.out.tfevents.<time>.<host>[.<pid>.<n>][.v2]`), or
 * null. Host names may hold dots, so the known fields are taken off both ends rather than split out.
 */
export function readHostFromEventFileName(name: string): string | null {
	const match = /^events\.out\.tfevents\.\d+\.(.+)$/.exec(name);
	if (!match) return null;
	const host = match[1]!.replace(/\.v2$/, '').replace(/\.\d+\.\d+$/, '');
	return host || null;
}

/**
 * Which Lightning logger wrote a logger folder (`<project>/lightning_logs/`): `tensorboard` when some
 * `version_*` folder holds event files, `csv` when every one that holds logs holds `metrics.csv` and no
 * event files, null when it is not a logger folder or mixes both (then each version folder is a store
 * of its own kind).
 */
export async function classifyLoggerFolder(path: string, isEventFile: (name: string) => boolean): Promise<'tensorboard' | 'csv' | null> {
	let tensorboard = 0;
	let csv = 0;
	for (const entry of await readdir(path, { withFileTypes: true })) {
		if (!entry.isDirectory() || !LIGHTNING_VERSION.test(entry.name)) continue;
		const files = (await readdir(join(path, entry.name), { withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).map((e) => e.name);
		if (files.some(isEventFile)) tensorboard++;
		else if (files.includes('metrics.csv')) csv++;
	}
	if (tensorboard > 0 && csv === 0) return 'tensorboard';
	if (csv > 0 && tensorboard === 0) return 'csv';
	return null;
}
