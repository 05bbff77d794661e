import { expect, test } from 'vitest';
import { readMonthSeries } from '../../src/archive/read-digests.ts';
import { FIXTURE_ARCHIVE } from '../helpers.ts';

test("a month's series are read by run and metric, non-finite values decoded", async () => {
	const series = await readMonthSeries(FIXTURE_ARCHIVE, '2026-02');
	expect(series('manifest:warmup-a', 'val_loss')).toEqual([
		[0, 0.9],
		[50, 0.5],
		[100, 0.41],
	]);
	expect(series('manifest:warmup-b', 'val_loss')?.slice(0, 3)).toEqual([
		[0, 0.95],
		[10, 0.7],
		[20, Number.NaN],
	]);
});

test('an unknown run, metric or month has no series', async () => {
	const series = await readMonthSeries(FIXTURE_ARCHIVE, '2026-02');
	expect(series('manifest:nope', 'val_loss')).toBeUndefined();
	expect(series('manifest:warmup-a', 'val/acc')).toBeUndefined();
	// Metric keys come from the run store: one that names an Object property is still just unknown.
	expect(series('manifest:warmup-a', 'constructor')).toBeUndefined();
	expect((await readMonthSeries(FIXTURE_ARCHIVE, '2025-12'))('manifest:warmup-a', 'val_loss')).toBeUndefined();
});
