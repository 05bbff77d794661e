import type { DecisionStatus } from '../../schemas/decision.ts';
import type { FileHistory } from './file-history.ts';

/** The ADR conventions the importer reads. */
export type AdrFormat = 'madr-2' | 'madr-3' | 'madr-4' | 'madr' | 'adr-tools' | 'log4brains';

/** How each format is named in the report. */
export const FORMAT_NAMES: Record<AdrFormat, string> = {
	'madr-2': 'MADR 2.x',
	'madr-3': 'MADR 3.x',
	'madr-4': 'MADR 4.x',
	madr: 'MADR without front matter',
	'adr-tools': 'adr-tools (Nygard)',
	log4brains: 'Log4brains',
};

/** A relation one ADR states to another: `Superseded by [3. Use X](0003-use-x.md)`, `Amends …`. */
export interface AdrLink {
	relation: 'supersedes' | 'superseded-by';
	/** How the other ADR was named: a link's target file, `ADR-0005`, `5` or a Log4brains slug. */
	target: string;
}

/** One line of the report about a source file. */
export interface ReportLine {
	level: 'note' | 'warning' | 'error';
	/** The decision field (or `body`) the line is about. */
	field?: string;
	message: string;
}

/** One ADR file as read, before it is mapped onto the archive. */
export interface ParsedAdr {
	/** The file name inside the source folder. */
	file: string;
	format: AdrFormat;
	/** The ADR's own number, from the file name or the title, when it has one. */
	number: number | undefined;
	title: string | undefined;
	/** The date as written in the metadata, before it is checked. */
	rawDate: string | undefined;
	/** A date the file name carries (Log4brains `YYYYMMDD-`), used when the metadata has none. */
	fileDate: string | undefined;
	/** The status as written, `superseded by …` included. */
	rawStatus: string | undefined;
	deciders: string[];
	consulted: string[];
	informed: string[];
	tags: string[];
	links: AdrLink[];
	/** Markdown after the title and metadata, with sections renamed to Hindsight's where they correspond. */
	body: string;
	/** The Markdown of the context or problem statement, for the summary. */
	context: string | undefined;
	/** What the parser noticed: unknown metadata, placeholders left from the template. */
	notes: ReportLine[];
}

/** A source file as the importer receives it. */
export interface AdrSource {
	file: string;
	text: string;
	/** The day the file was last modified, `YYYY-MM-DD`; the date of last resort. */
	modifiedDay: string;
	/** The file's version history, when it is in a git repository. */
	history?: FileHistory | undefined;
}

/** The decision record an ADR becomes. */
export interface PlannedRecord {
	source: string;
	format: AdrFormat;
	id: string;
	/** File name inside `decisions/`. */
	file: string;
	status: DecisionStatus;
	text: string;
	/** Images the record shows, copied with it: from a path inside the ADR folder to one inside `decisions/`. */
	assets: { from: string; to: string }[];
}

/** What became of one source file. */
export interface ReportEntry {
	source: string;
	format?: AdrFormat;
	outcome: 'imported' | 'skipped' | 'not-an-adr';
	record?: { id: string; file: string; status: DecisionStatus };
	lines: ReportLine[];
}
