import { open, readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE } from './adapters/manifest.ts';
import type { BadRun, FoundStore } from './types.ts';

const SKIP_DIRS = new Set(['node_modules', '.git', 'artifacts', 'wandb', '.hindsight-cache']);
const MAX_DEPTH = 8;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

async function isSqlite(path: string): Promise<boolean> {
	const handle = await open(path, 'r');
	try {
		const buf = Buffer.alloc(16);
		const { bytesRead } = await handle.read(buf, 0, 16, 0);
		return bytesRead === 16 && buf.toString('latin1') === SQLITE_MAGIC;
	} finally {
		await handle.close();
	}
}

async function hasFile(path: string): Promise<boolean> {
	try {
		return (await stat(path)).isFile();
	} catch {
		return false;
	}
}

/**
 * An MLflow file store is a folder whose experiment folders hold a `meta.yaml`: `0/`, an integer id,
 * or `.trash/`. Checking a few children keeps detection cheap on a store of thousands of runs.
 */
export async function isMlflowFileStore(dir: string): Promise<boolean> {
	let entries;
	try {
		entries = await readdir(dir, { withFileTypes: true });
	} catch {
		return false;
	}
	for (const entry of entries) {
		if (!entry.isDirectory()) continue;
		if (entry.name === '.trash') return true;
		if (/^\d+$/.test(entry.name) && (await hasFile(join(dir, entry.name, 'meta.yaml')))) return true;
	}
	return false;
}

function describeError(error: unknown): string {
	const e = error as NodeJS.ErrnoException;
	if (e.code === 'ELOOP') return 'symbolic link loop';
	if (e.code === 'ENOENT') return 'no such file or folder';
	if (e.code === 'EACCES') return 'permission denied';
	return e.code ? `${e.code}: ${e.message}` : String(e.message ?? error);
}

/**
 * Finds the run stores under each path: an MLflow file store (folder), an MLflow SQLite database
 * (`*.db` with SQLite's header), or Hindsight manifests (`*.run.json|yaml|yml`; any JSON or YAML
 * file when named directly). Symbolic links inside folders are not followed, so a link loop or a
 * link out of the tree cannot send the search astray.
 */
export async function findStores(paths: string[]): Promise<{ stores: FoundStore[]; bad: BadRun[]; warnings: string[] }> {
	const stores: FoundStore[] = [];
	const bad: BadRun[] = [];
	const warnings: string[] = [];
	const seen = new Set<string>();
	const add = (store: FoundStore) => {
		if (seen.has(store.path)) return;
		seen.add(store.path);
		stores.push(store);
	};
	async function visit(dir: string, depth: number): Promise<void> {
		if (await isMlflowFileStore(dir)) {
			add({ kind: 'mlflow-fs', path: dir });
			return;
		}
		if (depth >= MAX_DEPTH) return;
		let entries;
		try {
			entries = await readdir(dir, { withFileTypes: true });
		} catch (error) {
			bad.push({ path: dir, reason: `${dir}: cannot list (${describeError(error)})` });
			return;
		}
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		for (const entry of entries) {
			const path = join(dir, entry.name);
			if (entry.isSymbolicLink()) {
				if (MANIFEST_FILE.test(entry.name)) {
					try {
						const target = await realpath(path);
						if ((await stat(target)).isFile()) add({ kind: 'manifest', path: target });
					} catch (error) {
						bad.push({ path, reason: `${path}: ${describeError(error)}` });
					}
				} else warnings.push(`${path}: symbolic link not followed`);
				continue;
			}
			if (entry.isDirectory()) {
				if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) await visit(path, depth + 1);
			} else if (entry.isFile()) {
				if (MANIFEST_FILE.test(entry.name)) add({ kind: 'manifest', path });
				else if (/\.(db|sqlite3?)$/i.test(entry.name)) {
					try {
						if (await isSqlite(path)) add({ kind: 'mlflow-sqlite', path });
					} catch (error) {
						bad.push({ path, reason: `${path}: cannot read (${describeError(error)})` });
					}
				}
			}
		}
	}
	for (const given of paths) {
		const absolute = resolve(given);
		let real: string;
		let info;
		try {
			real = await realpath(absolute);
			info = await stat(real);
		} catch (error) {
			bad.push({ path: given, reason: `${given}: ${describeError(error)}` });
			continue;
		}
		// Keep the path as given (not the link target) so digests name it the way the user does
		const path = real === absolute ? absolute : absolute;
		if (info.isDirectory()) {
			const before = stores.length;
			await visit(path, 0);
			if (stores.length === before) warnings.push(`${given}: no run stores found`);
		} else if (/\.(json|ya?ml)$/i.test(path)) add({ kind: 'manifest', path });
		else {
			try {
				if (await isSqlite(path)) add({ kind: 'mlflow-sqlite', path });
				else bad.push({ path: given, reason: `${given}: not a run store (expected a folder, a SQLite mlflow.db, or a .json/.yaml manifest)` });
			} catch (error) {
				bad.push({ path: given, reason: `${given}: cannot read (${describeError(error)})` });
			}
		}
	}
	return { stores, bad, warnings };
}
