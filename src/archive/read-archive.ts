import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COLLECTION_DIRS, type CollectionName } from './content-dir.ts';
import { displayPath } from './display-path.ts';
import { type DataPath, parseFrontmatter, parseYaml } from './frontmatter.ts';
import { RUN_INDEX_FILE } from './run-index.ts';

/** One file of the archive, read and parsed but not yet validated. */
export interface RawEntry {
	collection: CollectionName;
	/** The entry's id as the site uses it: the file name without extension. */
	id: string;
	/** Path shown in messages ({@link displayPath}). */
	file: string;
	data: Record<string, unknown>;
	body: string;
	bodyLine: number;
	lineOf: (path: DataPath) => number | undefined;
	/** A digest's JSON text, parsed only when it is validated so that a large archive is never all parsed at once. */
	text?: string;
	/** Why the file could not be parsed, if it could not. */
	parseError?: { line?: number; message: string };
}

const EXTENSIONS: Record<CollectionName, RegExp> = {
	retros: /\.mdx?$/,
	decisions: /\.mdx?$/,
	experiments: /\.mdx?$/,
	people: /\.ya?ml$/,
	runs: /\.json$/,
};

/** Reads every entry of the archive in `contentDir` (of the `collections` given); files whose names start with `_` are drafts and skipped. */
export async function readArchive(
	contentDir: string,
	cwd = process.cwd(),
	collections = Object.keys(COLLECTION_DIRS) as CollectionName[]
): Promise<RawEntry[]> {
	const perCollection = await Promise.all(collections.map((collection) => readCollection(contentDir, collection, cwd)));
	return perCollection.flat();
}

/** Reads the entries of one collection of the archive (drafts, `_`-named, skipped), parsed but not validated. */
export async function readCollection(contentDir: string, collection: CollectionName, cwd: string): Promise<RawEntry[]> {
	const dir = join(contentDir, COLLECTION_DIRS[collection]);
	const names = await readdir(dir).catch(() => [] as string[]);
	const files = names
		.filter((name) => EXTENSIONS[collection].test(name) && !name.startsWith('_') && !(collection === 'runs' && name === RUN_INDEX_FILE))
		.sort();
	return Promise.all(
		files.map(async (name) => {
			const path = join(dir, name);
			const text = await readFile(path, 'utf8');
			const file = displayPath(cwd, path);
			return parseEntry(collection, name.replace(EXTENSIONS[collection], ''), file, text);
		})
	);
}

/** Parses one file's text according to its collection's format. */
export function parseEntry(collection: CollectionName, id: string, file: string, text: string): RawEntry {
	const base = { collection, id, file, body: '', bodyLine: 1, lineOf: () => undefined };
	if (collection === 'runs') return { ...base, data: {}, text };
	const parsed = collection === 'people' ? { ...parseYaml(text), body: '', bodyLine: 1 } : parseFrontmatter(text);
	const entry: RawEntry = { ...base, data: parsed.data, body: parsed.body, bodyLine: parsed.bodyLine, lineOf: parsed.lineOf };
	if (parsed.error) entry.parseError = { line: parsed.error.line, message: `YAML: ${parsed.error.message}` };
	return entry;
}
