import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type RunIndex, type SiteOptions, siteOptionsSchema } from '../schemas/index.ts';
import { checkProseReferences, checkReferences } from './check-references.ts';
import { COLLECTION_DIRS, type CollectionName } from './content-dir.ts';
import { displayPath } from './display-path.ts';
import { type Issue, sortIssues } from './issues.ts';
import { type Archive, parseEntries, type SalvagedArchive } from './parse-entries.ts';
import { readArchive, readCollection } from './read-archive.ts';
import { checkRunIndex, isRunIndexCurrent, RUN_INDEX_FILE, readRunIndex } from './run-index.ts';
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
	return { ...checked, issues: sortIssues([...checked.issues, ...(await checked.checkRest())]) };
}

/**
 * {@link validateArchive} in two steps: everything but the references in prose, then (`checkRest`) those.
 * The first is what pages need; `npm run dev` serves after it and reports the second's problems later.
 * With `deferDigests` and a current run index, the first step reads no digest: references to runs are
 * checked against the index, and `checkRest` checks the digests too (`digestsDeferred`).
 */
export async function validateArchiveFiles(
	contentDir: string,
	cwd = process.cwd(),
	options: { deferDigests?: boolean } = {}
): Promise<ValidatedArchive & { checkRest: () => Promise<Issue[]>; digestsDeferred: boolean }> {
	// A mistyped folder would otherwise read as a valid, empty archive and build an empty site.
	if (!(await stat(contentDir).catch(() => undefined))?.isDirectory()) {
		const file = displayPath(cwd, contentDir);
		const message =
			'no such folder; expected the archive folder holding people/, decisions/, experiments/, retros/ and runs/ (set HINDSIGHT_CONTENT, or --content for the scripts)';
		const archive = { people: [], decisions: [], experiments: [], retros: [], runs: [] };
		return { archive, options: siteOptionsSchema.parse({}), issues: [{ file, message }], checkRest: async () => [], digestsDeferred: false };
	}
	const { index, issues: indexIssues } = await readRunIndex(contentDir, cwd);
	const deferred = options.deferDigests === true && index !== undefined && (await isRunIndexCurrent(contentDir, index));
	const collections = (Object.keys(COLLECTION_DIRS) as CollectionName[]).filter((name) => !deferred || name !== 'runs');
	const [raw, { options: siteOptions, issues: optionIssues }] = await Promise.all([
		readArchive(contentDir, cwd, collections),
		readSiteOptions(contentDir, cwd),
	]);
	const { archive, issues, salvaged } = parseEntries(raw);
	const withStandIns = deferred ? { ...salvaged, runs: standInDigests(contentDir, cwd, index) } : salvaged;
	const runIndexIssues = index && !deferred ? await checkRunIndex(contentDir, index, listDigests(archive), cwd) : [];
	return {
		archive,
		options: siteOptions,
		issues: sortIssues([...optionIssues, ...indexIssues, ...issues, ...runIndexIssues, ...checkReferences(archive, withStandIns)]),
		checkRest: deferred
			? () => checkDigestsLater({ contentDir, cwd, index }, archive, salvaged)
			: async () => sortIssues(await checkProseReferences(archive, salvaged)),
		digestsDeferred: deferred,
	};
}

const listDigests = (archive: Archive) => archive.runs.map(({ data }) => data);

/** The index's runs as digests that failed their schema: their ids and names are all the references need. */
function standInDigests(contentDir: string, cwd: string, index: RunIndex): SalvagedArchive['runs'] {
	const file = displayPath(cwd, join(contentDir, COLLECTION_DIRS.runs, RUN_INDEX_FILE));
	return index.digests.map(({ month, runs }) => ({ id: month, file, data: { month, runs }, body: '', bodyLine: 1, lineOf: () => undefined }));
}

/**
 * The second step when the first read no digest: the digests against their schema, the index against
 * them, and every reference again with them and in prose. The entries are those the first step read. A
 * dev server answers requests while this runs, so it lets them in between digests.
 */
async function checkDigestsLater(
	where: { contentDir: string; cwd: string; index: RunIndex },
	entries: Archive,
	salvagedEntries: SalvagedArchive
): Promise<Issue[]> {
	const archive: Archive = { ...entries, runs: [] };
	const salvaged: SalvagedArchive = { ...salvagedEntries, runs: [] };
	const issues: Issue[] = [];
	for (const raw of await readCollection(where.contentDir, 'runs', where.cwd)) {
		await new Promise((resolve) => setImmediate(resolve));
		const parsed = parseEntries([raw]);
		archive.runs.push(...parsed.archive.runs);
		salvaged.runs.push(...parsed.salvaged.runs);
		issues.push(...parsed.issues);
	}
	const indexIssues = await checkRunIndex(where.contentDir, where.index, listDigests(archive), where.cwd);
	return sortIssues([...issues, ...indexIssues, ...checkReferences(archive, salvaged), ...(await checkProseReferences(archive, salvaged))]);
}
