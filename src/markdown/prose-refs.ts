import type { Nodes, Parent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

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

/**
 * Nodes whose text is not prose: code at any nesting, links (their text is already a link, their URL
 * is not text), HTML and MDX expressions and comments. Component attributes are never text nodes, and
 * are checked on their own (component-refs.ts). The remark plugin skips the same nodes, so the check
 * and the site agree on what is a reference.
 */
const NOT_PROSE = new Set(['code', 'inlineCode', 'link', 'linkReference', 'definition', 'html', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm']);

const mdxParser = unified().use(remarkParse).use(remarkGfm).use(remarkMdx).freeze();
const markdownParser = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * Finds the references in the prose of a Markdown (`mdx: false`) or MDX body, read as the site reads it:
 * never in code (fenced at any nesting, indented, inline), HTML, comments or link targets.
 */
export function findProseRefs(body: string, options: { mdx?: boolean } = {}): ProseRef[] {
	// Most bodies hold no candidate at all; they need no parse.
	if (!new RegExp(PROSE_REF_PATTERN.source).test(body)) return [];
	let tree: Nodes;
	try {
		tree = (options.mdx === false ? markdownParser : mdxParser).parse(body);
	} catch {
		// MDX that does not parse is reported by the MDX check; its references are read from the text.
		return findRefsOutsideQuotedCode(body);
	}
	const refs: ProseRef[] = [];
	collectRefs(tree, refs);
	return refs;
}

function collectRefs(node: Nodes, refs: ProseRef[]): void {
	if (NOT_PROSE.has(node.type)) return;
	if (node.type === 'text') {
		const start = node.position?.start.line ?? 1;
		for (const match of node.value.matchAll(PROSE_REF_PATTERN)) {
			refs.push({ ref: match[0], line: start + (node.value.slice(0, match.index).match(/\n/g)?.length ?? 0) });
		}
		return;
	}
	if ('children' in node) for (const child of (node as Parent).children) collectRefs(child as Nodes, refs);
}

// Code is quoted, not referenced: `DR-0012` inside backticks or a fenced block (indented or not) is left as written.
const CODE = /^[ \t>]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t>]*\1[^\n]*$|`[^`\n]*`|<!--[\s\S]*?-->|\{\/\*[\s\S]*?\*\/\}|<[A-Za-z][A-Za-z0-9]*\b[^>]*>/gm;

/** The references outside code spans, fenced blocks, comments and tags, found in the text alone. */
function findRefsOutsideQuotedCode(body: string): ProseRef[] {
	const text = body.replace(CODE, (code) => code.replace(/[^\n]/g, ' '));
	const refs: ProseRef[] = [];
	for (const match of text.matchAll(PROSE_REF_PATTERN)) {
		const line = text.slice(0, match.index).split('\n').length;
		refs.push({ ref: match[0], line });
	}
	return refs;
}
