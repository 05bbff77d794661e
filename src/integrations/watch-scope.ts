import { isAbsolute, relative, sep } from 'node:path';

/**
 * What `npm run dev` leaves out of Vite's file watcher: everything under the project that the site is not
 * built from. Vite watches the whole project folder, and a team's repository often holds run stores beside
 * the archive (an `mlruns/` of a hundred thousand files, benchmark and test output): watching them cost the
 * dev server about 9 s of its start on the ten-year benchmark archive, and the memory of one watcher per
 * folder. Kept: `src/`, `public/`, the archive folder, and the files at the project's top level (its
 * configuration). Folders above a kept one are walked, not watched whole; anything outside the project
 * (an archive elsewhere) is left to Vite.
 */
export function createWatchFilter(root: string, kept: string[]): (path: string) => boolean {
	const keptFolders = kept.map((folder) => relative(root, folder)).filter((folder) => folder !== '' && !folder.startsWith('..') && !isAbsolute(folder));
	if (keptFolders.length < kept.length) return () => false; // the whole project is kept
	return (path) => {
		const inProject = relative(root, path);
		if (inProject === '' || inProject.startsWith('..') || isAbsolute(inProject)) return false;
		if (!inProject.includes(sep)) return false; // a top-level file, or a folder walked to reach a kept one
		return !keptFolders.some((folder) => isWithin(inProject, folder) || isWithin(folder, inProject));
	};
}

function isWithin(path: string, folder: string): boolean {
	return path === folder || path.startsWith(`${folder}${sep}`);
}
