import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lightningCsvAdapter } from '../../../src/ingest/adapters/lightning-csv.ts';
import { put, tempDir } from '../helpers/stores.ts';
import { readStore } from './read-store.ts';

const folder = { isFile: () => false, isDirectory: () => true };

describe('lightning-csv adapter', () => {
	it('claims a CSV logger folder and a version folder, not one with event files', async () => {
		const logger = join(tempDir(), 'proj', 'lightning_logs');
		put(join(logger, 'version_0', 'metrics.csv'), 'step,loss\r\n0,1\r\n');
		put(join(logger, 'version_1', 'metrics.csv'), 'step,loss\r\n0,1\r\n');
		put(join(logger, 'version_1', 'events.out.tfevents.1.h'), '');
		expect(await lightningCsvAdapter.detect(join(logger, 'version_0'), folder, false)).toBe(true);
		expect(await lightningCsvAdapter.detect(join(logger, 'version_1'), folder, false)).toBe(false);
		expect(await lightningCsvAdapter.detect(logger, folder, false)).toBe(false); // mixed: each version is claimed on its own
	});

	it('reads sparse rows by column name, whatever the header order, with nan and inf, CRLF line ends', async () => {
		const logger = join(tempDir(), 'wafer-seg', 'lightning_logs');
		put(join(logger, 'version_0', 'metrics.csv'), 'epoch,step,train_loss,val_loss\r\n0,4,0.9,\r\n0,4,,0.8\r\n1,9,nan,\r\n1,9,,inf\r\n');
		put(join(logger, 'version_1', 'metrics.csv'), 'val_loss,train_loss,step,epoch\r\n,0.7,4,0\r\n0.6,,4,0\r\n');
		put(join(logger, 'version_1', 'hparams.yaml'), 'model: &id001\n  depth: 18\nteacher: *id001\nsizes: !!python/tuple\n- 1\n- 2\n');
		utimesSync(join(logger, 'version_1', 'hparams.yaml'), new Date('2026-04-01T10:00:00Z'), new Date('2026-04-01T10:00:00Z'));
		utimesSync(join(logger, 'version_1', 'metrics.csv'), new Date('2026-04-01T10:30:00Z'), new Date('2026-04-01T10:30:00Z'));
		const { records } = await readStore(lightningCsvAdapter, logger);
		expect(records.map((r) => r.id)).toEqual(['lightning-csv:wafer-seg/lightning_logs/version_0', 'lightning-csv:wafer-seg/lightning_logs/version_1']);
		const [a, b] = records as [(typeof records)[0], (typeof records)[0]];
		expect(a.experiment).toBe('wafer-seg');
		expect(a.metrics['train_loss']).toMatchObject({ steps: [4, 9], values: [0.9, NaN] });
		expect(a.metrics['val_loss']).toMatchObject({ steps: [4, 9], values: [0.8, Infinity] });
		expect(a.metrics['epoch']!.values).toEqual([0, 0, 1, 1]);
		expect(b.metrics['train_loss']).toMatchObject({ steps: [4], values: [0.7] });
		expect(b.metrics['val_loss']).toMatchObject({ steps: [4], values: [0.6] });
		expect(b.params).toEqual({ 'model.depth': 18, 'teacher.depth': 18, sizes: '[1,2]' });
		expect(b.warnings.join('\n')).toMatch(/hparams\.yaml: Python tags read as plain values, never run: !!python\/tuple/);
		expect(b).toMatchObject({ status: 'unknown', startedAt: '2026-04-01T10:00:00.000Z', lastActivityAt: '2026-04-01T10:30:00.000Z', endedAt: null });
		expect(b.warnings.join('\n')).toMatch(/records no times or status; the times are the files' modification times/);
	});

	it('drops a last row cut off mid-write and names a cell that is not a number', async () => {
		const dir = join(tempDir(), 'proj', 'lightning_logs', 'version_2');
		put(join(dir, 'metrics.csv'), 'step,loss,lr\r\n0,1.5,oops\r\n1,1.25,0.1\r\n2,1.0');
		const { records } = await readStore(lightningCsvAdapter, dir);
		expect(records[0]!.metrics['loss']).toMatchObject({ steps: [0, 1], values: [1.5, 1.25] });
		expect(records[0]!.warnings).toContain(`${join(dir, 'metrics.csv')}: the last line has no line end (still being written, or cut off); it is not read`);
		expect(records[0]!.warnings).toContain(`${join(dir, 'metrics.csv')}: line 2, column "lr": expected a number, found "oops"; skipped`);
	});

	it('keeps a run whose hparams.yaml is malformed, with a warning naming the line', async () => {
		const dir = join(tempDir(), 'proj', 'lightning_logs', 'version_0');
		put(join(dir, 'metrics.csv'), 'step,loss\n0,1\n');
		put(join(dir, 'hparams.yaml'), 'a: [1, 2\nb: 3\n');
		const { records } = await readStore(lightningCsvAdapter, dir);
		expect(records[0]!.params).toEqual({});
		expect(records[0]!.warnings[0]).toMatch(/hparams\.yaml: malformed YAML at line \d+/);
	});
});
