// Writes examples/tensorboard/ and examples/hf-trainer/: the Lumen team's (fictional) November 2026
// prototypes for segmenting hairline scratches, in the layouts PyTorch Lightning's TensorBoardLogger
// and the Hugging Face Trainer leave on disk (run-formats.md §10–12). Event files are written with
// the project's own writer (bench/tensorboard-writer.ts). Seeded and clock-free, so
// running it again gives the same bytes: `node examples/generate-pytorch-logs.ts`.
// Then the full example ingest (src/ingest/README.md), `--now 2026-11-26T00:00:00Z --replace`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeEventFile, hparamsValues, textValue, type EventSpec } from '../bench/tensorboard-writer.ts';
import { mulberry32 } from '../bench/seeded-random.ts';

// An optional argument writes elsewhere (the test that checks the committed stores are reproducible)
const ROOT = process.argv[2] ?? dirname(fileURLToPath(import.meta.url));
const HOST = 'gpu-03';
const rand = mulberry32(20261103);
const noise = (scale: number) => (rand() - 0.5) * 2 * scale;
const round = (v: number, places = 4) => Number(v.toFixed(places));

function write(path: string, content: string | Uint8Array): void {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, content);
}

/** The name torch's SummaryWriter gives an event file: `events.out.tfevents.<%010d time>.<host>.<pid>.<n>`. */
function eventFileName(startSecs: number, pid: number): string {
	return `events.out.tfevents.${String(Math.floor(startSecs)).padStart(10, '0')}.${HOST}.${pid}.0`;
}

interface LightningRun {
	version: number;
	start: string;
	pid: number;
	hparams: Record<string, string | number | boolean>;
	/** The validation IoU the run levels off at. */
	iou: number;
	epochs: number;
}

const STEPS_PER_EPOCH = 40;
const LOG_EVERY = 10;

/** One Lightning version folder: hp_metric and the hparams plugin first, then step and epoch logs, as Lightning's TensorBoardLogger writes them. */
function writeLightningRun(logger: string, run: LightningRun): void {
	const start = Date.parse(run.start) / 1000;
	const events: EventSpec[] = [{ wallTime: start + 1.5, values: [{ tag: 'hp_metric', simpleValue: -1 }, ...hparamsValues(run.hparams)] }];
	let t = start + 4;
	for (let epoch = 0; epoch < run.epochs; epoch++) {
		const progress = (epoch + 1) / run.epochs;
		let epochLoss = 0;
		for (let batch = LOG_EVERY; batch <= STEPS_PER_EPOCH; batch += LOG_EVERY) {
			const step = epoch * STEPS_PER_EPOCH + batch - 1;
			const loss = round(0.65 * Math.exp(-2.2 * (step / (run.epochs * STEPS_PER_EPOCH))) + 0.12 + noise(0.03));
			epochLoss += loss / (STEPS_PER_EPOCH / LOG_EVERY);
			t += 6 + rand();
			events.push({ wallTime: t, step, values: [{ tag: 'train_loss_step', simpleValue: loss }] }, { wallTime: t, step, values: [{ tag: 'epoch', simpleValue: epoch }] });
		}
		const last = (epoch + 1) * STEPS_PER_EPOCH - 1;
		const iou = round(run.iou * (1 - Math.exp(-4 * progress)) + noise(0.01));
		const dice = round((2 * iou) / (1 + iou));
		t += 9 + rand();
		events.push({ wallTime: t, step: last, values: [{ tag: 'val/iou', simpleValue: iou }, { tag: 'val/dice', simpleValue: dice }, { tag: 'val_loss', simpleValue: round(0.9 - iou + noise(0.02)) }] });
		events.push({ wallTime: t, step: last, values: [{ tag: 'epoch', simpleValue: epoch }] });
		events.push({ wallTime: t + 0.2, step: last, values: [{ tag: 'train_loss_epoch', simpleValue: round(epochLoss) }, { tag: 'epoch', simpleValue: epoch }] });
	}
	const dir = join(logger, `version_${run.version}`);
	write(join(dir, eventFileName(start, run.pid)), encodeEventFile(events, start));
	const yaml = Object.keys(run.hparams).sort().map((k) => `${k}: ${run.hparams[k]}`).join('\n') + '\n';
	write(join(dir, 'hparams.yaml'), yaml);
}

/** Python's json.dumps(indent=2, sort_keys=True), as TrainerState.save_to_json writes it (integral floats print without Python's `.0`). */
function pythonJson(value: unknown, indent = ''): string {
	const inner = `${indent}  `;
	if (value === null) return 'null';
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
	if (Array.isArray(value)) return value.length === 0 ? '[]' : `[\n${value.map((v) => inner + pythonJson(v, inner)).join(',\n')}\n${indent}]`;
	const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
	return entries.length === 0 ? '{}' : `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pythonJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** A Trainer output folder: two checkpoints' trainer_state.json and the TensorBoard callback's event file under runs/. */
function writeTrainerRun(output: string): void {
	const start = Date.parse('2026-11-17T09:30:00Z') / 1000;
	const maxSteps = 800;
	const stepsPerEpoch = 200;
	const args = { output_dir: 'scratch-seg/segformer-b0', logging_dir: 'scratch-seg/segformer-b0/runs/Nov17_09-30-00_gpu-03', learning_rate: 6e-5, num_train_epochs: 4, per_device_train_batch_size: 8, eval_strategy: 'steps', eval_steps: 200, logging_steps: 50, save_steps: 400, seed: 7, warmup_ratio: 0.1 };
	const history: Record<string, number>[] = [];
	const events: EventSpec[] = [{ wallTime: start + 2, values: [textValue('args', JSON.stringify(args, null, 2)), textValue('model_config', JSON.stringify({ model_type: 'segformer', num_labels: 2 }, null, 2))] }];
	let t = start + 5;
	const log = (row: Record<string, number>, step: number) => {
		const epoch = round(step / stepsPerEpoch, 4);
		history.push({ ...row, epoch, step });
		t += 20 + rand() * 2;
		const values = Object.entries({ ...row, epoch }).map(([k, v]) => ({ tag: k.startsWith('eval_') ? `eval/${k.slice(5)}` : `train/${k}`, simpleValue: v }));
		events.push({ wallTime: t, step, values });
	};
	for (let step = 50; step <= maxSteps; step += 50) {
		const lr = round(step < 80 ? 6e-5 * (step / 80) : 6e-5 * (1 - (step - 80) / (maxSteps - 80)), 8);
		log({ loss: round(0.55 * Math.exp(-2 * (step / maxSteps)) + 0.08 + noise(0.02)), learning_rate: lr, grad_norm: round(2.4 * Math.exp(-step / 500) + 0.3 + noise(0.1)) }, step);
		if (step % 200 === 0) {
			const iou = round(0.61 * (1 - Math.exp(-4 * (step / maxSteps))) + noise(0.008));
			log({ eval_loss: round(0.7 - iou + noise(0.02)), eval_mean_iou: iou, eval_runtime: round(31 + noise(1), 3), eval_samples_per_second: round(12.9 + noise(0.3), 3) }, step);
		}
		if (step % 400 === 0) {
			const state = {
				best_global_step: null, best_metric: null, best_model_checkpoint: null, epoch: step / stepsPerEpoch, eval_steps: 200, global_step: step,
				is_hyper_param_search: false, is_local_process_zero: true, is_world_process_zero: true, log_history: history.map((r) => ({ ...r })),
				logging_steps: 50, max_steps: maxSteps, num_input_tokens_seen: 0, num_train_epochs: 4, save_steps: 400,
				stateful_callbacks: { TrainerControl: { args: { should_epoch_stop: false, should_evaluate: false, should_log: false, should_save: true, should_training_stop: step === maxSteps }, attributes: {} } },
				total_flos: 1.2e15 * (step / maxSteps), train_batch_size: 8, trial_name: null, trial_params: null,
			};
			write(join(output, `checkpoint-${step}`, 'trainer_state.json'), pythonJson(state) + '\n');
		}
	}
	const runtime = round(t - start, 3);
	log({ train_runtime: runtime, train_samples_per_second: round((maxSteps * 8) / runtime, 3), train_steps_per_second: round(maxSteps / runtime, 3), total_flos: 1.2e15, train_loss: round(0.27 + noise(0.01)) }, maxSteps);
	write(join(output, 'runs', 'Nov17_09-30-00_gpu-03', eventFileName(start, 51207)), encodeEventFile(events, start));
}

const lightning = join(ROOT, 'tensorboard', 'scratch-seg', 'lightning_logs');
const trainer = join(ROOT, 'hf-trainer', 'scratch-seg', 'segformer-b0');
rmSync(join(ROOT, 'tensorboard'), { recursive: true, force: true });
rmSync(join(ROOT, 'hf-trainer'), { recursive: true, force: true });
const base = { encoder: 'resnet18', image_size: 512, batch_size: 16, seed: 7, pos_weight: 8 };
writeLightningRun(lightning, { version: 0, start: '2026-11-03T09:12:00Z', pid: 40211, hparams: { ...base, lr: 0.001, loss: 'bce' }, iou: 0.41, epochs: 20 });
writeLightningRun(lightning, { version: 1, start: '2026-11-05T13:40:00Z', pid: 40877, hparams: { ...base, lr: 0.0003, loss: 'bce' }, iou: 0.47, epochs: 20 });
writeLightningRun(lightning, { version: 2, start: '2026-11-10T08:05:00Z', pid: 41502, hparams: { ...base, lr: 0.0003, loss: 'bce+dice' }, iou: 0.55, epochs: 25 });
writeTrainerRun(trainer);
