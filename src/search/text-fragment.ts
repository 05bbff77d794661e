const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&nbsp;': ' ' };

const toText = (html: string) =>
	html
		.replace(/<[^>]*>/g, '')
		.replace(/&(?:amp|lt|gt|quot|nbsp|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity)
		.replace(/\s+/g, ' ');

// `-`, `,` and `&` separate the parts of a text directive; they must be escaped inside a part.
const encodePart = (text: string) => encodeURIComponent(text).replace(/-/g, '%2D').replace(/,/g, '%2C');

// Pagefind ends each heading and block of a page with a full stop in its excerpts, which the page does
// not show; context stops at a word that ends with one, since it may not be on the page as written.
const endsBlock = (word: string) => /[.!?]$/.test(word);

/**
 * A text fragment (`:~:text=prefix-,word,-suffix`) for the first word Pagefind marked in a result's
 * excerpt, with up to `context` words on either side taken from the same excerpt. The excerpt is page
 * content, so the words around make the browser scroll to and mark that place, not the first
 * occurrence of the word somewhere in the page's header. Undefined when nothing is marked.
 */
export function buildTextFragment(excerpt: string, context = 3): string | undefined {
	const match = /^([\s\S]*?)<mark>([\s\S]*?)<\/mark>([\s\S]*)$/.exec(excerpt);
	if (!match) return undefined;
	const [, beforeHtml = '', markedHtml = '', afterHtml = ''] = match;
	// Pagefind marks a word with the punctuation after it (`val_loss,`); the punctuation goes to the suffix.
	const [, marked = '', trailing = ''] = /^(.*?)([.,;:!?)]*)$/.exec(toText(markedHtml).trim()) ?? [];
	if (!marked) return undefined;
	const before = toText(beforeHtml);
	const after = toText(afterHtml);
	// A word cut by the excerpt's edge would not match the page: context stops at whitespace next to the mark.
	const prefixWords: string[] = [];
	if (/\s$/.test(before) || before === '') {
		for (const word of before.trim().split(' ').filter(Boolean).reverse()) {
			if (endsBlock(word) || prefixWords.length === context) break;
			prefixWords.unshift(word);
		}
	}
	const suffixWords: string[] = [];
	if (!endsBlock(trailing)) {
		const words = after.trim().split(' ').filter(Boolean);
		if (trailing) suffixWords.push(trailing);
		for (const word of words) {
			if (endsBlock(word) || suffixWords.length === context) break;
			suffixWords.push(word);
		}
	}
	const prefix = prefixWords.length > 0 ? `${encodePart(prefixWords.join(' '))}-,` : '';
	const suffixText = trailing && suffixWords[0] === trailing ? `${trailing} ${suffixWords.slice(1).join(' ')}`.trim() : suffixWords.join(' ');
	const suffix = suffixText ? `,-${encodePart(suffixText)}` : '';
	return `:~:text=${prefix}${encodePart(marked)}${suffix}`;
}
