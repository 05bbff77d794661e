import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EventSpec, encodeEvent, encodeEventFile, frameRecord, hparamsValues, textValue } from '../../../bench/tensorboard-writer.ts';
import { tensorboardAdapter } from '../../../src/ingest/adapters/tensorboard.ts';
import { decodeEvent, readTensorScalar } from '../../../src/ingest/adapters/tensorboard-events.ts';
import { scanRecords } from '../../../src/ingest/adapters/tensorboard-records.ts';
import { ingest } from '../../../src/ingest/pipeline.ts';
import { put, tempDir, testOptions } from '../helpers/stores.ts';
import { readStore } from './read-store.ts';

const folder = { isFile: () => false, isDirectory: () => true };
const T0 = Date.UTC(2026, 2, 3, 9, 0, 0) / 1000;

function scalars(tag: string, points: [number, number][], start = T0): EventSpec[] {
	return points.map(([step, value], i) => ({ wallTime: start + i, step, values: [{ tag, simpleValue: value }] }));
}

function f32(value: number): number {
	return Math.fround(value);
}

describe('TFRecord framing', () => {
	it('reads whole records, stops cleanly before a partly written last one, and stops at a bad data checksum', () => {
		const file = encodeEventFile(
			scalars('loss', [
				[1, 0.5],
				[2, 0.25],
			])
		);
		expect(scanRecords(file).starts).toHaveLength(3);
		for (const cut of [5, 12, 20]) {
			const scan = scanRecords(file.subarray(0, file.length - cut));
			expect(scan.truncated).toBe(true);
			expect(scan.corruption).toBeNull();
			expect(scan.starts).toHaveLength(2);
		}
		const bad = file.slice();
		bad[bad.length - 6]! ^= 0xff; // inside the last record's data
		const scan = scanRecords(bad);
		expect(scan.starts).toHaveLength(2);
		expect(scan.corruption).toMatch(/record 3 at byte \d+: the data's checksum does not match/);
		const badLength = file.slice();
		badLength[0]! ^= 0x01;
		expect(scanRecords(badLength).corruption).toMatch(/record 1 at byte 0: the length's checksum/);
	});

	it('decodes scalar tensors held as float_val (packed or not), double_val and tensor_content', () => {
		const content = new Uint8Array(4);
		new DataView(content.buffer).setFloat32(0, 49.5, true);
		const doubleContent = new Uint8Array(8);
		new DataView(doubleContent.buffer).setFloat64(0, 0.1, true);
		const event = decodeEvent(
			encodeEvent({
				wallTime: T0,
				step: 7,
				values: [
					{ tag: 'a', plugin: { name: 'scalars' }, tensor: { dtype: 1, floatVal: [0.75] } },
					{ tag: 'b', tensor: { dtype: 1, floatVal: [0.5], unpacked: true } },
					{ tag: 'c', tensor: { dtype: 2, doubleVal: [0.1] } },
					{ tag: 'd', tensor: { dtype: 1, content } },
					{ tag: 'e', tensor: { dtype: 2, content: doubleContent } },
					{ tag: 'f', tensor: { dtype: 1, shape: [2], floatVal: [1, 2] } },
				],
			})
		);
		expect(event.step).toBe(7);
		expect(event.values.map((v) => readTensorScalar(v.tensor!))).toEqual([0.75, 0.5, 0.1, 49.5, 0.1, null]);
		expect(event.values[0]!.pluginName).toBe('scalars');
	});
});

describe('tensorboard adapter', () => {
	it('claims a folder holding event files, and a Lightning logger folder of event-file versions', async () => {
		const root = tempDir();
		put(join(root, 'logs', 'events.out.tfevents.1772528400.host.1.0'), Buffer.from(encodeEventFile([])));
		put(join(root, 'proj', 'lightning_logs', 'version_0', 'events.out.tfevents.1772528400.host'), Buffer.from(encodeEventFile([])));
		put(join(root, 'csv', 'lightning_logs', 'version_0', 'metrics.csv'), 'step,loss\n');
		expect(await tensorboardAdapter.detect(join(root, 'logs'), folder, false)).toBe(true);
		expect(await tensorboardAdapter.detect(join(root, 'proj', 'lightning_logs'), folder, false)).toBe(true);
		expect(await tensorboardAdapter.detect(join(root, 'proj'), folder, false)).toBe(false);
		expect(await tensorboardAdapter.detect(join(root, 'csv', 'lightning_logs'), folder, false)).toBe(false);
	});

	it('reads a Lightning version: scalars, hparams plugin values and status, hparams.yaml filling in, times, host, ids from the project folder', async () => {
		const logger = join(tempDir(), 'wafer-seg', 'lightning_logs');
		const events: EventSpec[] = [
			{ wallTime: T0, values: [{ tag: 'hp_metric', simpleValue: -1 }, ...hparamsValues({ lr: 0.001, backbone: 'resnet18', loss: 'MAE()' })] },
			...scalars(
				'train_loss',
				[
					[9, 0.9],
					[19, 0.7],
					[29, 0.5],
				],
				T0 + 10
			),
			{
				wallTime: T0 + 60,
				step: 29,
				values: [
					{ tag: 'val/acc', simpleValue: 0.8 },
					{ tag: 'img', image: true },
				],
			},
		];
		put(join(logger, 'version_3', 'events.out.tfevents.1772528400.gpu-02.4411.0'), Buffer.from(encodeEventFile(events)));
		put(join(logger, 'version_3', 'hparams.yaml'), 'lr: 0.001\nloss: !!python/object:x.MAE\n  reduction: mean\nseed: 7\n');
		const { records } = await readStore(tensorboardAdapter, logger);
		expect(records).toHaveLength(1);
		const run = records[0]!;
		expect(run).toMatchObject({
			id: 'tensorboard:wafer-seg/lightning_logs/version_3',
			nativeId: 'wafer-seg/lightning_logs/version_3',
			name: 'version_3',
			experiment: 'wafer-seg',
			source: 'tensorboard',
			status: 'finished',
			statusRaw: 'STATUS_SUCCESS',
			user: 'gpu-02',
			startedAt: new Date(T0 * 1000).toISOString(),
			endedAt: new Date((T0 + 60) * 1000).toISOString(),
			params: { lr: 0.001, backbone: 'resnet18', loss: 'MAE()', seed: 7 },
		});
		expect(Object.keys(run.metrics).sort()).toEqual(['hp_metric', 'train_loss', 'val/acc']);
		expect(run.metrics['train_loss']).toMatchObject({ steps: [9, 19, 29], values: [f32(0.9), f32(0.7), 0.5], finalRule: 'highest-step' });
		expect(run.warnings.join('\n')).toMatch(/hparams\.yaml: Python tags read as plain values, never run: !!python\/object:x\.MAE/);
	});

	it('ends a file at a partly written last record with a warning, and at a bad checksum with another', async () => {
		const dir = join(tempDir(), 'proj', 'runs');
		const file = encodeEventFile(
			scalars('loss', [
				[1, 3],
				[2, 2],
				[3, 1],
			])
		);
		put(join(dir, 'events.out.tfevents.1772528400.a'), Buffer.from(file.subarray(0, file.length - 7)));
		const { records } = await readStore(tensorboardAdapter, dir);
		expect(records[0]!.metrics['loss']!.values).toEqual([3, 2]);
		expect(records[0]!.warnings).toEqual([
			expect.stringMatching(
				/events\.out\.tfevents\.1772528400\.a: the last record is cut short at byte \d+ \(still being written, or cut off\); read up to there/
			),
		]);
		expect(records[0]!.status).toBe('running'); // no session end: the stale rule decides later

		const corrupt = file.slice();
		corrupt[corrupt.length - 6]! ^= 0x40;
		put(join(dir, 'events.out.tfevents.1772528400.a'), Buffer.from(corrupt));
		const again = await readStore(tensorboardAdapter, dir);
		expect(again.records[0]!.metrics['loss']!.values).toEqual([3, 2]);
		expect(again.records[0]!.warnings[0]).toMatch(/record 4 at byte \d+: the data's checksum does not match; the rest of the file is not read/);
	});

	it('merges the files of two processes in one folder by wall time; the final value is at the highest step, the latest wall time on ties', async () => {
		const dir = join(tempDir(), 'proj', 'run-a');
		put(
			join(dir, 'events.out.tfevents.1772528400.host.100.0'),
			Buffer.from(
				encodeEventFile([
					{ wallTime: T0 + 1, step: 1, values: [{ tag: 'loss', simpleValue: 4 }] },
					{ wallTime: T0 + 5, step: 3, values: [{ tag: 'loss', simpleValue: 2 }] },
				])
			)
		);
		put(
			join(dir, 'events.out.tfevents.1772528401.host.200.0'),
			Buffer.from(
				encodeEventFile([
					{ wallTime: T0 + 3, step: 2, values: [{ tag: 'loss', simpleValue: 3 }] },
					{ wallTime: T0 + 7, step: 3, values: [{ tag: 'loss', simpleValue: 1 }] },
				])
			)
		);
		const work = tempDir();
		const report = await ingest(testOptions([join(dir, '..')], work, { cacheDir: null }));
		expect(report.bad).toEqual([]);
		const { records } = await readStore(tensorboardAdapter, dir);
		expect(records).toHaveLength(1);
		expect(records[0]!.metrics['loss']).toMatchObject({ steps: [1, 2, 3, 3], values: [4, 3, 2, 1] });
		const digest = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(join(work, 'out', '2026-03.json'), 'utf8')));
		expect(digest.runs[0].metrics.loss).toMatchObject({ final: 1, count: 4, lastStep: 3 });
	});

	it('keeps a file with only text summaries as a run with no metrics, and tags first seen as text out of the scalars', async () => {
		const dir = join(tempDir(), 'proj', 'notes-only');
		put(
			join(dir, 'events.out.tfevents.1772528400.host'),
			Buffer.from(
				encodeEventFile([
					{ wallTime: T0, values: [textValue('notes', 'baseline run')] },
					{ wallTime: T0 + 2, values: [{ tag: 'notes/text_summary', tensor: { dtype: 7, shape: [1], stringVal: ['again'] } }] },
				])
			)
		);
		const { records } = await readStore(tensorboardAdapter, dir);
		expect(records[0]!.metrics).toEqual({});
		expect(records[0]!.startedAt).toBe(new Date(T0 * 1000).toISOString());
	});

	it('reads a tag whose plugin metadata came only with its first value, and skips other plugins', async () => {
		const dir = join(tempDir(), 'proj', 'tf2');
		put(
			join(dir, 'events.out.tfevents.1772528400.host.1.2.v2'),
			Buffer.from(
				encodeEventFile([
					{
						wallTime: T0,
						step: 0,
						values: [
							{ tag: 'acc', plugin: { name: 'scalars' }, tensor: { dtype: 1, floatVal: [0.5] } },
							{ tag: 'hist', plugin: { name: 'histograms' }, tensor: { dtype: 2, doubleVal: [1] } },
						],
					},
					{
						wallTime: T0 + 1,
						step: 1,
						values: [
							{ tag: 'acc', tensor: { dtype: 2, doubleVal: [0.625] } },
							{ tag: 'hist', tensor: { dtype: 2, doubleVal: [2] } },
						],
					},
				])
			)
		);
		const { records } = await readStore(tensorboardAdapter, dir);
		expect(Object.keys(records[0]!.metrics)).toEqual(['acc']);
		expect(records[0]!.metrics['acc']!.values).toEqual([0.5, 0.625]);
		expect(records[0]!.user).toBe('host');
	});

	it('lists every folder with event files under a log folder as its own run, and fingerprints change when a file grows', async () => {
		const root = join(tempDir(), 'proj', 'logs');
		put(join(root, 'a', 'events.out.tfevents.1.h'), Buffer.from(encodeEventFile(scalars('loss', [[1, 1]]))));
		put(join(root, 'b', 'c', 'events.out.tfevents.1.h'), Buffer.from(encodeEventFile(scalars('loss', [[1, 1]]))));
		const first = await tensorboardAdapter.list(root, { previous: () => undefined });
		expect(first.units.map((u) => u.path)).toEqual([join(root, 'a'), join(root, 'b', 'c')]);
		const { records } = await readStore(tensorboardAdapter, root);
		expect(records.map((r) => r.id)).toEqual(['tensorboard:proj/logs/a', 'tensorboard:proj/logs/b/c']);
		put(
			join(root, 'a', 'events.out.tfevents.1.h'),
			Buffer.from(
				encodeEventFile(
					scalars('loss', [
						[1, 1],
						[2, 0.5],
					])
				)
			)
		);
		const second = await tensorboardAdapter.list(root, { previous: () => undefined });
		expect(second.units[0]!.fingerprint).not.toBe(first.units[0]!.fingerprint);
		expect(second.units[1]!.fingerprint).toBe(first.units[1]!.fingerprint);
	});

	it('reports a folder whose event files hold no whole record as a bad run, naming the folder', async () => {
		const dir = join(tempDir(), 'proj', 'empty');
		put(join(dir, 'events.out.tfevents.1.h'), Buffer.from(frameRecord(encodeEvent({ wallTime: T0 })).subarray(0, 10)));
		const listing = await tensorboardAdapter.list(dir, { previous: () => undefined });
		await expect(tensorboardAdapter.read(listing.units[0]!, listing)).rejects.toThrow(
			/empty: no whole event with a wall_time in 1 event file\(s\) \(0 records\)/
		);
	});
});

describe('tensorboard adapter: hyper-parameters that are not plain numbers', () => {
	it('keeps NaN and infinite hparams as the text Python prints, so the run still fits the run model', async () => {
		const dir = join(tempDir(), 'proj', 'lightning_logs', 'version_0');
		put(
			join(dir, 'events.out.tfevents.1772528400.h'),
			Buffer.from(encodeEventFile([{ wallTime: T0, values: hparamsValues({ dropout: NaN, clip: Infinity, name: 'a' }) }]))
		);
		const { records } = await readStore(tensorboardAdapter, dir);
		expect(records[0]!.params).toEqual({ dropout: 'nan', clip: 'inf', name: 'a' });
	});
});
