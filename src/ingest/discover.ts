import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BadRun, RunUnit, StoreAdapter } from './adapter.ts';

/** A store found under one of the paths given to ingest, and the adapter that claimed it. */
export interface FoundStore {
	adapter: StoreAdapter<RunUnit>;
	/** Absolute, as the user gave it (not a link's target), so digests name it the way the user does. */
	path: string;
}

/** Folders no store lives in. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hindsight-cache']);
const MAX_DEPTH = 8;

function describeError(error: unknown): string {
	const e = error as NodeJS.ErrnoException;
	if (e.code === 'ELOOP') return 'symbolic link loop';
	if (e.code === 'ENOENT') return 'no such file or folder';
	if (e.code === 'EACCES') return 'permission denied';
	return e.code ? `${e.code}: ${e.message}` : String(e.message ?? error);
}

async function claim(
	adapters: readonly StoreAdapter<RunUnit>[],
	path: string,
	entry: { isDirectory(): boolean; isFile(): boolean },
	named: boolean
): Promise<StoreAdapter<RunUnit> | undefined> {
	for (const adapter of adapters) if (await adapter.detect(path, entry, named)) return adapter;
	return undefined;
}

/**
 * Finds the run stores under each path by asking every adapter about each folder and file met.
 * A folder an adapter claims is a store and is not searched further. Symbolic links inside folders
 * are not followed (a loop or a link out of the tree cannot send the search astray), except a link
 * to a single file, which is read where it points.
 */
export async function findStores(
	paths: string[],
	adapters: readonly StoreAdapter<RunUnit>[]
): Promise<{ stores: FoundStore[]; bad: BadRun[]; warnings: string[] }> {
	const stores: FoundStore[] = [];
	const bad: BadRun[] = [];
	const warnings: string[] = [];
	const seen = new Set<string>();
	const ignored = new Set([...SKIPPED_FOLDERS, ...adapters.flatMap((a) => a.ignoredFolders ?? [])]);
	const add = (adapter: StoreAdapter<RunUnit>, path: string) => {
		if (seen.has(path)) return;
		seen.add(path);
		stores.push({ adapter, path });
	};
	async function visit(dir: string, depth: number): Promise<void> {
		let entries: Dirent[];
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
				await visitLink(path);
				continue;
			}
			if (entry.isDirectory() && (ignored.has(entry.name) || entry.name.startsWith('.'))) continue;
			const adapter = await claim(adapters, path, entry, false);
			if (adapter) add(adapter, path);
			else if (entry.isDirectory() && depth + 1 < MAX_DEPTH) await visit(path, depth + 1);
		}
	}
	async function visitLink(path: string): Promise<void> {
		let target: string;
		let info: Stats;
		try {
			target = await realpath(path);
			info = await stat(target);
		} catch (error) {
			bad.push({ path, reason: `${path}: ${describeError(error)}` });
			return;
		}
		const adapter = info.isFile() ? await claim(adapters, target, info, false) : undefined;
		if (adapter) add(adapter, target);
		else warnings.push(`${path}: symbolic link not followed`);
	}
	for (const given of paths) {
		const absolute = resolve(given);
		let info: Stats;
		try {
			info = await stat(await realpath(absolute));
		} catch (error) {
			bad.push({ path: given, reason: `${given}: ${describeError(error)}` });
			continue;
		}
		const adapter = await claim(adapters, absolute, info, true);
		if (adapter) add(adapter, absolute);
		else if (info.isDirectory()) {
			const before = stores.length;
			await visit(absolute, 0);
			if (stores.length === before) warnings.push(`${given}: no run stores found`);
		} else bad.push({ path: given, reason: `${given}: not a run store (expected a folder, a SQLite mlflow.db, or a .json/.yaml manifest)` });
	}
	return { stores, bad, warnings };
}
