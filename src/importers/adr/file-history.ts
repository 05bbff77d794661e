// The version history of an ADR file, read with the `git` binary where the folder is in a repository.
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Someone who wrote a commit that changed the file. */
export interface HistoryAuthor {
	name: string;
	email: string;
}

/** What the history of one file says: its authors, earliest first, and the day of its first commit. */
export interface FileHistory {
	/** Each author once, in the order of their first commit to the file; the first wrote the first version. */
	authors: HistoryAuthor[];
	/** The author date of the commit that added the file, `YYYY-MM-DD`. */
	firstDay: string;
}

// Unit separator: it cannot occur in a name or an e-mail address.
const FIELD = '\x1f';

/**
 * The file's history, following renames, or undefined when there is none to read: the folder is not in a
 * git repository, `git` is not installed, or the file was never committed.
 */
export async function readFileHistory(path: string): Promise<FileHistory | undefined> {
	let stdout: string;
	try {
		({ stdout } = await run('git', ['-C', dirname(path), 'log', '--follow', `--format=%aN${FIELD}%aE${FIELD}%as`, '--', basename(path)], {
			maxBuffer: 16 * 1024 * 1024,
		}));
	} catch {
		return undefined;
	}
	const commits = stdout
		.split('\n')
		.filter((line) => line.includes(FIELD))
		.map((line) => {
			const [name = '', email = '', day = ''] = line.split(FIELD);
			return { name: name.trim(), email: email.trim(), day };
		})
		.reverse();
	if (commits.length === 0) return undefined;
	const authors: HistoryAuthor[] = [];
	for (const { name, email } of commits) {
		const key = (email || name).toLowerCase();
		if (!authors.some((author) => (author.email || author.name).toLowerCase() === key)) authors.push({ name, email });
	}
	return { authors, firstDay: commits[0]!.day };
}
