// A seeded synthetic TensorBoard log folder for the ingest benchmark: RUNS run folders × 10 tags ×
// 1,000 steps, one event file each, written with the project's own writer the way Lightning's
// TensorBoardLogger writes them (one `simple_value` event per tag and step). Deterministic.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../seeded-random.ts';
import { encodeEvent, frameRecord, hparamsValues } from '../tensorboard-writer.ts';

/** The shape of the log folder; a change of it makes run.ts generate it again. */
export const TENSORBOARD_SHAPE = { runs: 1000, tags: 10, steps: 1000 };

const TAGS = ['train_loss_step', 'train_loss_epoch', 'val_loss', 'val/acc', 'val/f1', 'lr-Adam', 'grad_norm', 'epoch', 'throughput', 'val/iou'];

/** Writes the log folder under `root`; returns the bytes written. */
export function generateTensorboardStore(root: string, shape = TENSORBOARD_SHAPE): number {
	const rand = mulberry32(4242);
	const start0 = Date.parse('2025-12-01T00:00:00Z') / 1000;
	let bytes = 0;
	for (let r = 0; r < shape.runs; r++) {
		const start = start0 + Math.floor((r / shape.runs) * 360 * 86_400);
		const records: Uint8Array[] = [
			encodeEvent({ wallTime: start, fileVersion: 'brain.Event:2' }),
			encodeEvent({ wallTime: start + 1, values: [{ tag: 'hp_metric', simpleValue: -1 }, ...hparamsValues({ lr: rand(), seed: r })] }),
		].map(frameRecord);
		const tags = TAGS.slice(0, shape.tags);
		const scales = tags.map(() => rand() * 2);
		for (let s = 0; s < shape.steps; s++) {
			for (const [i, tag] of tags.entries()) {
				records.push(
					frameRecord(encodeEvent({ wallTime: start + 2 + s, step: s, values: [{ tag, simpleValue: scales[i]! * Math.exp(-s / 200) + rand() * 0.01 }] }))
				);
			}
		}
		const file = Buffer.concat(records);
		const dir = join(root, 'bench', 'lightning_logs', `version_${r}`);
		mkdirSync(dir, { recursive: true });
		const path = join(dir, `events.out.tfevents.${Math.floor(start)}.bench-host.${1000 + r}.0`);
		writeFileSync(path, file);
		const end = new Date((start + 2 + shape.steps) * 1000);
		utimesSync(path, end, end);
		bytes += file.length;
	}
	return bytes;
}
