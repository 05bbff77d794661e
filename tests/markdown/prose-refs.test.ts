import fc from 'fast-check';
import { findAndReplace } from 'mdast-util-find-and-replace';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { expect, test } from 'vitest';
import { findProseRefs, PROSE_REF_PATTERN } from '../../src/markdown/prose-refs.ts';
import { remarkEntryRefs } from '../../src/markdown/remark-entry-refs.ts';
import { createRefResolver } from '../../src/model/entry-links.ts';

const resolve = createRefResolver(
	{
		decisions: new Map([['DR-0003', 'DR-0003: Per-channel statistics']]),
		experiments: new Map([['lr-warmup', 'Learning-rate warmup']]),
		people: new Map([['amara', 'Amara Okafor']]),
	},
	'/research/retros/'
);

function linksIn(markdown: string): { url: string; text: string }[] {
	const processor = unified().use(remarkParse).use(remarkEntryRefs, { resolve });
	const tree = processor.runSync(processor.parse(markdown)) as Root;
	const links: { url: string; text: string }[] = [];
	visit(tree, 'link', (node: Link) => {
		links.push({ url: node.url, text: node.children.map((child) => ('value' in child ? child.value : '')).join('') });
	});
	return links;
}

test('links decisions, experiments and people in prose under the base path', () => {
	expect(linksIn('We chose DR-0003 after exp:lr-warmup, thanks to @amara.')).toEqual([
		{ url: '/research/retros/decisions/dr-0003/', text: 'DR-0003' },
		{ url: '/research/retros/experiments/lr-warmup/', text: 'exp:lr-warmup' },
		{ url: '/research/retros/people/amara/', text: '@amara' },
	]);
});

test('leaves code, existing links, e-mail addresses, paths and unknown ids alone', () => {
	const markdown = 'Quoted `DR-0003`, [a link about DR-0003](https://x.test/), mail amara@example.org, path docs/DR-0003, unknown DR-0099.\n\n```\nDR-0003\n```\n';
	expect(linksIn(markdown)).toEqual([{ url: 'https://x.test/', text: 'a link about DR-0003' }]);
});

test('finds references with their body line, skipping code', () => {
	const body = 'Intro DR-0001\n`DR-0002` quoted\n```\nDR-0003\n```\nthen @amara and exp:x-y.\n';
	expect(findProseRefs(body)).toEqual([
		{ ref: 'DR-0001', line: 1 },
		{ ref: '@amara', line: 6 },
		{ ref: 'exp:x-y', line: 6 },
	]);
});

/** What the plugin did before it walked the tree itself: mdast-util-find-and-replace with the same pattern and ignored nodes. */
function referencePlugin(options: { resolve: typeof resolve }) {
	return (tree: Root) => {
		findAndReplace(
			tree,
			[
				new RegExp(PROSE_REF_PATTERN.source, 'g'),
				(ref: string) => {
					const target = options.resolve(ref);
					return target ? { type: 'link', url: target.url, title: target.title, children: [{ type: 'text', value: ref }] } : false;
				},
			],
			{ ignore: ['link', 'linkReference', 'inlineCode', 'code'] },
		);
	};
}

test('changes the tree exactly as find-and-replace did', () => {
	const piece = fc.constantFrom('DR-0003', 'DR-0099', 'exp:lr-warmup', 'exp:nope', '@amara', '@nobody', 'x@amara', 'a-DR-0003', 'DR-0003x', '`DR-0003`', '[see DR-0003](https://x.test/)', '*DR-0003*', '**@amara**', 'word', ' ', ', ', '.', '\n', '\n\n', '- ', '> ', '# ', '| a | DR-0003 |\n|---|---|\n| @amara | b |\n');
	fc.assert(
		fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
			const markdown = pieces.join('');
			const ours = unified().use(remarkParse).use(remarkEntryRefs, { resolve });
			const theirs = unified().use(remarkParse).use(referencePlugin, { resolve });
			expect(ours.runSync(ours.parse(markdown))).toEqual(theirs.runSync(theirs.parse(markdown)));
		}),
		{ numRuns: 500 },
	);
});
