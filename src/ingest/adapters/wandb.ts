// Weights & Biases run folders (run-formats.md §3): a `wandb/` folder holding `run-<time>-<id>/` (online)
// and `offline-run-<time>-<id>/` folders, each with the binary log `run-<id>.wandb` and, for online or
// synced runs, run files in `files/`. A run resumed in a new folder has one folder per resume.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { RunRecord } from '../../schemas/run-record.ts';
import { BadRunError, describeReadError, type RunUnit, type StoreAdapter, type StoreListing } from '../adapter.ts';
import { readWandbRunFiles, WANDB_RUN_FILES } from './wandb-files.ts';
import { NotAWandbLogError, readWandbLogFrames, type WandbLogFrames } from './wandb-log.ts';
import { decodeWandbRecord, type WandbRecord } from './wandb-record.ts';
import { applyWandbHistoryRows, applyWandbRecord, beginWandbSegment, createWandbRunState, noteUndecodableRecord, toWandbRecord } from './wandb-run.ts';

/** `run-YYYYMMDD_HHMMSS-<id>` or `offline-run-…`; the id may hold `-`, so it is taken from the log's name. */
const RUN_FOLDER = /^(?:offline-)?run-(\d{8})_(\d{6})-(.+)$/;
const LOG_FILE = /^run-(.+)\.wandb$/;
/** Names W&B gives its store folder (`.wandb` when `wandb` was taken). */
const STORE_FOLDER = /^\.?wandb$/;

/** One run folder of a run, as listed. */
interface RunFolder {
	dir: string;
	/** The log's path, or null for a folder holding only run files. */
	log: string | null;
	/** The folder name's time, epoch ms read as UTC (it is the machine's local time). */
	folderStartMs: number;
}

/** A run as listed: its folders in start order (more than one when it was resumed). */
export interface WandbUnit extends RunUnit {
	runId: string;
	folders: RunFolder[];
	storeKey: string;
	/** Files left unread because they are links out of the store, for the run's warnings. */
	outsideLinks: string[];
}

function folderStartMs(match: RegExpExecArray): number {
	const [d, t] = [match[1]!, match[2]!];
	return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)), Number(t.slice(0, 2)), Number(t.slice(2, 4)), Number(t.slice(4, 6)));
}

function isInside(path: string, root: string): boolean {
	return path === root || path.startsWith(root + sep);
}

/** A file's stamp if it is there and readable without leaving the store; a link out of it is noted and not followed. */
function stampFile(path: string, realRoot: string, outside: string[]): Stats | null {
	const info = lstatSync(path, { throwIfNoEntry: false });
	if (!info) return null;
	if (!info.isSymbolicLink()) return info.isFile() ? info : null;
	let target: string;
	try {
		target = realpathSync(path);
	} catch {
		outside.push(`${path}: dangling symbolic link; not read`);
		return null;
	}
	if (!isInside(target, realRoot)) {
		outside.push(`${path}: symbolic link leads out of the store (to ${target}); not followed`);
		return null;
	}
	const stat = statSync(target);
	return stat.isFile() ? stat : null;
}

interface ListedFolder {
	runId: string;
	folder: RunFolder;
	stamps: string[];
	outside: string[];
}

/** Lists one run folder: its log and run files with their stamps; null when it holds neither. */
function listFolder(dir: string, match: RegExpExecArray, realRoot: string, warnings: string[]): ListedFolder | null {
	const names = readdirSync(dir).sort();
	const logs = names.filter((n) => LOG_FILE.test(n));
	const outside: string[] = [];
	const stamps: string[] = [];
	let log: string | null = null;
	for (const name of logs) {
		const stat = stampFile(join(dir, name), realRoot, outside);
		if (!stat) continue;
		if (log === null) {
			log = join(dir, name);
			stamps.push(`${basename(dir)}/${name} ${stat.size} ${stat.mtimeMs}`);
		} else warnings.push(`${join(dir, name)}: a second log in one run folder; only ${basename(log)} is read`);
	}
	for (const name of WANDB_RUN_FILES) {
		const stat = stampFile(join(dir, 'files', name), realRoot, outside);
		if (stat) stamps.push(`${basename(dir)}/files/${name} ${stat.size} ${stat.mtimeMs}`);
	}
	if (log === null && stamps.length === 0) return null;
	const runId = log === null ? match[3]! : LOG_FILE.exec(basename(log))![1]!;
	return { runId, folder: { dir, log, folderStartMs: folderStartMs(match) }, stamps, outside };
}

/** Lists a store: its run folders grouped by run id (a resumed run is one run), each group fingerprinted. */
function listStore(storeRoot: string): StoreListing<WandbUnit> {
	const listing: StoreListing<WandbUnit> = { units: [], experimentLessons: [], bad: [], warnings: [] };
	const single = RUN_FOLDER.exec(basename(storeRoot));
	// A run folder named directly is a store of its own; its folder is the root links may not leave
	const root = single ? dirname(storeRoot) : storeRoot;
	const realRoot = realpathSync(single ? storeRoot : root);
	const entries = single
		? [{ name: basename(storeRoot), link: false, dir: true }]
		: readdirSync(root, { withFileTypes: true }).map((e) => ({ name: e.name, link: e.isSymbolicLink(), dir: e.isDirectory() }));
	entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const groups = new Map<string, ListedFolder[]>();
	const empty: string[] = [];
	for (const entry of entries) {
		const match = RUN_FOLDER.exec(entry.name);
		if (!match) continue;
		const dir = join(root, entry.name);
		if (entry.link) {
			// `latest-run` and its kind name a run folder listed anyway; one leading elsewhere is not followed
			let target: string | null = null;
			try {
				target = realpathSync(dir);
			} catch {
				// dangling
			}
			if (target === null || !isInside(target, realRoot))
				listing.warnings.push(`${dir}: symbolic link ${target === null ? 'dangles' : `leads out of the store (to ${target})`}; not followed`);
			else if (dirname(target) !== realRoot || !RUN_FOLDER.test(basename(target)))
				listing.warnings.push(`${dir}: symbolic link to ${target}, which is not a run folder of this store; not followed`);
			continue;
		}
		if (!entry.dir) continue;
		try {
			const listed = listFolder(dir, match, realRoot, listing.warnings);
			if (listed === null) {
				empty.push(entry.name);
				continue;
			}
			const group = groups.get(listed.runId) ?? [];
			group.push(listed);
			groups.set(listed.runId, group);
		} catch (error) {
			listing.bad.push({ path: dir, reason: describeReadError(error, dir) });
		}
	}
	if (empty.length) {
		listing.warnings.push(
			`${empty.length} run folder(s) hold neither a run-<id>.wandb log nor run files (config.yaml, wandb-summary.json, wandb-metadata.json); skipped, as W&B leaves them for a wandb.init() that returned a live run: ${empty.join(', ')}`
		);
	}
	for (const [runId, folders] of groups) {
		folders.sort((a, b) => a.folder.folderStartMs - b.folder.folderStartMs || (a.folder.dir < b.folder.dir ? -1 : 1));
		const hash = createHash('sha1');
		for (const f of folders) for (const stamp of f.stamps) hash.update(`${stamp}\n`);
		listing.units.push({
			key: `wandb:${realRoot}:${runId}`,
			path: folders[folders.length - 1]!.folder.dir,
			fingerprint: hash.digest('base64url'),
			runId,
			folders: folders.map((f) => f.folder),
			storeKey: `wandb:${root}`,
			outsideLinks: folders.flatMap((f) => f.outside),
		});
	}
	return listing;
}

/** Reads one log into the run's state; a log that is not W&B's is a bad run unless run files stand in for it. */
function readLog(path: string, state: ReturnType<typeof createWandbRunState>, hasFiles: boolean): void {
	let frames: WandbLogFrames;
	try {
		frames = readWandbLogFrames(readFileSync(path), basename(path));
	} catch (error) {
		if (!(error instanceof NotAWandbLogError)) throw error;
		if (!hasFiles) throw new BadRunError(`${path}: ${error.message.slice(basename(path).length + 2)}, and the run folder has no run files to read instead`);
		state.warnings.push(`${error.message}; the run files were read instead`);
		return;
	}
	beginWandbSegment(state);
	state.warnings.push(...frames.warnings);
	for (const payload of frames.records) {
		let record: WandbRecord;
		try {
			record = decodeWandbRecord(payload);
		} catch {
			noteUndecodableRecord(state);
			continue;
		}
		applyWandbRecord(state, record);
	}
}

function readRun(unit: WandbUnit): RunRecord {
	const state = createWandbRunState(unit.runId);
	state.warnings.push(...unit.outsideLinks);
	let files = null;
	for (const folder of unit.folders) {
		const folderFiles = readWandbRunFiles(folder.dir, state.warnings);
		const hasFiles = Object.values(folderFiles).some((f) => f !== null);
		if (folder.log) readLog(folder.log, state, hasFiles);
		if (hasFiles) files = folderFiles;
	}
	state.files = files;
	state.folderStartMs = unit.folders[0]!.folderStartMs;
	if (state.segments.length === 0 && files?.history) applyWandbHistoryRows(state, files.history);
	if (state.segments.length > 0 && state.run.runId === undefined && state.run.startMs === undefined && files === null) {
		throw new BadRunError(
			`${unit.folders[0]!.log}: holds no run record (the first records W&B writes: expected a RunRecord, field 17) and the run folder has no run files; nothing says what this run was`
		);
	}
	return toWandbRecord(state, { storeKey: unit.storeKey });
}

/** True for a folder holding at least one run folder (`run-*`, `offline-run-*`). */
function holdsRunFolders(dir: string): boolean {
	try {
		return readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory() && RUN_FOLDER.test(e.name));
	} catch {
		return false;
	}
}

/** W&B's local run folders, online and offline. */
export const wandbAdapter: StoreAdapter<WandbUnit> = {
	kind: 'wandb',
	async detect(path, entry, named) {
		if (!entry.isDirectory()) return false;
		const name = basename(path);
		if (RUN_FOLDER.test(name)) {
			try {
				return readdirSync(path).some((n) => LOG_FILE.test(n) || n === 'files');
			} catch {
				return false;
			}
		}
		return (STORE_FOLDER.test(name) || named) && holdsRunFolders(path);
	},
	async list(path) {
		return listStore(path);
	},
	async read(unit) {
		return readRun(unit);
	},
};
