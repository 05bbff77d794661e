// A seeded synthetic MLflow file store for the ingest benchmark: RUNS runs × 10 metrics × 500 steps,
// spread over 12 months, in MLflow's exact layout. Deterministic (mulberry32, fixed clock).
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../seeded-random.ts';

// `dated`: files carry the time their run ended, as in a real store (ingest treats a run finished an
// hour ago differently from one that finished a moment ago); a change of it makes run.ts generate again
export const SHAPE = { runs: 5000, metrics: 10, steps: 500, experiments: 10, dated: true };

const METRICS = ['train/loss', 'val_loss', 'val/acc', 'val/f1', 'holdout/acc', 'lr', 'grad_norm', 'throughput', 'latency_ms', 'noise_rate'];

/** Sets the times of `dir` and everything in it, files before their folders (writing a file moves its folder's mtime). */
function dateTree(dir: string, time: Date): void {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) dateTree(path, time);
		else utimesSync(path, time, time);
	}
	utimesSync(dir, time, time);
}

/** Writes the store under `root` (which must not exist yet). Returns the number of files written. */
export function generateBenchStore(root: string, shape: Omit<typeof SHAPE, 'dated'> = SHAPE): number {
	const rand = mulberry32(42);
	const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
	let files = 0;
	const start0 = Date.parse('2025-12-01T00:00:00Z');
	const experimentIds = Array.from({ length: shape.experiments }, (_, i) => String(100000000000000000n + BigInt(i) * 7919n));
	for (const [i, id] of experimentIds.entries()) {
		mkdirSync(join(root, id), { recursive: true });
		writeFileSync(
			join(root, id, 'meta.yaml'),
			`artifact_location: file:///bench/mlruns/${id}\ncreation_time: ${start0}\nexperiment_id: '${id}'\nlast_update_time: ${start0}\nlifecycle_stage: active\nname: bench-${i}\n`
		);
		files++;
	}
	for (let r = 0; r < shape.runs; r++) {
		const exp = experimentIds[r % shape.experiments]!;
		const uuid = hex(32);
		const dir = join(root, exp, uuid);
		const start = start0 + Math.floor((r / shape.runs) * 360 * 86_400_000);
		mkdirSync(join(dir, 'metrics', 'train'), { recursive: true });
		mkdirSync(join(dir, 'metrics', 'val'), { recursive: true });
		mkdirSync(join(dir, 'metrics', 'holdout'), { recursive: true });
		mkdirSync(join(dir, 'params'), { recursive: true });
		mkdirSync(join(dir, 'tags'), { recursive: true });
		const end = start + shape.steps * 1000;
		writeFileSync(
			join(dir, 'meta.yaml'),
			`artifact_uri: file:///bench/mlruns/${exp}/${uuid}/artifacts\nend_time: ${end}\nentry_point_name: ''\nexperiment_id: '${exp}'\nlifecycle_stage: active\nrun_id: ${uuid}\nrun_name: run-${r}\nrun_uuid: ${uuid}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: ${start}\nstatus: 3\ntags: []\nuser_id: bench\n`
		);
		for (const [k, v] of [
			['optimizer.lr', String(rand())],
			['seed', String(r)],
		] as const)
			writeFileSync(join(dir, 'params', k), v);
		for (const [k, v] of [
			['mlflow.user', 'bench'],
			['mlflow.runName', `run-${r}`],
			['team', 'bench'],
		] as const)
			writeFileSync(join(dir, 'tags', k), v);
		files += 6;
		for (const key of METRICS.slice(0, shape.metrics)) {
			const lines: string[] = [];
			const scale = rand() * 2;
			for (let s = 0; s < shape.steps; s++) lines.push(`${start + s * 1000} ${(scale * Math.exp(-s / 100) + rand() * 0.01).toString()} ${s}\n`);
			writeFileSync(join(dir, 'metrics', key), lines.join(''));
			files++;
		}
		dateTree(dir, new Date(end));
	}
	return files;
}
