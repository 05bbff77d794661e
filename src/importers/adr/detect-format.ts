import { parseFrontmatter } from '../../archive/frontmatter.ts';
import { dateFromFileName, isFolderRecord, recordName } from './adr-document.ts';
import { parseAdrTools } from './adr-tools.ts';
import { parseLog4brains } from './log4brains.ts';
import { parseMadr } from './madr.ts';
import type { AdrFormat, AdrSource, ParsedAdr } from './types.ts';

/**
 * Names an ADR can have: `0007-use-x.md`, `ADR-007-use-x.md`, Log4brains' `20240115-use-x.md`, and a folder
 * of its own named the same way (`0007-use-x/README.md`, `2024-01-15-use-x/index.md`).
 */
export function isAdrFileName(file: string): boolean {
	const name = recordName(file);
	return isFolderRecord(file) ? /^(?:adr[-_]?)?\d+[-_]/i.test(name) : /^(?:adr[-_]?)?\d+[-_].*\.(md|markdown)$/i.test(name);
}

/**
 * Which convention a file follows, from its own text (a folder may mix them after a migration):
 * front matter with `decision-makers` is MADR 4, with `deciders` MADR 3; a date-prefixed file name or a
 * `Tags:` bullet is Log4brains; a `## Status` section or a bare `Date:` line is adr-tools.
 */
export function detectFormat(source: AdrSource): AdrFormat {
	const text = source.text.replace(/\r\n?/g, '\n');
	const { data, body } = parseFrontmatter(text);
	const hasFrontMatter = body !== text;
	// Log4brains names its files `YYYYMMDD-slug.md`; a dated folder or a `YYYY-MM-DD-` name says nothing of the template.
	const log4brainsName = !isFolderRecord(source.file) && /^(?:19|20)\d{6}-/.test(recordName(source.file)) && dateFromFileName(source.file) !== undefined;
	if (log4brainsName || /^\s*[-*]\s+Tags\s*:/im.test(body)) return 'log4brains';
	if (hasFrontMatter) {
		if ('decision-makers' in data) return 'madr-4';
		if ('deciders' in data) return 'madr-3';
		return /^###\s+Confirmation\b/m.test(body) ? 'madr-4' : 'madr-3';
	}
	if (/^\s*[-*]\s+(?:\*\*)?Status(?:\*\*)?\s*:/im.test(body)) return 'madr-2';
	if (/^##\s+Status\s*$/im.test(body) || /^Date:\s*\S/m.test(body)) return 'adr-tools';
	return 'madr';
}

/** Reads a file with the parser for its format. */
export function parseAdr(source: AdrSource, format: AdrFormat = detectFormat(source)): ParsedAdr {
	if (format === 'adr-tools') return parseAdrTools(source);
	if (format === 'log4brains') return parseLog4brains(source);
	return parseMadr(source, format);
}
