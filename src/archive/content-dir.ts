import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';

/** The folder names of the archive's collections, under the content folder. */
export const COLLECTION_DIRS = {
	retros: 'retros',
	decisions: 'decisions',
	experiments: 'experiments',
	people: 'people',
	runs: 'runs',
} as const;

export type CollectionName = keyof typeof COLLECTION_DIRS;

/**
 * The archive folder: `HINDSIGHT_CONTENT` when set (a team keeps its archive in its own repository),
 * otherwise the shipped example archive in `content/`.
 */
export function resolveContentDir(root: string, env: Record<string, string | undefined> = process.env): string {
	const configured = env['HINDSIGHT_CONTENT']?.trim();
	if (!configured) return resolve(root, 'content');
	return isAbsolute(configured) ? configured : resolve(root, configured);
}

/**
 * Astro's content cache: `HINDSIGHT_CACHE_DIR` when set (builds that run side by side), otherwise a folder
 * of its own for each archive folder, named by a hash of its path, so that a cache never holds the
 * entries of two archives.
 */
export function resolveCacheDir(root: string, env: Record<string, string | undefined> = process.env): string {
	const configured = env['HINDSIGHT_CACHE_DIR']?.trim();
	if (configured) return resolve(root, configured);
	const hash = createHash('sha256').update(resolveContentDir(root, env)).digest('hex').slice(0, 12);
	return resolve(root, 'node_modules/.astro', `archive-${hash}`);
}
