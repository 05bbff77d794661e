import { expect, test } from 'vitest';
import { findMissingRecord, isIdentifierQuery, keepExactMatches, splitIdentifier } from '../../src/search/identifier-query.ts';
import { buildTextFragment } from '../../src/search/text-fragment.ts';

test('a single token with a dot, slash, underscore, hyphen or digit is an identifier query; words are not', () => {
	for (const query of ['val/loss', 'optimizer.lr', 'val_loss', 'DR-0042', 'normalize.py', 'resnet18']) expect(isIdentifierQuery(query), query).toBe(true);
	for (const query of ['warmup', 'why did loss rise', 'val loss', '']) expect(isIdentifierQuery(query), query).toBe(false);
});

test('an identifier is searched by the parts Pagefind indexes it under', () => {
	expect(splitIdentifier('src/data/normalize.py')).toBe('src data normalize py');
	expect(splitIdentifier('normalize.py')).toBe('normalize py');
});

test('only the results that hold the identifier as written are kept; a trailing part of a path matches the whole path', () => {
	const results = [
		{ url: 'a', content: 'We changed src/data/normalize.py to use training statistics.' },
		{ url: 'b', content: 'Normalize the inputs; see the py scripts.' },
		{ url: 'c', content: 'NORMALIZE.PY was rewritten.' },
	];
	expect(keepExactMatches(results, 'normalize.py').map(({ url }) => url)).toEqual(['a', 'c']);
	expect(keepExactMatches(results, 'src/data/normalize.py').map(({ url }) => url)).toEqual(['a']);
	expect(keepExactMatches(results, 'val/loss')).toEqual([]);
});

test('a decision id that names no record is reported with the nearest ids that exist', () => {
	const known = ['DR-0001', 'DR-0002', 'DR-0014', 'DR-0015', 'DR-0016'];
	expect(findMissingRecord('DR-0042', known)).toEqual({ id: 'DR-0042', nearest: ['DR-0014', 'DR-0015', 'DR-0016'] });
	expect(findMissingRecord('DR-0003', known)).toEqual({ id: 'DR-0003', nearest: ['DR-0001', 'DR-0002', 'DR-0014'] });
	expect(findMissingRecord('DR-0014', known)).toBeUndefined();
	expect(findMissingRecord('warmup', known)).toBeUndefined();
});

test('a text fragment carries the words around the marked one, from the excerpt, escaped', () => {
	expect(buildTextFragment('the schedule with a linear <mark>warmup</mark> over 500 steps, then decay')).toBe(
		':~:text=with%20a%20linear-,warmup,-over%20500%20steps%2C'
	);
	expect(buildTextFragment('<mark>augment.mixup_alpha</mark> is 0.2')).toBe(':~:text=augment.mixup_alpha,-is%200.2');
	expect(buildTextFragment('set x-y to <mark>DR-0004</mark>')).toBe(':~:text=set%20x%2Dy%20to-,DR%2D0004');
	expect(buildTextFragment('nothing marked')).toBeUndefined();
});

test('context stops at the full stops Pagefind adds after headings, and punctuation marked with the word moves to the suffix', () => {
	expect(buildTextFragment('Affects. Code <mark>src/data/normalize.py,</mark> data/stats/ Config keys')).toBe(
		':~:text=Code-,src%2Fdata%2Fnormalize.py,-%2C%20data%2Fstats%2F%20Config'
	);
	expect(buildTextFragment('apparent gain was <mark>leakage.</mark> Confirmed in April.')).toBe(':~:text=apparent%20gain%20was-,leakage');
	expect(buildTextFragment('Decision. <mark>warmup</mark> over 500 steps. Then')).toBe(':~:text=warmup,-over%20500');
});
