import { stat } from 'node:fs/promises';
import { type SiteOptions, siteOptionsSchema } from '../schemas/index.ts';
import { checkProseReferences, checkReferences } from './check-references.ts';
import { displayPath } from './display-path.ts';
import { type Issue, sortIssues } from './issues.ts';
import { type Archive, parseEntries } from './parse-entries.ts';
import { readArchive } from './read-archive.ts';
import { readSiteOptions } from './site-options.ts';

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
	const checked = await validateArchiveFiles(contentDir, cwd);
	return { ...checked, issues: sortIssues([...checked.issues, ...(await checked.checkProse())]) };
}

/**
 * {@link validateArchive} in two steps: everything but the references in prose, then (`checkProse`) those.
 * The first is what pages need; `npm run dev` serves after it and reports the second's problems later.
 */
export async function validateArchiveFiles(contentDir: string, cwd = process.cwd()): Promise<ValidatedArchive & { checkProse: () => Promise<Issue[]> }> {
	// A mistyped folder would otherwise read as a valid, empty archive and build an empty site.
	if (!(await stat(contentDir).catch(() => undefined))?.isDirectory()) {
		const file = displayPath(cwd, contentDir);
		const message =
			'no such folder; expected the archive folder holding people/, decisions/, experiments/, retros/ and runs/ (set HINDSIGHT_CONTENT, or --content for the scripts)';
		const archive = { people: [], decisions: [], experiments: [], retros: [], runs: [] };
		return { archive, options: siteOptionsSchema.parse({}), issues: [{ file, message }], checkProse: async () => [] };
	}
	const [raw, { options, issues: optionIssues }] = await Promise.all([readArchive(contentDir, cwd), readSiteOptions(contentDir, cwd)]);
	const { archive, issues, salvaged } = parseEntries(raw);
	return {
		archive,
		options,
		issues: sortIssues([...optionIssues, ...issues, ...checkReferences(archive, salvaged)]),
		checkProse: async () => sortIssues(await checkProseReferences(archive, salvaged)),
	};
}
