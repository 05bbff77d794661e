import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A regular file found by {@link walkFiles}: its key (path relative to the root, `/`-separated), size and mtime. */
export interface WalkedFile {
	key: string;
	path: string;
	size: number;
	mtimeMs: number;
}

/** Thrown when a symbolic link loops, dangles, or leads out of the store. */
export class UnsafeLinkError extends Error {}

/**
 * Lists every regular file under `root` (absent root → empty list). Keys keep MLflow's convention
 * that `/` in a metric, param or tag name becomes a subfolder. Symbolic links are followed only
 * when they resolve inside `storeRoot`; a loop or a link out of the store throws, so the caller can
 * report the run instead of reading someone else's files or recursing forever.
 */
export async function walkFiles(root: string, storeRoot: string): Promise<WalkedFile[]> {
	return walkFilesSync(root, storeRoot);
}

/**
 * {@link walkFiles}, synchronously: listing a run is a dozen metadata calls that the page cache
 * answers in microseconds, far less than a promise round trip each, and it decides re-ingest time.
 */
export function walkFilesSync(root: string, storeRoot: string): WalkedFile[] {
	const files: WalkedFile[] = [];
	const visited = new Set<string>();
	function visit(dir: string): void {
		let entries;
		try {
			entries = readdirSync(dir, { withFileTypes: true });
		} catch (error) {
			if (dir === root && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
			throw error;
		}
		for (const entry of entries) {
			const path = join(dir, entry.name);
			let isDir = entry.isDirectory();
			if (entry.isSymbolicLink()) {
				const target = resolveInsideSync(path, storeRoot);
				if (visited.has(target)) throw new UnsafeLinkError(`${path}: symbolic link loop`);
				const info = statSync(target);
				isDir = info.isDirectory();
				if (isDir) visited.add(target);
			}
			if (isDir) {
				visit(path);
				continue;
			}
			const info = statSync(path);
			if (!info.isFile()) continue;
			files.push({ key: relative(root, path).split(sep).join('/'), path, size: info.size, mtimeMs: info.mtimeMs });
		}
	}
	visit(root);
	files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	return files;
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
