import type { z } from 'astro/zod';
import {
	decisionSchema,
	digestSchema,
	experimentSchema,
	personSchema,
	retroSchema,
	type Decision,
	type Digest,
	type Experiment,
	type Person,
	type Retro,
} from '../schemas/index.ts';
import type { CollectionName } from './content-dir.ts';
import { formatDataPath, type Issue } from './issues.ts';
import type { RawEntry } from './read-archive.ts';

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

const SCHEMAS = {
	people: personSchema,
	decisions: decisionSchema,
	experiments: experimentSchema,
	retros: retroSchema,
	runs: digestSchema,
} satisfies Record<CollectionName, z.ZodType>;

/** Validates each raw entry against its collection's schema; entries that fail are left out and reported. */
export function parseEntries(raw: readonly RawEntry[]): { archive: Archive; issues: Issue[]; rejected: RawEntry[] } {
	const archive: Archive = { people: [], decisions: [], experiments: [], retros: [], runs: [] };
	const issues: Issue[] = [];
	const rejected: RawEntry[] = [];
	for (const entry of raw) {
		if (entry.parseError) {
			issues.push({ file: entry.file, line: entry.parseError.line, message: entry.parseError.message });
			rejected.push(entry);
			continue;
		}
		const result = SCHEMAS[entry.collection].safeParse(entry.data, { reportInput: true });
		if (!result.success) {
			for (const zodIssue of result.error.issues) issues.push(describeZodIssue(entry, zodIssue));
			rejected.push(entry);
			continue;
		}
		const { id, file, body, bodyLine, lineOf } = entry;
		(archive[entry.collection] as Entry<unknown>[]).push({ id, file, data: result.data, body, bodyLine, lineOf });
	}
	for (const list of Object.values(archive)) (list as Entry<unknown>[]).sort((a, b) => a.id.localeCompare(b.id));
	return { archive, issues, rejected };
}

function describeZodIssue(entry: RawEntry, issue: z.core.$ZodIssue): Issue {
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
