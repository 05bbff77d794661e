import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { writeFileAtomic } from '../ingest/atomic-write.ts';
import { type Digest, type IndexedDigest, RUN_INDEX_SCHEMA_VERSION, type Run, type RunIndex, type RunLesson, runIndexSchema } from '../schemas/index.ts';
import { COLLECTION_DIRS } from './content-dir.ts';
import { displayPath } from './display-path.ts';
import type { Issue } from './issues.ts';
import { describeZodIssue } from './parse-entries.ts';
import { listDigestFiles } from './read-digests.ts';

/** The run index's file name, in the archive's `runs/` folder beside the digests. */
export const RUN_INDEX_FILE = 'index.json';

/** What the index needs of a digest; a digest read or validated in any form has it. */
export type IndexableDigest = Pick<Digest, 'month'> & {
	runs: readonly Pick<Run, 'id' | 'name' | 'experiment' | 'tags'>[];
	lessons: readonly Pick<RunLesson, 'id'>[];
};

/** The index's entry for one digest whose file is `bytes` long. */
export function indexDigest(digest: IndexableDigest, bytes: number): IndexedDigest {
	return {
		month: digest.month,
		bytes,
		lessons: digest.lessons.map(({ id }) => id),
		runs: digest.runs.map(({ id, name, experiment, tags }) => ({ id, name, experiment, tags })),
	};
}

/** One run per line, so that a re-ingest of one month shows in a diff as that month's lines. */
export function formatRunIndex(index: RunIndex): string {
	const digests = index.digests.map(({ runs, ...head }) => {
		const fields = JSON.stringify(head).slice(0, -1);
		return `${fields},"runs":[${runs.map((run) => `\n${JSON.stringify(run)}`).join(',')}]}`;
	});
	return `{"schemaVersion":${index.schemaVersion},"digests":[\n${digests.join(',\n')}\n]}\n`;
}

const SHOWN_PROBLEMS = 5;

const runsDirOf = (contentDir: string) => join(contentDir, COLLECTION_DIRS.runs);

/** The archive's run index: none if the file is absent; `issues` say what is wrong with one that is not valid. */
export async function readRunIndex(contentDir: string, cwd = process.cwd()): Promise<{ index?: RunIndex; issues: Issue[] }> {
	const path = join(runsDirOf(contentDir), RUN_INDEX_FILE);
	const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return undefined;
		throw error;
	});
	if (text === undefined) return { issues: [] };
	const file = displayPath(cwd, path);
	const rewrite = 'run `npm run ingest -- --index-only` to write it again';
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return { issues: [{ file, message: `not valid JSON: ${(error as Error).message}; ${rewrite}` }] };
	}
	const result = runIndexSchema.safeParse(json, { reportInput: true });
	if (result.success) return { index: result.data, issues: [] };
	// A generated file out of shape is usually wrong everywhere alike: the first problems say enough, and the cure is one command.
	const shown = result.error.issues.slice(0, SHOWN_PROBLEMS);
	const issues: Issue[] = shown.map((zodIssue) => {
		const issue = describeZodIssue({ file, lineOf: () => undefined }, zodIssue);
		return { ...issue, message: `${issue.message}; ${rewrite}` };
	});
	const more = result.error.issues.length - shown.length;
	if (more > 0) issues.push({ file, message: `and ${more} more problems like these; ${rewrite}` });
	return { issues };
}

/** The size of each digest file in `runsDir`, by month, in month order. */
async function measureDigests(runsDir: string): Promise<Map<string, number>> {
	const names = await listDigestFiles(runsDir);
	const sizes = await Promise.all(names.map(async (name) => (await stat(join(runsDir, name))).size));
	return new Map(names.map((name, index) => [name.slice(0, 7), sizes[index]!]));
}

/**
 * Whether the index lists exactly the digests there are, each at the size it had when indexed: a page may
 * then find runs through it without reading the digests. A check of sizes only, so that it costs no read;
 * the archive check compares what the digests hold.
 */
export async function isRunIndexCurrent(contentDir: string, index: RunIndex): Promise<boolean> {
	const sizes = await measureDigests(runsDirOf(contentDir));
	return index.digests.length === sizes.size && index.digests.every((entry) => sizes.get(entry.month) === entry.bytes);
}

/**
 * Compares the index with the digests the archive check validated: one issue naming the months whose
 * entries differ, or none. An archive without an index has nothing to compare.
 */
export async function checkRunIndex(contentDir: string, index: RunIndex, digests: readonly IndexableDigest[], cwd = process.cwd()): Promise<Issue[]> {
	const sizes = await measureDigests(runsDirOf(contentDir));
	const listed = new Map(index.digests.map((entry) => [entry.month, entry]));
	const differing = new Set<string>();
	for (const digest of digests) {
		if (!isDeepStrictEqual(listed.get(digest.month), indexDigest(digest, sizes.get(digest.month) ?? -1))) differing.add(digest.month);
	}
	// Listed months whose digest is gone, or failed its schema (then reported on its own).
	for (const month of listed.keys()) if (!sizes.has(month)) differing.add(month);
	if (differing.size === 0) return [];
	const months = [...differing].sort();
	const named = months.length > 3 ? `${months.slice(0, 3).join(', ')} and ${months.length - 3} more` : months.join(', ');
	return [
		{
			file: displayPath(cwd, join(runsDirOf(contentDir), RUN_INDEX_FILE)),
			message: `does not match the digests of ${named} (a digest was changed or copied in without \`npm run ingest\`); run \`npm run ingest -- --index-only\` to write it again`,
		},
	];
}

/**
 * Writes the run index of the digests in `runsDir` (an archive's `runs/` folder), reading again only the
 * digests whose size differs from what the current index says, and those in `changed` (months just
 * written; `'all'` reads every digest). Writes nothing when the index is already what it would write. Returns whether it wrote.
 */
export async function updateRunIndex(runsDir: string, changed: ReadonlySet<string> | 'all' = new Set()): Promise<boolean> {
	const path = join(runsDir, RUN_INDEX_FILE);
	const current = await readFile(path, 'utf8').catch(() => undefined);
	const previous = current === undefined ? undefined : runIndexSchema.safeParse(parseJson(current)).data;
	const known = new Map((previous?.digests ?? []).map((entry) => [entry.month, entry]));
	const digests: IndexedDigest[] = [];
	for (const [month, bytes] of await measureDigests(runsDir)) {
		const entry = known.get(month);
		if (entry && entry.bytes === bytes && changed !== 'all' && !changed.has(month)) {
			digests.push(entry);
			continue;
		}
		const text = await readFile(join(runsDir, `${month}.json`), 'utf8');
		const digest = parseIndexable(text);
		// A digest out of shape is left out: the archive check reports it, and pages then read every digest.
		if (digest) digests.push(indexDigest(digest, Buffer.byteLength(text)));
	}
	const text = formatRunIndex({ schemaVersion: RUN_INDEX_SCHEMA_VERSION, digests });
	if (current === text) return false;
	await writeFileAtomic(path, text);
	return true;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function parseIndexable(text: string): IndexableDigest | undefined {
	const json = parseJson(text) as Partial<IndexableDigest> | undefined;
	return typeof json?.month === 'string' && Array.isArray(json.runs) && Array.isArray(json.lessons) ? (json as IndexableDigest) : undefined;
}
