import { expect, test } from 'vitest';
import { checkboxFilterCss, cssString, wrapperFilterCss } from '../../src/components/filter-css.ts';

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

test('a filter on hides its wrappers and the headings, then shows the wrappers holding the chosen value, after and at least as specific', () => {
	const filters = [
		{ wrapper: 'f-tag', attribute: 'data-tag', active: 'input[name="tag"]:not([value=""]):checked', values: [{ value: 'a"b', id: 'filter:tag:a"b' }] },
	];
	expect(wrapperFilterCss('.list', 'section > h2', filters, ':checked').split('\n')).toEqual([
		'input[name="tag"]:not([value=""]):checked ~ .list .f-tag{display:none}',
		'input[name="tag"]:not([value=""]):checked ~ .list section > h2{display:none}',
		'input[id="filter:tag:a\\"b"]:checked ~ .list .f-tag[data-tag~="a\\"b"]{display:block}',
	]);
	const views = [{ wrapper: 'f-view', attribute: 'data-view', active: '.note:target', values: [{ value: 'month:2026-02', id: 'month:2026-02' }] }];
	expect(wrapperFilterCss('.list', 'h2', views, ':target').split('\n').at(-1)).toBe(
		'[id="month:2026-02"]:target ~ .list .f-view[data-view~="month:2026-02"]{display:block}'
	);
	expect(cssString('x\\y')).toBe('"x\\\\y"');
});
