import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';

/**
 * A regular file found by {@link walkFilesSync}: its key (path relative to the root, `/`-separated),
 * size and mtime (NaN when the walk did not look, until the reader that opens the file fills them in).
 */
export interface WalkedFile {
	key: string;
	path: string;
	size: number;
	mtimeMs: number;
}

/** Thrown when a symbolic link loops, dangles, or leads out of the store. */
export class UnsafeLinkError extends Error {}

/** One folder as a walk saw it: its path under the root (`''` for the root), ctime, mtime and regular files. */
export interface FolderRecord {
	p: string;
	c: number;
	m: number;
	f: string[];
}

/**
 * What a walk records so the next one can skip `readdir` ({@link listFromRecord}): every folder's
 * ctime and mtime and the names of its regular files, or `null` for an absent root. Left `usable:
 * false` when a symbolic link or a special file was met (those are walked in full every time), or a
 * folder changed too recently for its times to be trusted: a folder's times move when an entry is
 * added, removed or renamed, but only at the file system's clock granularity, so a folder touched
 * shortly before it was listed may change again without its times moving (git's "racy" case).
 */
export interface WalkRecord {
	folders: FolderRecord[] | null;
	usable: boolean;
	/** Folder times at or after this (epoch ms) are not trusted. */
	trustBefore: number;
}

/**
 * Lists every regular file under `root` (absent root → empty list). Keys keep MLflow's convention
 * that `/` in a metric, param or tag name becomes a subfolder. Symbolic links are followed only
 * when they resolve inside `storeRoot`; a loop or a link out of the store throws, so the caller can
 * report the run instead of reading someone else's files or recursing forever. Synchronous: listing
 * a run is a dozen metadata calls that the page cache answers in microseconds, far less than a
 * promise round trip each, and it decides re-ingest time.
 * With `record`, also notes what {@link listFromRecord} needs next time. Without `statFiles`, a
 * regular file's size and mtime are left NaN for whoever opens it to fill in (`fstat` on the open
 * file costs less than `stat` by path, which looks up every folder of the path again).
 */
export function walkFilesSync(root: string, storeRoot: string, record?: WalkRecord, statFiles = true): WalkedFile[] {
	const files: WalkedFile[] = [];
	const visited = new Set<string>();
	if (record) record.folders = [];
	// `prefix`: the folder's key under the root with a trailing `/` ('' for the root), built as the
	// walk goes down rather than by `relative` per file, which cost more than the stat
	function visit(dir: string, prefix: string): void {
		let folder: FolderRecord | null = null;
		if (record?.usable) {
			const info = lstatSync(dir, { throwIfNoEntry: false });
			if (info === undefined && dir === root) {
				record.folders = null;
				return;
			}
			if (!info?.isDirectory() || info.ctimeMs >= record.trustBefore || info.mtimeMs >= record.trustBefore) record.usable = false;
			else {
				folder = { p: prefix.slice(0, -1), c: info.ctimeMs, m: info.mtimeMs, f: [] };
				record.folders!.push(folder);
			}
		}
		let entries;
		try {
			entries = readdirSync(dir, { withFileTypes: true });
		} catch (error) {
			if (dir === root && (error as NodeJS.ErrnoException).code === 'ENOENT') {
				if (record) record.folders = null;
				return;
			}
			throw error;
		}
		for (const entry of entries) {
			// `dir` is normalised already and a name from readdir has no separator: what join would give, without its pass over the path
			const path = `${dir}${sep}${entry.name}`;
			let isDir = entry.isDirectory();
			if (entry.isSymbolicLink()) {
				if (record) record.usable = false;
				const target = resolveInsideSync(path, storeRoot);
				if (visited.has(target)) throw new UnsafeLinkError(`${path}: symbolic link loop`);
				const info = statSync(target);
				isDir = info.isDirectory();
				if (isDir) visited.add(target);
			}
			if (isDir) {
				visit(path, `${prefix}${entry.name}/`);
				continue;
			}
			if (!statFiles && entry.isFile()) {
				// A regular file (the folder entry says so): the reader that opens it takes its size and mtime
				folder?.f.push(entry.name);
				files.push({ key: prefix + entry.name, path, size: NaN, mtimeMs: NaN });
				continue;
			}
			const info = statSync(path);
			if (!info.isFile()) {
				if (record) record.usable = false;
				continue;
			}
			folder?.f.push(entry.name);
			files.push({ key: prefix + entry.name, path, size: info.size, mtimeMs: info.mtimeMs });
		}
	}
	visit(root, '');
	files.sort(byKey);
	return files;
}

function byKey(a: WalkedFile, b: WalkedFile): number {
	return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Lists what {@link walkFilesSync} would, from what an earlier walk recorded, with one `lstat` per
 * folder and per file and no `readdir`: a folder whose ctime and mtime are unchanged has the same
 * entries, and each file's own size and mtime are read afresh (so an appended metric file shows).
 * Returns null when anything differs (a folder changed, a file went or stopped being a regular
 * file): then walk in full.
 */
export function listFromRecord(root: string, folders: FolderRecord[] | null): WalkedFile[] | null {
	if (folders === null) return lstatSync(root, { throwIfNoEntry: false }) === undefined ? [] : null;
	const files: WalkedFile[] = [];
	for (const folder of folders) {
		const dir = folderPath(root, folder);
		if (!folderUnchanged(dir, folder)) return null;
		for (const name of folder.f) {
			const path = `${dir}${sep}${name}`;
			const file = lstatSync(path, { throwIfNoEntry: false });
			if (file === undefined || !file.isFile()) return null;
			files.push({ key: folder.p === '' ? name : `${folder.p}/${name}`, path, size: file.size, mtimeMs: file.mtimeMs });
		}
	}
	files.sort(byKey);
	return files;
}

function folderUnchanged(dir: string, folder: FolderRecord): boolean {
	const info = lstatSync(dir, { throwIfNoEntry: false });
	return info !== undefined && info.isDirectory() && info.ctimeMs === folder.c && info.mtimeMs === folder.m;
}

/**
 * True when the folders an earlier walk recorded still hold the same entries (ctime and mtime
 * unchanged; an absent root still absent), with one `lstat` per folder and none per file: a file
 * added, removed or renamed shows, a file changed in place does not.
 */
export function foldersUnchanged(root: string, folders: FolderRecord[] | null): boolean {
	if (folders === null) return lstatSync(root, { throwIfNoEntry: false }) === undefined;
	return folders.every((folder) => folderUnchanged(folderPath(root, folder), folder));
}

// Names come from readdir and `p` from a walk, so joining by hand gives what `join` would, without its
// normalising pass (a re-ingest makes tens of thousands of these paths)
function folderPath(root: string, folder: FolderRecord): string {
	return folder.p === '' ? root : `${root}${sep}${sep === '/' ? folder.p : folder.p.replaceAll('/', sep)}`;
}

/** Resolves a symbolic link, refusing loops, dangling links and targets outside `storeRoot`. */
export function resolveInsideSync(path: string, storeRoot: string): string {
	let target: string;
	try {
		target = realpathSync(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ELOOP') throw new UnsafeLinkError(`${path}: symbolic link loop`);
		if (code === 'ENOENT') throw new UnsafeLinkError(`${path}: dangling symbolic link`);
		throw error;
	}
	const root = realpathSync(storeRoot);
	if (target !== root && !target.startsWith(root + sep)) {
		throw new UnsafeLinkError(`${path}: symbolic link leads out of the store (to ${target})`);
	}
	return target;
}
