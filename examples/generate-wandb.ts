// Writes examples/wandb/: the W&B store of Farah Haddad's lab at Lakeside University (fictional), who
// replicated the label filter of DR-0016 on the public WM-811K wafer maps in November 2026. Her lab's
// GPU server has no route out, so W&B ran in offline mode: each run left only its `.wandb` log, in
// W&B's exact framing (run-formats.md §3.7). Seeded and clock-free, so running it again gives the same
// bytes: `node examples/generate-wandb.ts`.
// The story's figures are the runs' final values: `val/f1` 0.861 and 0.857 without the filter, 0.874
// and 0.870 with it. One run ran out of GPU memory, one was killed mid-write, one was preempted and resumed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../bench/seeded-random.ts';
import { wandbJson, writeWandbLog, type WandbItemInput, type WandbRecordInput } from '../bench/wandb-log-writer.ts';

// An optional argument writes elsewhere (the test that checks the committed store is reproducible)
const ROOT = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'wandb');
const PROJECT = 'label-filter-replication';
const COMMIT = '5e1f0a9c7b3d2e4f6a8b0c1d2e3f4a5b6c7d8e9f';
const EPOCHS = 20;
/** Seconds per epoch on the lab's GPU. */
const EPOCH_S = 95;
/** Lakeside's clocks run on CET in November: W&B names run folders by the machine's local time. */
const LOCAL_OFFSET_MS = 3_600_000;

const rand = mulberry32(20261102);
const runId = () => Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rand() * 36)]).join('');
const round = (v: number, places = 4) => Number(v.toFixed(places));
const jitter = (scale: number) => (rand() - 0.5) * scale;

interface RunPlan {
	arm: 'none' | 'confident-learning';
	seed: number;
	start: string;
	/** `val/f1` on the last epoch. */
	f1: number;
	notes?: string;
	/** Epochs logged before the run failed (exit code 1) or was killed (log cut off mid-write). */
	failedAfter?: number;
	killedAfter?: number;
	/** Epochs logged before a preemption; the run resumed in a second folder an hour later. */
	preemptedAfter?: number;
	batchSize?: number;
}

const plans: RunPlan[] = [
	{ arm: 'none', seed: 1, start: '2026-11-02T08:15:12Z', f1: 0.861 },
	{ arm: 'confident-learning', seed: 1, start: '2026-11-02T10:40:03Z', f1: 0.874,
		notes: 'Filtered with `data.label_filter: confident-learning`: 3.2% of the WM-811K training maps dropped.\n\nLesson: when a collaborator cannot open a route to us, ask for the offline `wandb/` folder, not screenshots; the log holds the config and every step.' },
	{ arm: 'confident-learning', seed: 2, start: '2026-11-03T08:05:41Z', f1: 0.87, batchSize: 256, failedAfter: 3 },
	{ arm: 'none', seed: 2, start: '2026-11-03T09:12:30Z', f1: 0.857 },
	{ arm: 'confident-learning', seed: 2, start: '2026-11-04T08:30:00Z', f1: 0.87, preemptedAfter: 12 },
	{ arm: 'none', seed: 3, start: '2026-11-05T16:02:44Z', f1: 0.86, killedAfter: 9 },
];

/** A curve from `start` to exactly `target` on the last epoch, noisy on the way. */
function curve(start: number, target: number, epoch: number): number {
	if (epoch === EPOCHS - 1) return target;
	const p = epoch / (EPOCHS - 1);
	return round(target + (start - target) * Math.exp(-4 * p) + Math.sign(start - target) * Math.abs(jitter(0.01)));
}

function items(values: Record<string, unknown>): WandbItemInput[] {
	return Object.entries(values).map(([key, value]) => ({ key, json: wandbJson(value) }));
}

/** The records one folder of a run holds, as wandb-core writes them offline. */
function folderRecords(id: string, plan: RunPlan, startMs: number, from: number, to: number, resumed: boolean): WandbRecordInput[] {
	const config = {
		data: { dataset: 'wm-811k', label_filter: plan.arm },
		model: { arch: 'resnet18' },
		optimizer: { lr: 0.0003, warmup_steps: 500 },
		train: { batch_size: plan.batchSize ?? 128, epochs: EPOCHS, seed: plan.seed },
	};
	const out: WandbRecordInput[] = [
		{
			run: {
				runId: id, project: PROJECT, displayName: `${plan.arm === 'none' ? 'no-filter' : 'cl-filter'}-s${plan.seed}`, startMs, host: 'lakeside-gpu-2',
				group: plan.arm, jobType: 'train', tags: ['replication', 'wm-811k'], notes: plan.notes, git: { remoteUrl: 'https://git.lakeside.example/vision/wafer-replication.git', commit: COMMIT },
				...(resumed ? { resumed: true, runtime: from * EPOCH_S, startingStep: from } : {}),
				config: items(config),
			},
		},
		{ environment: { username: 'fhaddad', host: 'lakeside-gpu-2', startMs, git: { remoteUrl: 'https://git.lakeside.example/vision/wafer-replication.git', commit: COMMIT } } },
		{ telemetry: { cliVersion: '0.23.1', pythonVersion: '3.12.7' } },
		{ output: `Training resnet18 on wm-811k, label filter: ${plan.arm}` },
	];
	const f1Start = 0.52 + jitter(0.04);
	for (let epoch = from; epoch < to; epoch++) {
		const runtime = (epoch - from + 1) * EPOCH_S + round(jitter(4), 3);
		const values = {
			'train/loss': curve(1.45, plan.arm === 'none' ? 0.212 : 0.188, epoch),
			'val/loss': curve(1.3, plan.arm === 'none' ? 0.301 : 0.284, epoch),
			'val/f1': curve(f1Start, plan.f1, epoch),
			epoch,
		};
		const system = { _step: epoch, _runtime: runtime, _timestamp: round((startMs + runtime * 1000) / 1000, 6) };
		out.push({ history: items({ ...values, ...system }), step: epoch });
		out.push({ summary: items({ ...values, ...system }) });
		out.push({ output: `epoch ${epoch + 1}/${EPOCHS}  val/f1 ${values['val/f1']}` });
	}
	return out;
}

function folderName(id: string, startMs: number): string {
	const local = new Date(startMs + LOCAL_OFFSET_MS).toISOString();
	return `offline-run-${local.slice(0, 10).replace(/-/g, '')}_${local.slice(11, 19).replace(/:/g, '')}-${id}`;
}

function writeLog(id: string, startMs: number, bytes: Uint8Array): void {
	const path = join(ROOT, folderName(id, startMs), `run-${id}.wandb`);
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, bytes);
}

rmSync(ROOT, { recursive: true, force: true });
for (const plan of plans) {
	const id = runId();
	const startMs = Date.parse(plan.start);
	if (plan.preemptedAfter !== undefined) {
		// Preempted: the log stops after a whole record, with no exit record; the resume starts a new folder
		writeLog(id, startMs, writeWandbLog(folderRecords(id, plan, startMs, 0, plan.preemptedAfter, false)));
		const resumedMs = startMs + plan.preemptedAfter * EPOCH_S * 1000 + 3_600_000;
		const rest = folderRecords(id, plan, resumedMs, plan.preemptedAfter, EPOCHS, true);
		writeLog(id, resumedMs, writeWandbLog([...rest, { exit: { runtime: EPOCHS * EPOCH_S } }]));
		continue;
	}
	const epochs = plan.failedAfter ?? plan.killedAfter ?? EPOCHS;
	const records = folderRecords(id, plan, startMs, 0, epochs, false);
	if (plan.failedAfter !== undefined) records.push({ output: 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB' }, { exit: { exitCode: 1, runtime: epochs * EPOCH_S + 12 } });
	else if (plan.killedAfter === undefined) records.push({ exit: { runtime: EPOCHS * EPOCH_S + 20 } });
	const log = writeWandbLog(records);
	// Killed: the process died while a chunk was being written
	writeLog(id, startMs, plan.killedAfter === undefined ? log : log.subarray(0, log.length - 23));
}
