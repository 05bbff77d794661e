/**
 * The address at which the file `path` (inside the archive folder, `/`-separated) is edited, from the
 * pattern in `hindsight.yaml`'s `editUrl`; undefined when no pattern is set. Each part of the path is
 * escaped, so a file name with spaces or `#` still makes a working link.
 */
export function buildEditUrl(pattern: string | undefined, path: string): string | undefined {
	if (!pattern) return undefined;
	const escaped = path.split('/').map(encodeURIComponent).join('/');
	return pattern.replaceAll('{path}', escaped);
}
