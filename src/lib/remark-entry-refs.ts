import type { Root } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import { PROSE_REF_PATTERN } from './prose-refs.ts';

/** Where a reference leads, or undefined for an id the archive does not have. */
export type ResolveRef = (ref: string) => { url: string; title: string } | undefined;

/**
 * A remark plugin that turns `DR-0012`, `exp:slug` and `@person` in prose into links. Code, existing
 * links and unknown ids are left as written; the archive check reports unknown ids with file and line.
 */
export function remarkEntryRefs(options: { resolve: ResolveRef }) {
	return (tree: Root) => {
		findAndReplace(
			tree,
			[
				new RegExp(PROSE_REF_PATTERN.source, 'g'),
				(ref: string) => {
					const target = options.resolve(ref);
					if (!target) return false;
					return { type: 'link', url: target.url, title: target.title, children: [{ type: 'text', value: ref }] };
				},
			],
			{ ignore: ['link', 'linkReference', 'inlineCode', 'code'] }
		);
	};
}
