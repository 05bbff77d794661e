import { expect, test } from 'vitest';
import { createKeyedMap, memoiseLatest } from '../../src/site/memoise-latest.ts';

test('one load per key: calls with the same key share it, a new key loads again', async () => {
	const memo = memoiseLatest<number>();
	let loads = 0;
	const load = async () => ++loads;
	const first = memo('0.0', load);
	expect(memo('0.0', load)).toBe(first);
	expect(await first).toBe(1);
	expect(await memo('0.0', load)).toBe(1);
	expect(await memo('1.0', load)).toBe(2);
	expect(await memo('1.0', load)).toBe(2);
	expect(loads).toBe(2);
});

test('loads through the load function of the call that finds the key changed', async () => {
	const memo = memoiseLatest<string>();
	expect(await memo('a', async () => 'old module')).toBe('old module');
	expect(await memo('a', async () => 'new module')).toBe('old module');
	expect(await memo('b', async () => 'new module')).toBe('new module');
});

test('a failed load is not kept: the next call with the same key tries again', async () => {
	const memo = memoiseLatest<string>();
	await expect(memo('k', async () => Promise.reject(new Error('runs/2025-06.json: Unexpected end of JSON input')))).rejects.toThrow(/2025-06/);
	expect(await memo('k', async () => 'read whole')).toBe('read whole');
});

test('a failure of a load already replaced does not forget the newer one', async () => {
	const memo = memoiseLatest<string>();
	let fail!: (error: Error) => void;
	const older = memo('1', () => new Promise<string>((_, reject) => (fail = reject)));
	let loads = 0;
	const newer = memo('2', async () => `newer ${++loads}`);
	fail(new Error('stale'));
	await expect(older).rejects.toThrow('stale');
	expect(await newer).toBe('newer 1');
	expect(await memo('2', async () => `newer ${++loads}`)).toBe('newer 1');
});

test('a keyed map keeps its entries while the key holds and starts empty on a new key', () => {
	const mapOf = createKeyedMap<string, number>();
	mapOf('0.0.0').set('2025-06', 1);
	expect(mapOf('0.0.0').get('2025-06')).toBe(1);
	expect(mapOf('1.0.0').has('2025-06')).toBe(false);
	expect(mapOf('1.0.0').size).toBe(0);
});
