// The parts every ADR format shares: title numbering, `Key: value` metadata lines, supersession lines.
import { markFencedLines } from './markdown-sections.ts';
import { parseRelationLine } from './metadata.ts';
import type { AdrLink } from './types.ts';

/** Metadata keys read from `* Status: …` bullets or `Date: …` lines, and the field each one fills. */
const METADATA_KEYS: Record<string, 'status' | 'date' | 'deciders' | 'consulted' | 'informed' | 'tags'> = {
	status: 'status',
	date: 'date',
	deciders: 'deciders',
	'decision-makers': 'deciders',
	'decision makers': 'deciders',
	consulted: 'consulted',
	informed: 'informed',
	tags: 'tags',
};

export type MetadataField = (typeof METADATA_KEYS)[string];

const METADATA_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z -]*?)(?:\*\*|__)?\s*:(?:\*\*|__)?\s*(.*)$/;

/**
 * Takes `Key: value` lines (bulleted or not) with a known key from the text before the first
 * heading, as MADR 2, Log4brains and adr-tools write their metadata; returns them and the text without them.
 */
export function takeMetadataLines(markdown: string): { values: Partial<Record<MetadataField, string>>; rest: string } {
	const lines = markdown.split('\n');
	const firstHeading = lines.findIndex((line) => /^#{1,6}\s/.test(line));
	const end = firstHeading === -1 ? lines.length : firstHeading;
	const values: Partial<Record<MetadataField, string>> = {};
	const kept: string[] = [];
	lines.forEach((line, index) => {
		const match = index < end ? METADATA_LINE.exec(line) : null;
		const field = match ? METADATA_KEYS[match[1]!.toLowerCase()] : undefined;
		if (field && values[field] === undefined) values[field] = stripTemplateComment(match![2] ?? '');
		else kept.push(line);
	});
	return { values, rest: kept.join('\n') };
}

/** Removes trailing template comments: `accepted <!-- optional -->` → `accepted`. */
export function stripTemplateComment(value: string): string {
	return value.replace(/\s*<!--[\s\S]*?-->\s*/g, ' ').trim();
}

/** Every supersession link stated on a line of its own outside code (`Superseded by …`, `* Supersedes …`). */
export function collectRelationLinks(markdown: string): AdrLink[] {
	const lines = markdown.split('\n');
	const fenced = markFencedLines(lines);
	return lines.flatMap((line, index) => (fenced[index] ? [] : parseRelationLine(line)));
}

/** Drops repeated links (a relation stated both in the status and in a Links section). */
export function uniqueLinks(links: readonly AdrLink[]): AdrLink[] {
	const seen = new Set<string>();
	return links.filter(({ relation, target }) => {
		const key = `${relation} ${target}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

const RECORD_FILE = /^(?:readme|index)\.(?:md|markdown)$/i;

/**
 * The name an ADR's number and date are read from: its file name (`0007-use-x.md`), or for a record kept
 * in a folder of its own (`0007-use-x/README.md`, `2024-01-15-use-x/index.md`) the folder's name.
 */
export function recordName(path: string): string {
	const parts = path.split('/');
	const file = parts.at(-1) ?? '';
	return RECORD_FILE.test(file) && parts.length > 1 ? parts.at(-2)! : file;
}

/** True for a record kept in a folder of its own: `<number or date>-<slug>/README.md` or `…/index.md`. */
export function isFolderRecord(path: string): boolean {
	return recordName(path) !== path.split('/').at(-1);
}

/** The ADR number a file or record folder name starts with (`0007-use-x.md` → 7); a date prefix is not one. */
export function numberFromFileName(file: string): number | undefined {
	const name = recordName(file);
	const match = /^(?:adr[-_]?)?(\d+)[-_.]/i.exec(name);
	if (!match || dateFromFileName(file)) return undefined;
	return Number(match[1]);
}

/** The day a file or record folder name starts with: `20240115-use-x.md` or `2024-01-15-use-x/` → `2024-01-15`. */
export function dateFromFileName(file: string): string | undefined {
	const match = /^((?:19|20)\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])[-_]/.exec(recordName(file));
	return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** Splits a numbered title: `1. Record decisions`, `ADR 7: Use X`, `ADR-0007 - Use X` → number and title. */
export function splitNumberedTitle(title: string): { number: number | undefined; title: string } {
	const match = /^(?:ADR[\s-]*)?(\d+)(?:\s*[.:]\s*|\s+[-–—]\s+)(.+)$/i.exec(title) ?? /^ADR[\s-]*(\d+)\s+(.+)$/i.exec(title);
	return match ? { number: Number(match[1]), title: match[2]!.trim() } : { number: undefined, title };
}
