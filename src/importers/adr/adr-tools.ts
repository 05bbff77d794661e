// adr-tools and Michael Nygard's original format: `# 1. Title`, `Date: …`, and a `## Status` section.
import { collectRelationLinks, numberFromFileName, splitNumberedTitle, takeMetadataLines, uniqueLinks } from './adr-document.ts';
import { findSectionText, joinSections, splitSections, takeTitle } from './markdown-sections.ts';
import { parseRelationLine, splitNames } from './metadata.ts';
import type { AdrSource, ParsedAdr, ReportLine } from './types.ts';

/** Reads an adr-tools ADR. The status section's status word and supersession lines become metadata. */
export function parseAdrTools(source: AdrSource): ParsedAdr {
	const notes: ReportLine[] = [];
	const { title: heading, rest: withoutTitle } = takeTitle(source.text.replace(/\r\n?/g, '\n'));
	const { values, rest } = takeMetadataLines(withoutTitle);
	const titled = splitNumberedTitle(heading ?? '');
	const sections = splitSections(rest);
	const links = collectRelationLinks(rest);
	let rawStatus = values.status;
	const statusSection = sections.find(({ level, heading: name }) => level === 2 && name?.toLowerCase() === 'status');
	if (statusSection) {
		// The first plain line is the status; adr-tools replaces it with `Superceded by …` when superseded.
		const kept: string[] = [];
		for (const line of statusSection.lines) {
			const relation = parseRelationLine(line);
			if (relation.some((link) => link.relation === 'superseded-by') && rawStatus === undefined) rawStatus = 'superseded';
			if (relation.length > 0) continue;
			if (rawStatus === undefined && line.trim() !== '') rawStatus = line.trim();
			else kept.push(line);
		}
		statusSection.lines = kept;
		if (kept.every((line) => line.trim() === '')) sections.splice(sections.indexOf(statusSection), 1);
		else notes.push({ level: 'note', field: 'body', message: 'the Status section held more than the status; the rest is kept under "## Status"' });
	}
	return {
		file: source.file,
		format: 'adr-tools',
		number: numberFromFileName(source.file) ?? titled.number,
		title: titled.title || undefined,
		rawDate: values.date,
		fileDate: undefined,
		rawStatus,
		deciders: splitNames(values.deciders),
		consulted: splitNames(values.consulted),
		informed: splitNames(values.informed),
		tags: [],
		links: uniqueLinks(links),
		body: joinSections(sections),
		context: findSectionText(sections, ['Context']),
		notes,
	};
}
