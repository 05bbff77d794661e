/**
 * A reference written in prose: `DR-0012`, `exp:lr-warmup` or `@amara`. Not preceded by a word
 * character, `@`, `.`, `/` or `-` (so e-mail addresses and paths are left alone).
 */
export const PROSE_REF_PATTERN = /(?<![\w@./-])(DR-\d{4}|exp:[a-z0-9][a-z0-9-]*|@[a-z][a-z0-9-]*)(?![\w-])/g;

/** A prose reference and where it is, as a 1-based line of the body. */
export interface ProseRef {
	ref: string;
	line: number;
}

// Code is quoted, not referenced: `DR-0012` inside backticks or a fenced block is left as written.
// Component tags are checked on their own (component-refs.ts), so their attributes are skipped here.
const CODE = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$|`[^`\n]*`|<[A-Z][A-Za-z0-9]*\b[^>]*>/gm;

/** Finds the references in a Markdown/MDX body, skipping code spans and fenced code blocks. */
export function findProseRefs(body: string): ProseRef[] {
	const text = body.replace(CODE, (code) => code.replace(/[^\n]/g, ' '));
	const refs: ProseRef[] = [];
	for (const match of text.matchAll(PROSE_REF_PATTERN)) {
		const line = text.slice(0, match.index).split('\n').length;
		refs.push({ ref: match[0], line });
	}
	return refs;
}
