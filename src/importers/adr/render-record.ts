import { stringify } from 'yaml';
import type { Decision } from '../../schemas/decision.ts';

/** The frontmatter fields an imported record sets; the rest take the schema's defaults. */
export type ImportedFields = Pick<
	Decision,
	'id' | 'title' | 'date' | 'status' | 'summary' | 'supersedes' | 'deciders' | 'consulted' | 'impact' | 'tags' | 'visibility'
> &
	Partial<Pick<Decision, 'decidersNotRecorded'>>;

/** The text of an `.mdx` decision record: YAML frontmatter, then the body. */
export function renderRecord(data: ImportedFields, body: string): string {
	const yaml = stringify(data, { lineWidth: 0 });
	// Quoted so that no YAML 1.1 parser (Astro's among them) reads the day as a timestamp.
	const quoted = yaml.replace(/^date: (\d{4}-\d{2}-\d{2})$/m, "date: '$1'");
	return `---\n${quoted}---\n\n${body.trim()}\n`;
}
