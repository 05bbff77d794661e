import type { Link, Parent, PhrasingContent, Root, Text } from 'mdast';
import { PROSE_REF_PATTERN } from './prose-refs.ts';

/** Where a reference leads, or undefined for an id the archive does not have. */
export type ResolveRef = (ref: string) => { url: string; title: string } | undefined;

/** Nodes whose text is quoted or already a link: references in them are left as written. */
const IGNORED = new Set(['link', 'linkReference', 'inlineCode', 'code']);

/**
 * A remark plugin that turns `DR-0012`, `exp:slug` and `@person` in prose into links. Code, existing
 * links and unknown ids are left as written; the archive check reports unknown ids with file and line.
 * It does what `mdast-util-find-and-replace` would with that pattern and those nodes ignored, by a
 * plain walk over the children: the generic visitor, which keeps a stack of ancestors for every
 * node, cost 0.8 s of a ten-year archive's build.
 */
export function remarkEntryRefs(options: { resolve: ResolveRef; ready?: () => Promise<unknown> }) {
	const pattern = new RegExp(PROSE_REF_PATTERN.source, 'g');
	const link = (tree: Root) => linkRefsIn(tree, pattern, options.resolve);
	// `ready`: in `npm run dev` the ids become known while the server starts, after the processor is made.
	const ready = options.ready;
	if (!ready) return link;
	return async (tree: Root) => {
		await ready();
		return link(tree);
	};
}

function linkRefsIn(parent: Parent, pattern: RegExp, resolve: ResolveRef): void {
	const children = parent.children;
	for (let index = 0; index < children.length; index++) {
		const node = children[index]!;
		if (node.type === 'text') {
			const nodes = splitRefs(node, pattern, resolve);
			if (nodes === null) continue;
			children.splice(index, 1, ...(nodes as typeof children));
			index += nodes.length - 1;
		} else if ('children' in node && !IGNORED.has(node.type)) linkRefsIn(node, pattern, resolve);
	}
}

/** The text node cut around the references that resolve, or null when none does. */
function splitRefs(node: Text, pattern: RegExp, resolve: ResolveRef): PhrasingContent[] | null {
	const { value } = node;
	let nodes: PhrasingContent[] | null = null;
	let start = 0;
	pattern.lastIndex = 0;
	for (let match = pattern.exec(value); match !== null; match = pattern.exec(value)) {
		const ref = match[0];
		const target = resolve(ref);
		if (!target) {
			// Not a link after all: look again from the next character, as find-and-replace does
			pattern.lastIndex = match.index + 1;
			continue;
		}
		nodes ??= [];
		if (start !== match.index) nodes.push({ type: 'text', value: value.slice(start, match.index) });
		const link: Link = { type: 'link', url: target.url, title: target.title, children: [{ type: 'text', value: ref }] };
		nodes.push(link);
		start = match.index + ref.length;
	}
	if (nodes === null) return null;
	if (start < value.length) nodes.push({ type: 'text', value: value.slice(start) });
	return nodes;
}
