import { expect, test } from 'vitest';
import { createInlineRenderer, unwrapParagraph } from '../../src/markdown/render-inline.ts';

const resolve = (ref: string) => (ref === 'DR-0004' ? { url: '/decisions/dr-0004/', title: 'Normalise inputs' } : undefined);

test('a Markdown field renders code, links, emphasis and record ids inline, as the bodies do', async () => {
	const render = await createInlineRenderer(resolve);
	expect(await render('Use `val_loss`, see [the notes](https://wiki.example.org/x) and *DR-0004*.')).toBe(
		'Use <code>val_loss</code>, see <a href="https://wiki.example.org/x">the notes</a> and <em><a href="/decisions/dr-0004/" title="Normalise inputs">DR-0004</a></em>.'
	);
	expect(await render('~~old~~ new')).toBe('<del>old</del> new');
});

test('only a single paragraph loses its element', () => {
	expect(unwrapParagraph('<p>one</p>')).toBe('one');
	expect(unwrapParagraph('<p>one</p>\n<p>two</p>')).toBe('<p>one</p>\n<p>two</p>');
});
