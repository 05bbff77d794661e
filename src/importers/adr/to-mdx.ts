// Turns ADR Markdown into MDX that compiles: MDX reads `{`, `}` and `<` as JSX, has no HTML comments or
// `<https://…>` autolinks, and treats a line starting with `import`/`export` as code. Hindsight also links
// `DR-0012`, `exp:slug` and `@name` in prose and rejects unknown ones, so ADR text must not contain them bare.
import { PROSE_REF_PATTERN } from '../../markdown/prose-refs.ts';
import { markFencedLines } from './markdown-sections.ts';
import type { ReportLine } from './types.ts';

/** What to do with a link's target: keep it, point it at an imported record, or drop the link and keep its text. */
export type LinkTarget = { kind: 'keep' } | { kind: 'record'; id: string } | { kind: 'rewrite'; href: string } | { kind: 'drop'; reason: string };

// MADR and Log4brains template comments carry no content of the ADR.
const TEMPLATE_COMMENT = /^\s*(optional|this is an optional element\b.*|numbers? of .* can vary|example: .*|omit in toc|these are optional .*)\s*$/i;

const TOKEN = new RegExp(
	[
		String.raw`(?<comment><!--[\s\S]*?-->)`,
		// \x60 is the backtick, which a template literal cannot hold unescaped.
		String.raw`(?<code>(?<tick>\x60+)(?:(?!\n[ \t]*\n)[\s\S])+?\k<tick>(?!\x60))`,
		String.raw`<(?<auto>(?:https?|ftp|mailto):[^\s<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>`,
		String.raw`(?<bang>!?)\[(?<label>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*(?<href><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?<title>\s+"[^"\n]*"|\s+'[^'\n]*')?\s*\)`,
	].join('|'),
	'g'
);

/** Counts of what the conversion changed, for one report line each. */
interface Tally {
	templateComments: number;
	keptComments: number;
	html: number;
	quotedRefs: Set<string>;
	dropped: string[];
}

/** Converts Markdown to MDX-safe text; `resolveLink` decides what becomes of each link's target. */
export function convertToMdx(markdown: string, resolveLink: (href: string, image?: boolean) => LinkTarget): { text: string; notes: ReportLine[] } {
	const tally: Tally = { templateComments: 0, keptComments: 0, html: 0, quotedRefs: new Set(), dropped: [] };
	const lines = markdown.split('\n');
	const fenced = markFencedLines(lines);
	const chunks: { fenced: boolean; lines: string[] }[] = [];
	lines.forEach((line, index) => {
		const last = chunks.at(-1);
		if (last && last.fenced === fenced[index]) last.lines.push(line);
		else chunks.push({ fenced: fenced[index]!, lines: [line] });
	});
	const text = chunks
		.map((chunk) => (chunk.fenced ? chunk.lines.join('\n') : convertInline(neutraliseEsm(chunk.lines.join('\n')), resolveLink, tally)))
		.join('\n');
	return { text, notes: describeTally(tally) };
}

function convertInline(text: string, resolveLink: (href: string, image?: boolean) => LinkTarget, tally: Tally): string {
	let out = '';
	let last = 0;
	for (const match of text.matchAll(TOKEN)) {
		out += escapeText(text.slice(last, match.index), tally);
		last = match.index + match[0].length;
		const groups = match.groups ?? {};
		if (groups['comment'] !== undefined) out += convertComment(groups['comment'], tally);
		else if (groups['code'] !== undefined) out += groups['code'];
		else if (groups['auto'] !== undefined) out += `[${escapeText(groups['auto'], tally)}](${groups['auto'].includes(':') ? '' : 'mailto:'}${groups['auto']})`;
		else out += convertLink(groups, resolveLink, tally);
	}
	return out + escapeText(text.slice(last), tally);
}

function convertLink(groups: Record<string, string | undefined>, resolveLink: (href: string, image?: boolean) => LinkTarget, tally: Tally): string {
	const rawLabel = groups['label'] ?? '';
	const label = convertInline(rawLabel, resolveLink, tally);
	const href = (groups['href'] ?? '').replace(/^<|>$/g, '');
	if (groups['bang']) {
		if (isExternal(href)) return `![${label}](${groups['href']}${groups['title'] ?? ''})`;
		const copied = resolveLink(href, true);
		if (copied.kind === 'rewrite') return `![${label}](${copied.href}${groups['title'] ?? ''})`;
		tally.dropped.push(`image ${href} (no such file in the ADR folder)`);
		return `*(image not imported: ${label || 'no description'}, \`${href.replace(/`/g, '')}\`)*`;
	}
	const target = resolveLink(href);
	if (target.kind === 'keep' || target.kind === 'rewrite') return `[${label}](${groups['href']}${groups['title'] ?? ''})`;
	if (target.kind === 'drop') {
		tally.dropped.push(`link to ${href} (${target.reason}); its text is kept`);
		return label;
	}
	// A label that only names the ADR (`ADR-0005`, `0005-x.md`) is replaced by the id; a title is kept beside it.
	const bareReference = /^(?:adr[\s-]*)?#?\d+$/i.test(rawLabel.trim()) || rawLabel.trim() === href || rawLabel.trim() === '';
	return bareReference ? target.id : `${label} (${target.id})`;
}

/** True for targets outside the ADR folder that stay valid on the site: URLs, mail and in-page anchors. */
export function isExternal(href: string): boolean {
	return /^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(href);
}

function convertComment(comment: string, tally: Tally): string {
	const inner = comment.slice(4, -3);
	if (inner.trim() === '' || TEMPLATE_COMMENT.test(inner)) {
		tally.templateComments++;
		return '';
	}
	tally.keptComments++;
	// MDX finds the end of an expression by counting braces, even inside a JavaScript comment; and the
	// archive check reads references in comments too, so they are quoted there as well.
	const safe = inner
		.replace(/\*\//g, '* /')
		.replace(/\{/g, '(')
		.replace(/\}/g, ')')
		.replace(new RegExp(PROSE_REF_PATTERN.source, 'g'), (ref: string) => {
			tally.quotedRefs.add(ref);
			return `\`${ref}\``;
		});
	return `{/*${safe}*/}`;
}

function escapeText(text: string, tally: Tally): string {
	return text
		.replace(/[{}<]/g, (char, offset: number) => {
			if (char === '<') {
				if (/^<\/?[A-Za-z!]/.test(text.slice(offset, offset + 3))) tally.html++;
				return '&lt;';
			}
			return `\\${char}`;
		})
		.replace(new RegExp(PROSE_REF_PATTERN.source, 'g'), (ref: string) => {
			tally.quotedRefs.add(ref);
			return `\`${ref}\``;
		});
}

// A paragraph line starting `import ` or `export ` would be read as a JavaScript module statement.
function neutraliseEsm(text: string): string {
	return text.replace(/^(i)(?=mport[ \t])|^(e)(?=xport[ \t])/gm, (letter: string) => `&#${letter.charCodeAt(0)};`);
}

function describeTally(tally: Tally): ReportLine[] {
	const notes: ReportLine[] = [];
	if (tally.templateComments > 0)
		notes.push({ level: 'note', field: 'body', message: `${tally.templateComments} template comment(s) (<!-- optional -->, …) dropped` });
	if (tally.keptComments > 0) notes.push({ level: 'note', field: 'body', message: `${tally.keptComments} HTML comment(s) kept as MDX comments {/* … */}` });
	if (tally.html > 0) notes.push({ level: 'warning', field: 'body', message: `${tally.html} raw HTML tag(s) escaped; they show as text` });
	if (tally.quotedRefs.size > 0)
		notes.push({
			level: 'note',
			field: 'body',
			message: `quoted in backticks so Hindsight does not read them as references: ${[...tally.quotedRefs].join(', ')}`,
		});
	for (const dropped of tally.dropped) notes.push({ level: 'warning', field: 'body', message: dropped });
	return notes;
}

/** MDX produced by `convertToMdx` back to plain Markdown text, for the summary: escapes undone, comments gone. */
export function unescapeMdx(mdx: string): string {
	return mdx
		.replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
		.replace(/\\([{}])/g, '$1')
		.replace(/&lt;/g, '<')
		.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}
