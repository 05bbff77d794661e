import { isAbsolute, relative, sep } from 'node:path';

/**
 * How a file or folder is named in messages: relative to where the command runs when it lies below
 * it (`content/decisions/dr-0001.mdx`), otherwise as given in full, never as a climb of `../..`.
 * Always with forward slashes, so messages read the same on every system.
 */
export function displayPath(cwd: string, path: string): string {
	const rel = relative(cwd, path);
	if (rel === '') return '.';
	const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
	return (outside ? path : rel).split(sep).join('/');
}
