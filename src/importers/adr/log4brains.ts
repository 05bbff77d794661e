// Log4brains: MADR 2 with a `Tags:` bullet, a `draft` status and `YYYYMMDD-slug.md` file names.
import { dateFromFileName } from './adr-document.ts';
import { parseMadr } from './madr.ts';
import type { AdrSource, ParsedAdr } from './types.ts';

/** Reads a Log4brains ADR; its file name's date stands in when the metadata has none. */
export function parseLog4brains(source: AdrSource): ParsedAdr {
	return { ...parseMadr(source, 'log4brains'), fileDate: dateFromFileName(source.file) };
}
