import { expect, test } from 'vitest';
import { mulberry32 } from '../../bench/seeded-random.ts';

test('the same seed gives the same sequence in [0, 1), another seed another one', () => {
	const take = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
	expect(take(42)).toEqual(take(42));
	expect(take(42)).not.toEqual(take(43));
	for (const value of Array.from({ length: 1000 }, mulberry32(7))) expect(value >= 0 && value < 1).toBe(true);
});
