import { readdir, realpath, stat } from 'node:fs/promises';
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
	const files: WalkedFile[] = [];
	const visited = new Set<string>();
	async function visit(dir: string): Promise<void> {
		let entries;
		try {
			entries = await readdir(dir, { withFileTypes: true });
		} catch (error) {
			if (dir === root && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
			throw error;
		}
		for (const entry of entries) {
			const path = join(dir, entry.name);
			let isDir = entry.isDirectory();
			if (entry.isSymbolicLink()) {
				const target = await resolveInside(path, storeRoot);
				if (visited.has(target)) throw new UnsafeLinkError(`${path}: symbolic link loop`);
				const info = await stat(target);
				isDir = info.isDirectory();
				if (isDir) visited.add(target);
			}
			if (isDir) {
				await visit(path);
				continue;
			}
			const info = await stat(path);
			if (!info.isFile()) continue;
			files.push({ key: relative(root, path).split(sep).join('/'), path, size: info.size, mtimeMs: info.mtimeMs });
		}
	}
	await visit(root);
	files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	return files;
}

/** Resolves a symbolic link, refusing loops, dangling links and targets outside `storeRoot`. */
export async function resolveInside(path: string, storeRoot: string): Promise<string> {
	let target: string;
	try {
		target = await realpath(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ELOOP') throw new UnsafeLinkError(`${path}: symbolic link loop`);
		if (code === 'ENOENT') throw new UnsafeLinkError(`${path}: dangling symbolic link`);
		throw error;
	}
	const root = await realpath(storeRoot);
	if (target !== root && !target.startsWith(root + sep)) {
		throw new UnsafeLinkError(`${path}: symbolic link leads out of the store (to ${target})`);
	}
	return target;
}
