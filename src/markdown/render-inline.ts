import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { type ResolveRef, remarkEntryRefs } from './remark-entry-refs.ts';

/** Renders a short Markdown field (a summary, a lesson's detail) to HTML to place inside an element of its own. */
export type RenderInline = (text: string) => Promise<string>;

// What a field needs Markdown for: its syntax, a character HTML must escape, a record id or a mention
// the prose plugin links, or a bare address remark-gfm links. Anything else is shown as it is written.
const NEEDS_MARKDOWN = /[`*_[\]<>&#~|\\!\n]|DR-\d|exp:|@|https?:|www\./;

/**
 * A renderer for frontmatter fields written in Markdown, with the remark stack the bodies go through:
 * remark-gfm and the plugin that links `DR-0012`, `exp:slug` and `@person`, then to HTML. Astro's full
 * Markdown pipeline is not needed for a field (no headings to give ids, no images to resolve), and a
 * ten-year archive has thousands of fields. A field that is one paragraph is rendered without the
 * paragraph, so it can sit in a sentence, a list item or a link's text. Each text is rendered once:
 * a lesson is shown on many pages.
 */
export async function createInlineRenderer(resolve: ResolveRef): Promise<RenderInline> {
	const processor = unified().use(remarkParse).use(remarkGfm).use(remarkEntryRefs, { resolve }).use(remarkRehype).use(rehypeStringify);
	const rendered = new Map<string, Promise<string>>();
	return (text) => {
		let html = rendered.get(text);
		if (!html) {
			html = NEEDS_MARKDOWN.test(text) ? processor.process(text).then((file) => unwrapParagraph(String(file).trim())) : Promise.resolve(text.trim());
			rendered.set(text, html);
		}
		return html;
	};
}

/** The content of a single `<p>`, or the HTML as it is when it holds more than one block. */
export function unwrapParagraph(html: string): string {
	const match = /^<p>([\s\S]*)<\/p>$/.exec(html);
	return match && !match[1]!.includes('<p>') ? match[1]! : html;
}
