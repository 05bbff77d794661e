import type { DecisionStatus } from '../../schemas/decision.ts';
import type { AdrLink } from './types.ts';

/** Template text left unfilled: `[list everyone involved in the decision]`, `{YYYY-MM-DD …}`. */
export function isPlaceholder(value: string): boolean {
	const text = value.trim();
	return /^[[{].*[\]}]$/.test(text) && /\b(list everyone|YYYY|short title|description|ticket)\b/i.test(text);
}

/** Splits a list of names as ADRs write them: a YAML list, or `Ada Park, Ben Ito and @cleo`. */
export function splitNames(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(splitNames);
	if (typeof value !== 'string' || isPlaceholder(value)) return [];
	return value
		.split(/\s*(?:[,;|]|\band\b|&)\s*/i)
		.map((name) => name.trim())
		.filter((name) => name !== '' && !/^(none|n\/a|-|…|\.\.\.)$/i.test(name));
}

/** Splits Log4brains tags (space and/or comma separated) or a YAML list. */
export function splitTags(value: unknown): string[] {
	// A YAML list already separates the tags; only a written line is split.
	if (Array.isArray(value)) return value.map((tag) => String(tag).trim()).filter((tag) => tag !== '');
	if (typeof value !== 'string' || isPlaceholder(value)) return [];
	return value.split(/[\s,]+/).filter((tag) => tag !== '');
}

/** A metadata value as text: YAML dates back to their day, numbers to their digits, lists joined. */
export function metadataText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
	if (Array.isArray(value)) return value.map(metadataText).join(', ');
	return String(value).trim() || undefined;
}

/**
 * A day as `YYYY-MM-DD` from the ways ADRs write dates: `2020-01-05`, `2020-1-5`, `2020/01/05`,
 * `2020-01-05T10:00:00Z`, `20200105`. Undefined for anything else or an impossible day.
 */
export function parseDay(text: string | undefined): string | undefined {
	if (!text) return undefined;
	const match = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:[T\s].*)?$/.exec(text.trim());
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
	return date.toISOString().slice(0, 10);
}

const STATUS_WORDS: [RegExp, DecisionStatus][] = [
	[/^super[sc]eded\b|^replaced\b/i, 'superseded'],
	[/^(accepted|approved|adopted|agreed|decided|done|implemented|active)\b/i, 'accepted'],
	[/^(proposed|draft|open|in[ -]review|in[ -]progress|pending|under discussion|wip|discussion)\b/i, 'proposed'],
	[/^(rejected|declined|refused|abandoned|withdrawn)\b/i, 'rejected'],
	[/^(deprecated|obsolete|retired)\b/i, 'deprecated'],
];

/** The Hindsight status a written status maps to, or undefined when it is not one the importer knows. */
export function mapStatus(raw: string): DecisionStatus | undefined {
	const text = raw.replace(/[*_`]/g, '').trim();
	return STATUS_WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

// `Superseded by`, adr-tools' `Superceded by`, MADR's `superseded by`, and the successor's `Supersedes`.
const RELATION = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?(super[sc]eded[ -]by|super[sc]edes|replaced[ -]by|replaces)(?:\*\*|__)?\s*:?\s*(.*)$/i;
const LINK = /\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"'\n]*["'])?\s*\)/g;

/**
 * The supersession links stated in one line of text, if the line states one: the targets of every
 * Markdown link on it, else the ADR reference written as plain text (`ADR-0005`, `5`, a file or slug).
 */
export function parseRelationLine(line: string): AdrLink[] {
	const match = RELATION.exec(line);
	if (!match) return [];
	const relation = /by$|^replaced/i.test(match[1]!.replace(/[ -]/g, '')) ? 'superseded-by' : 'supersedes';
	const rest = match[2] ?? '';
	const links = [...rest.matchAll(LINK)].map((link) => link[2]!);
	if (links.length > 0) return links.map((target) => ({ relation, target }));
	const plain = rest
		.replace(/[[\]`*_]/g, '')
		.split(/\s*(?:,|\band\b)\s*/)
		.map((part) => part.trim().replace(/[.;:!]+$/, ''))
		.filter(Boolean);
	return plain.map((target) => ({ relation, target }));
}

/** The status word(s) of a status value that may also name a successor: `superseded by [ADR-0005](…)`. */
export function parseStatusValue(raw: string): { status: string; links: AdrLink[] } {
	const links = parseRelationLine(raw);
	return { status: raw.replace(/\s*\bby\b[\s\S]*$/i, '').trim() || raw.trim(), links };
}
