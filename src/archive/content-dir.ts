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
