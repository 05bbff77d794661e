// MADR 2.x (bullet metadata), 3.x and 4.x (YAML front matter), and MADR bodies with no metadata at all.
import { parseFrontmatter } from '../../archive/frontmatter.ts';
import { collectRelationLinks, numberFromFileName, splitNumberedTitle, stripTemplateComment, takeMetadataLines, uniqueLinks } from './adr-document.ts';
import { findSectionText, joinSections, renameHeadings, splitSections, takeTitle } from './markdown-sections.ts';
import { metadataText, parseStatusValue, splitNames, splitTags } from './metadata.ts';
import type { AdrFormat, AdrSource, ParsedAdr, ReportLine } from './types.ts';

/** MADR section names and the Hindsight section each one corresponds to. */
export const MADR_RENAMES: Readonly<Record<string, string>> = {
	'Context and Problem Statement': 'Context',
	'Context and Problem': 'Context',
	'Decision Outcome': 'Decision',
	'Considered Options': 'Alternatives considered',
};

const FRONT_MATTER_KEYS = new Set(['status', 'date', 'deciders', 'decision-makers', 'consulted', 'informed', 'tags', 'title']);

/** Reads a MADR file (any version) or a Log4brains file, which is MADR 2 with tags and a `draft` status. */
export function parseMadr(source: AdrSource, format: AdrFormat): ParsedAdr {
	const notes: ReportLine[] = [];
	const { data, body, error } = parseFrontmatter(source.text.replace(/\r\n?/g, '\n'));
	if (error) notes.push({ level: 'warning', field: 'front matter', message: `line ${error.line}: ${error.message}; the front matter was ignored` });
	for (const key of Object.keys(data)) {
		if (!FRONT_MATTER_KEYS.has(key))
			notes.push({ level: 'warning', field: key, message: `front matter key "${key}" has no Hindsight field; dropped (value: ${JSON.stringify(data[key])})` });
	}
	const { title: heading, rest: withoutTitle } = takeTitle(body);
	const { values: bullets, rest } = takeMetadataLines(withoutTitle);
	const rawStatus = metadataText(data['status']) ?? bullets.status;
	const statusValue = rawStatus ? parseStatusValue(stripTemplateComment(rawStatus)) : undefined;
	const titled = splitNumberedTitle(metadataText(data['title']) ?? heading ?? '');
	const sections = splitSections(rest);
	const renamed = renameHeadings(sections, 2, MADR_RENAMES);
	if (renamed.length > 0) notes.push({ level: 'note', field: 'body', message: `sections renamed: ${renamed.join('; ')}` });
	return {
		file: source.file,
		format,
		number: numberFromFileName(source.file) ?? titled.number,
		title: titled.title || undefined,
		rawDate: metadataText(data['date']) ?? bullets.date,
		fileDate: undefined,
		rawStatus: statusValue?.status,
		deciders: splitNames(data['decision-makers'] ?? data['deciders'] ?? bullets.deciders),
		consulted: splitNames(data['consulted'] ?? bullets.consulted),
		informed: splitNames(data['informed'] ?? bullets.informed),
		tags: splitTags(data['tags'] ?? bullets.tags),
		links: uniqueLinks([...(statusValue?.links ?? []), ...collectRelationLinks(rest)]),
		body: joinSections(sections),
		context: findSectionText(sections, ['Context', 'Problem Statement', 'Summary']),
		notes,
	};
}
