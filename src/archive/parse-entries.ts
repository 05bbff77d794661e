import type { z } from 'astro/zod';
import {
	type Decision,
	type Digest,
	decisionSchema,
	digestSchema,
	type Experiment,
	experimentSchema,
	type Person,
	personSchema,
	type Retro,
	retroSchema,
} from '../schemas/index.ts';
import type { CollectionName } from './content-dir.ts';
import { takeOutSeries } from './digest-series.ts';
import { formatDataPath, type Issue } from './issues.ts';
import type { RawEntry } from './read-archive.ts';
import { type Salvaged, salvageFields } from './salvage-fields.ts';

/** A validated entry of the archive. */
export interface Entry<T> {
	id: string;
	file: string;
	data: T;
	body: string;
	bodyLine: number;
	lineOf: RawEntry['lineOf'];
}

/** Every validated entry, by collection, each sorted by id. */
export interface Archive {
	people: Entry<Person>[];
	decisions: Entry<Decision>[];
	experiments: Entry<Experiment>[];
	retros: Entry<Retro>[];
	runs: Entry<Digest>[];
}

/** The entries that failed their schema, with the fields of each that are valid on their own. */
export type SalvagedArchive = { [K in keyof Archive]: Entry<Salvaged<Archive[K][number]['data']>>[] };

const SCHEMAS = {
	people: personSchema,
	decisions: decisionSchema,
	experiments: experimentSchema,
	retros: retroSchema,
	runs: digestSchema,
} satisfies Record<CollectionName, z.ZodType>;

/**
 * Validates each raw entry against its collection's schema; entries that fail are left out of the
 * archive and reported, and what is valid in them is kept apart (`salvaged`) to be checked further.
 */
export function parseEntries(rawEntries: readonly RawEntry[]): { archive: Archive; issues: Issue[]; salvaged: SalvagedArchive } {
	const archive: Archive = { people: [], decisions: [], experiments: [], retros: [], runs: [] };
	const salvaged: SalvagedArchive = { people: [], decisions: [], experiments: [], retros: [], runs: [] };
	const issues: Issue[] = [];
	const salvage = (entry: RawEntry) => {
		const { id, file, body, bodyLine, lineOf } = entry;
		const data = salvageFields(SCHEMAS[entry.collection], entry.data);
		(salvaged[entry.collection] as Entry<unknown>[]).push({ id, file, data, body, bodyLine, lineOf });
	};
	for (const raw of rawEntries) {
		const entry = raw.text === undefined ? raw : parseJsonText(raw);
		if (entry.parseError) {
			issues.push({ file: entry.file, line: entry.parseError.line, message: entry.parseError.message });
			salvage(entry);
			continue;
		}
		// A digest's series are checked by hand and left out of what is kept: they are most of its size,
		// and nothing checked across files needs them.
		const { rest, problems } = entry.collection === 'runs' ? takeOutSeries(entry.data) : { rest: entry.data, problems: [] };
		for (const problem of problems) issues.push({ file: entry.file, field: formatDataPath(problem.path), message: problem.message });
		const result = SCHEMAS[entry.collection].safeParse(rest, { reportInput: true });
		if (!result.success || problems.length > 0) {
			for (const zodIssue of result.success ? [] : result.error.issues) issues.push(describeZodIssue(entry, zodIssue));
			salvage(entry);
			continue;
		}
		const { id, file, body, bodyLine, lineOf } = entry;
		(archive[entry.collection] as Entry<unknown>[]).push({ id, file, data: result.data, body, bodyLine, lineOf });
	}
	for (const list of Object.values(archive)) (list as Entry<unknown>[]).sort((a, b) => a.id.localeCompare(b.id));
	return { archive, issues, salvaged };
}

function parseJsonText(entry: RawEntry): RawEntry {
	const { text = '', ...parsed } = entry;
	try {
		return { ...parsed, data: JSON.parse(text) as Record<string, unknown> };
	} catch (error) {
		return { ...parsed, parseError: { message: `not valid JSON: ${(error as Error).message}` } };
	}
}

/** A schema problem of a file as an issue: its field, line when known, what was expected and what was found. */
export function describeZodIssue(entry: Pick<RawEntry, 'file' | 'lineOf'>, issue: z.core.$ZodIssue): Issue {
	const field = formatDataPath(issue.path) || undefined;
	const input = (issue as { input?: unknown }).input;
	const missing = issue.code === 'invalid_type' && input === undefined;
	const message = missing
		? `is required but missing (${issue.message.replace(/, received undefined$/, '')})`
		: `${issue.message}${input === undefined || issue.code === 'unrecognized_keys' ? '' : `; found ${describeValue(input)}`}`;
	return { file: entry.file, line: entry.lineOf(issue.path), field, message };
}

function describeValue(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
