import type { Issue } from './issues.ts';
import type { Archive } from './parse-entries.ts';

/**
 * What is valid but still waits for someone: imported decision records whose original named no
 * deciders. Listed by `npm run check`, never a reason to fail it.
 */
export function listTodos(archive: Archive): Issue[] {
	return archive.decisions
		.filter(({ data }) => data.decidersNotRecorded)
		.map((entry) => ({
			file: entry.file,
			line: entry.lineOf(['decidersNotRecorded']),
			field: 'deciders',
			message: 'not recorded in the original record; when you know who decided, list them in deciders and remove decidersNotRecorded',
		}));
}
