const LIMIT = 400;

/** Markdown reduced to plain text for a one-line listing: no comments, images, link targets or emphasis marks. */
function toPlainText(markdown: string): string {
	return markdown
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/!\[[^\]]*\]\([^)]*\)/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
		.replace(/(\*\*|__|\*|_)(?=\S)([^*_\n]+?)\1/g, '$2')
		.replace(/\s+/g, ' ')
		.trim();
}

/** The first paragraph of Markdown that is prose, not a heading, list, table, quote marker or code. */
function firstParagraph(markdown: string): string | undefined {
	const blocks = markdown.replace(/<!--[\s\S]*?-->/g, '').split(/\n[ \t]*\n/);
	const prose = blocks.find((block) => {
		const text = block.trim();
		return text !== '' && !/^(#|```|~~~|\||[-*+]\s|\d+\.\s|>)/.test(text);
	});
	const block = prose ?? blocks.find((candidate) => candidate.trim() !== '' && !/^(#|```|~~~)/.test(candidate.trim()));
	return block?.replace(/^\s*(?:[-*+]|\d+\.|>)\s+/gm, '');
}

/** Cuts text to the limit at a word boundary, marking the cut. */
function truncate(text: string): string {
	if (text.length <= LIMIT) return text;
	const cut = text.slice(0, LIMIT - 1);
	return `${cut.slice(0, cut.lastIndexOf(' ') > LIMIT / 2 ? cut.lastIndexOf(' ') : cut.length).replace(/[\s,;:]+$/, '')}…`;
}

/**
 * A summary from the context: its first sentence (400 characters at most). Returns undefined when the
 * Markdown holds no prose, so the caller can fall back and report it.
 */
export function summarise(markdown: string | undefined): string | undefined {
	const paragraph = markdown ? firstParagraph(markdown) : undefined;
	const text = paragraph ? toPlainText(paragraph) : '';
	if (text === '') return undefined;
	// A sentence ends at . ! or ? followed by a space and a capital, a digit or an opening mark; "e.g. x" does not end one.
	const sentence = /^[\s\S]*?[.!?](?=\s+["'([A-Z0-9])/.exec(text)?.[0] ?? text;
	return truncate(sentence.trim());
}
