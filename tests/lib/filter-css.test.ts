import { expect, test } from 'vitest';
import { checkboxFilterCss, cssString, selectFilterCss } from '../../src/lib/filter-css.ts';

test('checkbox groups hide an item while its group is in use and none of its words is ticked, one rule per kind of item', () => {
	const css = checkboxFilterCss('.f', 'tr', [
		{ name: 'status', attribute: 'data-status', itemValues: ['accepted', 'superseded', 'accepted'] },
		{ name: 'impact', attribute: 'data-impact', itemValues: ['data evaluation'] },
	]);
	expect(css.split('\n')).toEqual([
		'.f:has(input[name="status"]:checked):has(input[name="status"][value="accepted"]:not(:checked)) tr[data-status="accepted"]{display:none}',
		'.f:has(input[name="status"]:checked):has(input[name="status"][value="superseded"]:not(:checked)) tr[data-status="superseded"]{display:none}',
		'.f:has(input[name="impact"]:checked):has(input[name="impact"][value="data"]:not(:checked)):has(input[name="impact"][value="evaluation"]:not(:checked)) tr[data-impact="data evaluation"]{display:none}',
	]);
});

test('a chosen option hides the items without its word and the sections left empty', () => {
	expect(selectFilterCss('.l', 'article', [{ name: 'tag', attribute: 'data-tags', values: ['a"b'] }], 'section').split('\n')).toEqual([
		'.l:has(select[name="tag"] option[value="a\\"b"]:checked) article:not([data-tags~="a\\"b"]){display:none}',
		'.l:has(select[name="tag"] option[value="a\\"b"]:checked) section:not(:has(article[data-tags~="a\\"b"])){display:none}',
	]);
	expect(cssString('x\\y')).toBe('"x\\\\y"');
});
