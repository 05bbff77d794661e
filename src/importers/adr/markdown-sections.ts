// Line-level Markdown structure, aware of fenced code so that a `#` inside code is never a heading.

// Fences inside list items and block quotes are indented or prefixed; their contents are code all the same.
const FENCE = /^[ \t]*(?:>[ \t]?)*(`{3,}|~{3,})/;
const PREFIX = /^[ \t]*(?:>[ \t]?)*/;

/** For each line, whether it sits inside a fenced code block (fence lines included). */
export function markFencedLines(lines: readonly string[]): boolean[] {
	const fenced: boolean[] = [];
	let open: string | undefined;
	for (const line of lines) {
		const fence = FENCE.exec(line)?.[1];
		if (open === undefined) {
			if (fence) open = fence;
			fenced.push(open !== undefined);
		} else {
			fenced.push(true);
			if (fence && fence[0] === open[0] && fence.length >= open.length && line.replace(PREFIX, '').trim() === fence) open = undefined;
		}
	}
	return fenced;
}

/** A part of a document: the lines under one heading, up to the next heading of the same or a higher level. */
export interface Section {
	/** The heading text without `#`s and trailing template comments; undefined for text before any heading. */
	heading: string | undefined;
	level: number;
	/** Lines after the heading line. */
	lines: string[];
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

/** Splits Markdown at every ATX heading (any level) outside code. */
export function splitSections(markdown: string): Section[] {
	const lines = markdown.split('\n');
	const fenced = markFencedLines(lines);
	const sections: Section[] = [{ heading: undefined, level: 0, lines: [] }];
	lines.forEach((line, index) => {
		const match = fenced[index] ? null : HEADING.exec(line);
		if (match) sections.push({ heading: cleanHeading(match[2] ?? ''), level: match[1]!.length, lines: [] });
		else sections.at(-1)!.lines.push(line);
	});
	return sections;
}

/** Joins sections back into Markdown. */
export function joinSections(sections: readonly Section[]): string {
	return sections.map(({ heading, level, lines }) => (heading === undefined ? lines : [`${'#'.repeat(level)} ${heading}`, ...lines]).join('\n')).join('\n');
}

// MADR marks optional headings with a trailing comment: `## Decision Drivers <!-- optional -->`.
function cleanHeading(text: string): string {
	return text.replace(/\s*<!--[\s\S]*?-->\s*/g, ' ').trim();
}

/** The first level-1 heading outside code, and the Markdown with it removed. */
export function takeTitle(markdown: string): { title: string | undefined; rest: string } {
	const lines = markdown.split('\n');
	const fenced = markFencedLines(lines);
	const index = lines.findIndex((line, i) => !fenced[i] && /^#\s+\S/.test(line));
	if (index === -1) return { title: undefined, rest: markdown };
	const title = cleanHeading(HEADING.exec(lines[index]!)?.[2] ?? '');
	return { title, rest: [...lines.slice(0, index), ...lines.slice(index + 1)].join('\n') };
}

/**
 * Renames headings of `level` whose text matches a key of `renames` (case-insensitive, exact),
 * and returns the names changed as `from → to` for the report.
 */
export function renameHeadings(sections: Section[], level: number, renames: Readonly<Record<string, string>>): string[] {
	const changed: string[] = [];
	const lookup = new Map(Object.entries(renames).map(([from, to]) => [from.toLowerCase(), to]));
	for (const section of sections) {
		if (section.level !== level || section.heading === undefined) continue;
		const to = lookup.get(section.heading.toLowerCase());
		if (to && to !== section.heading) {
			changed.push(`${section.heading} → ${to}`);
			section.heading = to;
		}
	}
	return changed;
}

/** The text of the first section whose heading matches one of `names` (case-insensitive). */
export function findSectionText(sections: readonly Section[], names: readonly string[]): string | undefined {
	const wanted = new Set(names.map((name) => name.toLowerCase()));
	const section = sections.find(({ heading }) => heading !== undefined && wanted.has(heading.toLowerCase()));
	return section?.lines.join('\n');
}

/** Squeezes runs of blank lines outside code to one (dropped comments and metadata leave them behind) and trims both ends. */
export function tidyBlankLines(markdown: string): string {
	const lines = markdown.split('\n');
	const fenced = markFencedLines(lines);
	const kept = lines.filter((line, index) => fenced[index] || line.trim() !== '' || (index > 0 && (fenced[index - 1] || lines[index - 1]!.trim() !== '')));
	return kept.join('\n').replace(/^(?:[ \t]*\n)+|(?:\n[ \t]*)+$/g, '');
}
