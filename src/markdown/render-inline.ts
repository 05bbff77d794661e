import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { type ResolveRef, remarkEntryRefs } from './remark-entry-refs.ts';

/** Renders a short Markdown field (a summary, a lesson's detail) to HTML to place inside an element of its own. */
export type RenderInline = (text: string) => Promise<string>;

/**
 * A renderer for frontmatter fields written in Markdown, with the processor the bodies use: remark-gfm
 * and the plugin that links `DR-0012`, `exp:slug` and `@person`. A field that is one paragraph is
 * rendered without the paragraph, so it can sit in a sentence, a list item or a link's text. Each
 * text is rendered once: a lesson is shown on many pages.
 */
export async function createInlineRenderer(resolve: ResolveRef): Promise<RenderInline> {
	const processor = await createMarkdownProcessor({
		gfm: false,
		smartypants: false,
		syntaxHighlight: false,
		remarkPlugins: [remarkGfm, [remarkEntryRefs, { resolve }]],
	});
	const rendered = new Map<string, Promise<string>>();
	return (text) => {
		let html = rendered.get(text);
		if (!html) {
			html = processor.render(text).then(({ code }) => unwrapParagraph(code.trim()));
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
