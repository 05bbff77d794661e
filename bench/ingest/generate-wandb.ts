// A seeded synthetic W&B store for the ingest benchmark: WANDB_SHAPE.runs offline runs × 10 keys ×
// 1,000 steps, each run only its `.wandb` log as wandb-core writes it offline (a run record with its
// config, a history record per step, a summary record every 100 steps and at the end, an exit
// record), spread over 12 months. Deterministic (mulberry32, fixed clock).
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../seeded-random.ts';
import { type WandbItemInput, type WandbRecordInput, wandbJson, writeWandbLog } from '../wandb-log-writer.ts';

export const WANDB_SHAPE = { runs: 1000, keys: 10, steps: 1000, projects: 10 };

const KEYS = ['train/loss', 'val_loss', 'val/acc', 'val/f1', 'holdout/acc', 'lr', 'grad_norm', 'throughput', 'latency_ms', 'noise_rate'];

/** Writes the store under `root` (a `wandb/` folder, which must not exist yet). Returns the bytes written. */
export function generateWandbBenchStore(root: string, shape = WANDB_SHAPE): number {
	const rand = mulberry32(4242);
	const id = () => Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rand() * 36)]).join('');
	const start0 = Date.parse('2025-12-01T00:00:00Z');
	let bytes = 0;
	for (let r = 0; r < shape.runs; r++) {
		const runId = id();
		const startMs = start0 + Math.floor((r / shape.runs) * 360 * 86_400_000);
		const keys = KEYS.slice(0, shape.keys);
		const scales = keys.map(() => rand() * 2);
		const records: WandbRecordInput[] = [
			{
				run: {
					runId,
					project: `bench-${r % shape.projects}`,
					displayName: `run-${r}`,
					startMs,
					config: [
						{ key: 'optimizer', json: `{"lr": ${rand()}}` },
						{ key: 'seed', json: String(r) },
					],
				},
			},
			{ telemetry: { cliVersion: '0.23.1', pythonVersion: '3.12.7' } },
			{ environment: { username: 'bench', host: 'bench-host', startMs } },
		];
		let last: WandbItemInput[] = [];
		for (let s = 0; s < shape.steps; s++) {
			const values = keys.map((key, k) => ({ key, json: wandbJson(scales[k]! * Math.exp(-s / 100) + rand() * 0.01) }));
			const system = [
				{ key: '_step', json: String(s) },
				{ key: '_runtime', json: String(s + 1) },
				{ key: '_timestamp', json: String((startMs + (s + 1) * 1000) / 1000) },
			];
			last = [...values, ...system];
			records.push({ history: last, step: s });
			if (s % 100 === 99) records.push({ summary: last });
		}
		records.push({ summary: last }, { exit: { runtime: shape.steps } });
		const log = writeWandbLog(records);
		const dir = join(root, `offline-run-${new Date(startMs).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '_')}-${runId}`);
		mkdirSync(dir, { recursive: true });
		const path = join(dir, `run-${runId}.wandb`);
		writeFileSync(path, log);
		// Dated as when the run ended, as in a real store
		const end = new Date(startMs + shape.steps * 1000);
		utimesSync(path, end, end);
		bytes += log.length;
	}
	return bytes;
}
