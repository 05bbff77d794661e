import { checkReferences } from './check-references.ts';
import { sortIssues, type Issue } from './issues.ts';
import { parseEntries, type Archive } from './parse-entries.ts';
import { readArchive } from './read-archive.ts';
import { readSiteOptions } from './site-options.ts';
import type { SiteOptions } from '../schemas/index.ts';

/** The archive's valid entries and every problem found in it. */
export interface ValidatedArchive {
	archive: Archive;
	options: SiteOptions;
	issues: Issue[];
}

/**
 * Reads and checks the whole archive in `contentDir`: each file against its schema, then every
 * reference, id and lifecycle rule across files. All problems are returned, never just the first.
 */
export async function validateArchive(contentDir: string, cwd = process.cwd()): Promise<ValidatedArchive> {
	const [raw, { options, issues: optionIssues }] = await Promise.all([readArchive(contentDir, cwd), readSiteOptions(contentDir, cwd)]);
	const { archive, issues, rejected } = parseEntries(raw);
	return { archive, options, issues: sortIssues([...optionIssues, ...issues, ...checkReferences(archive, rejected)]) };
}
