/** A problem in the archive, precise enough to fix without searching. */
export interface Issue {
	/** File path relative to the working directory. */
	file: string;
	/** 1-based line in the file, when known. */
	line?: number | undefined;
	/** The field, as a dotted path (`affects.config[2]`), when the problem is in one. */
	field?: string | undefined;
	/** What was expected and what was found. */
	message: string;
}

/** Renders a data path the way authors write it: `lessons[0].id`. */
export function formatDataPath(path: readonly PropertyKey[]): string {
	return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** One line per issue, `file:line field: message`, sorted by file then line. */
export function formatIssues(issues: readonly Issue[]): string {
	return sortIssues(issues)
		.map(({ file, line, field, message }) => `${file}${line ? `:${line}` : ''}${field ? ` ${field}` : ''}: ${message}`)
		.join('\n');
}

/** Issues in reading order: by file, then line. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
	return [...issues].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}
