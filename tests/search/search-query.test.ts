import { expect, test } from 'vitest';
import { formatSearchState, normaliseQuery, parseSearchState, toPagefindFilters, toPagefindSort } from '../../src/search/search-query.ts';

test('a search round-trips through its URL, with a canonical parameter order', () => {
	const state = parseSearchState(new URLSearchParams('status=accepted&q=+val_loss+&kind=retro&kind=decision&kind=decision&sort=date-desc&bogus=1'));
	expect(state).toEqual({ query: 'val_loss', filters: { kind: ['retro', 'decision'], status: ['accepted'] }, sort: 'date-desc' });
	expect(formatSearchState(state).toString()).toBe('q=val_loss&kind=decision&kind=retro&status=accepted&sort=date-desc');
	expect(parseSearchState(new URLSearchParams('sort=sideways')).sort).toBe('relevance');
});

test('values within a filter combine with OR and filters with AND; one filter can be left out for its counts', () => {
	const filters = { kind: ['decision', 'month'], status: ['accepted'] };
	expect(toPagefindFilters(filters)).toEqual({ kind: { any: ['decision', 'month'] }, status: { any: ['accepted'] } });
	expect(toPagefindFilters(filters, 'kind')).toEqual({ status: { any: ['accepted'] } });
	expect(toPagefindSort('date-asc')).toEqual({ date: 'asc' });
	expect(toPagefindSort('relevance')).toBeUndefined();
});

test('decision ids typed loosely are normalised', () => {
	expect(normaliseQuery('DR 42')).toBe('DR-0042');
	expect(normaliseQuery('why dr42 and DR-7')).toBe('why DR-0042 and DR-0007');
	expect(normaliseQuery('DR-0006')).toBe('DR-0006');
	expect(normaliseQuery('ADR 3 dress')).toBe('ADR 3 dress');
});

test('typed references lose their prefix', () => {
	expect(normaliseQuery('exp:label-noise-audit')).toBe('label-noise-audit');
	expect(normaliseQuery('@farah lessons')).toBe('farah lessons');
	expect(normaliseQuery('mail a@b.c')).toBe('mail a@b.c');
});
