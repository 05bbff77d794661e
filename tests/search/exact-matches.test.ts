import { describe, expect, it } from 'vitest';
import { createExactMatches } from '../../src/search/exact-matches.ts';

/** Results whose text is read through `data()`, counting the reads as Pagefind's fragment fetches. */
function makeResults(texts: Record<string, string>, reads: string[]) {
	return Object.entries(texts).map(([id, content]) => ({
		id,
		data: async () => {
			reads.push(id);
			return { content };
		},
	}));
}

describe('createExactMatches', () => {
	it('reads only as many results as the matches asked for need, in ranking order', async () => {
		const reads: string[] = [];
		const results = makeResults(
			{ a: 'set optimizer.lr to 3e-4', b: 'the optimizer and lr', c: 'optimizer.lr again', d: 'OPTIMIZER.LR', e: 'optimizer.lr' },
			reads
		);
		const exact = createExactMatches('optimizer.lr', [async () => results], 100);
		expect((await exact.take(2)).map((r) => r.id)).toEqual(['a', 'c']);
		expect(reads).toEqual(['a', 'b', 'c']);
		expect(exact.done).toBe(false);
		expect((await exact.take(Number.POSITIVE_INFINITY)).map((r) => r.id)).toEqual(['a', 'c', 'd', 'e']);
		expect(exact.done).toBe(true);
		expect(reads).toHaveLength(5);
	});

	it('asks the next source only once the one before is used up, and reads a result found twice once', async () => {
		const reads: string[] = [];
		let partsAsked = 0;
		const byQuery = makeResults({ a: 'normalize.py is short' }, reads);
		const byParts = makeResults({ a: 'normalize.py is short', b: 'src/data/normalize.py', c: 'normalize it' }, reads);
		const exact = createExactMatches(
			'normalize.py',
			[
				async () => byQuery,
				async () => {
					partsAsked++;
					return byParts;
				},
			],
			100
		);
		await exact.take(1);
		expect(partsAsked).toBe(0);
		expect((await exact.take(5)).map((r) => r.id)).toEqual(['a', 'b']);
		expect(partsAsked).toBe(1);
		expect(reads).toEqual(['a', 'b', 'c']);
		expect(exact.done).toBe(true);
	});

	it('stops at the limit of candidates, and is done at once when there are none', async () => {
		const reads: string[] = [];
		const many = makeResults(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`r${i}`, 'val/loss'])), reads);
		const limited = createExactMatches('val/loss', [async () => many], 12);
		expect(await limited.take(Number.POSITIVE_INFINITY)).toHaveLength(12);
		expect(limited.done).toBe(true);
		expect(reads).toHaveLength(12);
		const none = createExactMatches('val/loss', [async () => []], 12);
		expect(await none.take(3)).toEqual([]);
		expect(none.done).toBe(true);
	});
});
