import fc from 'fast-check';
import type { Link, Root } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
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
	const markdown =
		'Quoted `DR-0003`, [a link about DR-0003](https://x.test/), mail amara@example.org, path docs/DR-0003, unknown DR-0099.\n\n```\nDR-0003\n```\n';
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
			{ ignore: ['link', 'linkReference', 'inlineCode', 'code'] }
		);
	};
}

test('changes the tree exactly as find-and-replace did', () => {
	const piece = fc.constantFrom(
		'DR-0003',
		'DR-0099',
		'exp:lr-warmup',
		'exp:nope',
		'@amara',
		'@nobody',
		'x@amara',
		'a-DR-0003',
		'DR-0003x',
		'`DR-0003`',
		'[see DR-0003](https://x.test/)',
		'*DR-0003*',
		'**@amara**',
		'word',
		' ',
		', ',
		'.',
		'\n',
		'\n\n',
		'- ',
		'> ',
		'# ',
		'| a | DR-0003 |\n|---|---|\n| @amara | b |\n'
	);
	fc.assert(
		fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
			const markdown = pieces.join('');
			const ours = unified().use(remarkParse).use(remarkEntryRefs, { resolve });
			const theirs = unified().use(remarkParse).use(referencePlugin, { resolve });
			expect(ours.runSync(ours.parse(markdown))).toEqual(theirs.runSync(theirs.parse(markdown)));
		}),
		{ numRuns: 500 }
	);
});

/** One record body holding a reference in every place that is not prose, and one in prose at the end. */
const NOT_PROSE_CASES = {
	'a fenced block nested in a list item': '- Use the annotations:\n\n  ```java\n  /** {@code x} @param y @see DR-0003 */\n  ```\n',
	'a fenced block two lists deep, with tildes': '1. Outer\n   - Inner\n\n     ~~~\n     @amara exp:lr-warmup\n     ~~~\n',
	'a fenced block in a block quote': '> ```\n> @amara\n> ```\n',
	'inline code': 'Write `@amara` or `DR-0003` to quote.\n',
	'a link URL': 'See [the docs](https://x.test/@amara/DR-0003) and <https://x.test/exp:lr-warmup>.\n',
	'a reference-style link definition': 'See [docs].\n\n[docs]: https://x.test/@amara\n',
};

test.each(Object.entries(NOT_PROSE_CASES))('never reads a reference in %s, in MDX or Markdown', (_, markdown) => {
	const body = `${markdown}\nIn prose: @amara.\n`;
	const prose = body.split('\n').length - 1;
	expect(findProseRefs(body)).toEqual([{ ref: '@amara', line: prose }]);
	expect(findProseRefs(body, { mdx: false })).toEqual([{ ref: '@amara', line: prose }]);
	expect(linksIn(body).filter(({ text }) => /^(@|DR-|exp:)/.test(text))).toEqual([{ url: '/research/retros/people/amara/', text: '@amara' }]);
});

test('never reads a reference in an MDX comment or a component attribute, nor in Markdown in indented code, HTML comments or raw HTML attributes', () => {
	expect(findProseRefs('{/* @amara DR-0003 */}\n\n<Lesson id="x" by="@amara" />\n\nThen @amara.\n')).toEqual([{ ref: '@amara', line: 5 }]);
	const markdown = 'Intro.\n\n    @amara in indented code\n\n<!-- DR-0003 -->\n\n<span title="@amara exp:lr-warmup">x</span>\n\nThen exp:lr-warmup.\n';
	expect(findProseRefs(markdown, { mdx: false })).toEqual([{ ref: 'exp:lr-warmup', line: 9 }]);
});

test('reads the text of MDX that does not parse without its code, comments or tags', () => {
	expect(findProseRefs('A { broken\n\n- x\n  ```\n  @amara\n  ```\n\n<!-- @amara -->\nThen DR-0003.\n')).toEqual([{ ref: 'DR-0003', line: 9 }]);
});
