import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadRunError } from '../../../src/ingest/adapter.ts';
import { manifestAdapter } from '../../../src/ingest/adapters/manifest.ts';
import { put, tempDir } from '../helpers/stores.ts';
import { readStore } from './read-store.ts';

const file = { isFile: () => true, isDirectory: () => false };

describe('manifest adapter', () => {
	it('claims *.run.json|yaml when searching, any .json or .yaml file when named', async () => {
		expect(await manifestAdapter.detect('/x/a.run.yaml', file, false)).toBe(true);
		expect(await manifestAdapter.detect('/x/a.yaml', file, false)).toBe(false);
		expect(await manifestAdapter.detect('/x/a.yaml', file, true)).toBe(true);
		expect(await manifestAdapter.detect('/x/a.txt', file, true)).toBe(false);
	});

	it('reads a manifest into the run model: ids, UTC times, flattened params, points, lessons, last activity', async () => {
		const path = join(tempDir(), 'eval.run.yaml');
		put(
			path,
			[
				'manifestVersion: 1',
				'id: eval-1',
				'experiment: holdout',
				'startedAt: 2026-05-08T04:00:00+02:00',
				'endedAt: 2026-05-08T02:41:13Z',
				'heartbeatAt: 2026-05-08T02:50:00Z',
				'params: { eval: { split: holdout-v2 }, batch_size: 256 }',
				'metrics:',
				'  holdout/acc: [[0, 0.8912], [1, .nan]]',
				'  latency_ms: 4.1',
				'  loss: { direction: max, points: [{ step: 3, value: 0.5, timestamp: 2026-05-08T02:30:00Z }] }',
				'notes: "Fine.\\nLesson: compare three nights."',
				'lessons: ["Lesson: pin the split."]',
				'parent: base-run',
			].join('\n')
		);
		const { units, records } = await readStore(manifestAdapter, path);
		expect(units).toHaveLength(1);
		const [run] = records;
		expect(run).toMatchObject({
			id: 'manifest:eval-1',
			nativeId: 'eval-1',
			experimentKey: 'manifest:holdout',
			startedAt: '2026-05-08T02:00:00.000Z',
			endedAt: '2026-05-08T02:41:13.000Z',
			lastActivityAt: '2026-05-08T02:50:00.000Z',
			parentId: 'manifest:base-run',
			status: 'finished',
			params: { 'eval.split': 'holdout-v2', batch_size: 256 },
		});
		expect(run!.metrics['holdout/acc']).toMatchObject({
			steps: [0, 1],
			values: [0.8912, NaN],
			timestamps: [null, null],
			finalRule: 'highest-step',
			direction: null,
		});
		expect(run!.metrics['latency_ms']).toMatchObject({ steps: [0], values: [4.1] });
		expect(run!.metrics['loss']).toMatchObject({ direction: 'max', timestamps: [Date.parse('2026-05-08T02:30:00Z')] });
		expect(run!.lessons).toEqual([
			{ text: 'compare three nights.', origin: 'run-note' },
			{ text: 'pin the split.', origin: 'manifest' },
		]);
	});

	it('refuses a manifest with every problem named by its field', async () => {
		const path = join(tempDir(), 'bad.run.json');
		put(path, '{"manifestVersion": 1, "id": "b", "startedAt": "yesterday", "params": 3}');
		const listing = await manifestAdapter.list(path, { previous: () => undefined });
		const read = manifestAdapter.read(listing.units[0]!, listing);
		await expect(read).rejects.toBeInstanceOf(BadRunError);
		await expect(read).rejects.toThrow(/bad\.run\.json: startedAt: .*; .*bad\.run\.json: params: /);
	});
});
