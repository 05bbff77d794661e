import { expect, test } from 'vitest';
import { takeOutSeries } from '../../src/lib/digest-series.ts';
import { createSeriesPacker, unpackSeries } from '../../src/lib/packed-series.ts';

test('series checked in a digest come back packed, non-finite values decoded, and invalid ones left out', () => {
	const packer = createSeriesPacker();
	const digest = {
		runs: [
			{ id: 'a', metrics: { val_loss: { final: 1, series: [[0, 0.9], [10, 'NaN'], [20, 0.5]] }, acc: { final: 1, series: [[0, 'x']] } } },
			{ id: 'b', metrics: { val_loss: { final: 1, series: new Float64Array([1, 2, 3, 4]) } } },
		],
	};
	const { problems } = takeOutSeries(digest, packer);
	expect(problems).toHaveLength(1);
	const packed = packer.pack();
	expect(unpackSeries(packed, 'a', 'val_loss')).toEqual([[0, 0.9], [10, Number.NaN], [20, 0.5]]);
	expect(unpackSeries(packed, 'b', 'val_loss')).toEqual([[1, 2], [3, 4]]);
	expect(unpackSeries(packed, 'a', 'acc')).toBeUndefined();
	expect(unpackSeries(packed, 'c', 'val_loss')).toBeUndefined();
	expect(packed.points).toHaveLength(10);
});
