import { describe, expect, test } from 'vitest';
import { emptyIgnoredElements, hasSearchBody } from '../../src/search/search-pages.ts';

describe('hasSearchBody', () => {
	test('finds the attribute on an element, with or without a value', () => {
		expect(hasSearchBody('<body><main id="main" data-pagefind-body><h1>DR-0001</h1></main></body>')).toBe(true);
		expect(hasSearchBody('<div data-pagefind-body="">x</div>')).toBe(true);
	});

	test('is not fooled by the name in text or in another attribute', () => {
		expect(hasSearchBody('<main id="main"><p>Mark pages with &lt;main data-pagefind-body&gt;.</p></main>')).toBe(false);
		expect(hasSearchBody('<main data-pagefind-body-like="x"></main>')).toBe(false);
		expect(hasSearchBody('<main id="main"></main>')).toBe(false);
	});
});

describe('emptyIgnoredElements', () => {
	test('takes out what ignored elements hold and keeps their tags', () => {
		const html =
			'<main data-pagefind-body><p>Kept words</p><div class="table-wrap" data-pagefind-ignore><table><tr><td>run-1</td></tr></table></div><p>after</p></main>';
		expect(emptyIgnoredElements(html)).toBe('<main data-pagefind-body><p>Kept words</p><div class="table-wrap" data-pagefind-ignore></div><p>after</p></main>');
	});

	test('finds the end of an element that holds elements of its own kind', () => {
		const html = '<div data-pagefind-ignore><div><div>a</div></div><div>b</div></div><div>c</div>';
		expect(emptyIgnoredElements(html)).toBe('<div data-pagefind-ignore></div><div>c</div>');
	});

	test('empties every ignored element, of any kind, and self-closing tags inside do not count as nesting', () => {
		const html =
			'<figure id="c" data-pagefind-ignore><svg><path d="M0"/><figure/></svg></figure> x <ul class="list" data-pagefind-ignore><li>1</li></ul> y <p data-pagefind-ignore="">z</p>';
		expect(emptyIgnoredElements(html)).toBe(
			'<figure id="c" data-pagefind-ignore></figure> x <ul class="list" data-pagefind-ignore></ul> y <p data-pagefind-ignore=""></p>'
		);
	});

	test('leaves an element whole when it holds filters or metadata, which Pagefind still reads there', () => {
		const html = '<div data-pagefind-ignore><span data-pagefind-filter="tag:x"></span>text</div><div data-pagefind-ignore>gone</div>';
		expect(emptyIgnoredElements(html)).toBe('<div data-pagefind-ignore><span data-pagefind-filter="tag:x"></span>text</div><div data-pagefind-ignore></div>');
	});

	test('changes nothing when the attribute is only in text, is another attribute, or its element never ends', () => {
		for (const html of [
			'<p>Write data-pagefind-ignore on run tables.</p>',
			'<div data-pagefind-ignored>x</div>',
			'<div data-pagefind-ignore>never closed',
			'<p>a</p>',
		]) {
			expect(emptyIgnoredElements(html)).toBe(html);
		}
	});
});
