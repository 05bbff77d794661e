// Writes examples/sacred/kd_runs/: the Sacred `FileStorageObserver` folder of Farah's reference
// distillation script, which Bastian ran unchanged on the team's cluster in June 2026 before the
// `distill-small` sweep moved to the MLflow trainer. Laid out as Sacred 0.8 writes it (run-formats.md
// §4): one folder per run with run.json, config.json, metrics.json and cout.txt, sources in _sources/,
// keys sorted, two-space indent, naive UTC times. Seeded and clock-free: `node examples/generate-sacred.ts`.
// The runs' final `val/acc` stay below the MLflow students' (content/experiments/distill-small.mdx).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../bench/seeded-random.ts';

// An optional argument writes elsewhere (the test that checks the committed store is reproducible)
const ROOT = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'sacred', 'kd_runs');
const rand = mulberry32(20260616);
const round = (v: number) => Number(v.toFixed(4));
const SOURCE = '_sources/distill_5f1c2a9e0b7d4c3f8a6e1d2b9c0a7f34.py';

/** `datetime.utcnow().isoformat()`: UTC with microseconds and no zone. */
function naiveUtc(ms: number): string {
	return new Date(ms).toISOString().replace('Z', '000');
}

/** Python's `json.dump(..., sort_keys=True, indent=2)`, as Sacred writes every file. */
function dumpJson(value: unknown): string {
	const sort = (v: unknown): unknown =>
		Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
	return JSON.stringify(sort(value), null, 2);
}

function write(path: string, content: string): void {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, content);
}

interface Run {
	id: number;
	start: string;
	status: 'COMPLETED' | 'FAILED' | 'INTERRUPTED';
	/** Epochs logged before the run ended. */
	epochs: number;
	config: { temperature: number; alpha: number; batch_size: number; seed: number; cache_teacher_logits: boolean };
	/** Minutes per epoch. */
	epochMinutes: number;
	/** The `val/acc` the run converges to. */
	plateau: number;
	/** The teacher checkpoint, when not the sweep's `ckpt-resnet50-s1`. */
	teacher?: string;
	comment?: string;
	failTrace?: string[];
}

const RUNS: Run[] = [
	{
		id: 1, start: '2026-06-16T08:12:04.518330', status: 'COMPLETED', epochs: 30, epochMinutes: 9.5, plateau: 0.9238,
		config: { temperature: 4, alpha: 0.7, batch_size: 128, seed: 1, cache_teacher_logits: false },
		comment: "Farah's reference script, unchanged, on our data, to check her loss before porting it to the MLflow trainer.\nLesson: Cache the teacher's logits once per dataset; recomputing them every epoch tripled the run time.",
	},
	{
		id: 2, start: '2026-06-17T07:55:41.002871', status: 'FAILED', epochs: 0, epochMinutes: 3.2, plateau: 0.92,
		config: { temperature: 8, alpha: 0.7, batch_size: 512, seed: 1, cache_teacher_logits: true },
		failTrace: [
			'Traceback (most recent call last):\n',
			'  File "distill.py", line 88, in train\n    logits = teacher(images)\n',
			'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 39.38 GiB total capacity)\n',
		],
	},
	{
		id: 3, start: '2026-06-17T09:20:13.447102', status: 'INTERRUPTED', epochs: 6, epochMinutes: 3.2, plateau: 0.92,
		config: { temperature: 8, alpha: 0.7, batch_size: 128, seed: 1, cache_teacher_logits: true },
		teacher: 'ckpt-resnet50-2026-03-12',
		comment: 'Stopped by hand: the teacher checkpoint was the March one, not ckpt-resnet50-s1.',
	},
	{
		id: 4, start: '2026-06-18T08:03:57.910244', status: 'COMPLETED', epochs: 30, epochMinutes: 3.1, plateau: 0.9226,
		config: { temperature: 4, alpha: 0.7, batch_size: 128, seed: 2, cache_teacher_logits: true },
		comment: 'Same as run 1 with the teacher logits cached: 1 h 34 min instead of 4 h 45 min, the same curve.',
	},
];

function metricsOf(run: Run, startMs: number): Record<string, { steps: number[]; timestamps: string[]; values: number[] }> {
	const out: Record<string, { steps: number[]; timestamps: string[]; values: number[] }> = {};
	const add = (name: string, step: number, ms: number, value: number) => {
		const m = (out[name] ??= { steps: [], timestamps: [], values: [] });
		m.steps.push(step);
		m.timestamps.push(naiveUtc(ms));
		m.values.push(round(value));
	};
	for (let epoch = 0; epoch < run.epochs; epoch++) {
		const ms = startMs + Math.round((epoch + 1) * run.epochMinutes * 60_000 + rand() * 4000);
		const progress = 1 - Math.exp(-(epoch + 1) / 6);
		add('train/loss', epoch, ms, 1.9 * (1 - progress) + 0.21 + rand() * 0.02);
		add('distill/kl_loss', epoch, ms + 3, 0.62 * (1 - progress) + 0.08 + rand() * 0.01);
		add('val/acc', epoch, ms + 40_000, run.plateau - 0.19 * (1 - progress) - rand() * 0.002 * (1 - progress));
	}
	// The plateau is the last epoch's value, exactly
	if (run.epochs === 30) out['val/acc']!.values[29] = run.plateau;
	return out;
}

rmSync(ROOT, { recursive: true, force: true });
write(join(ROOT, SOURCE), '"""Knowledge distillation with soft targets (Hinton et al.), Lakeside reference script."""\n');
for (const run of RUNS) {
	const dir = join(ROOT, String(run.id));
	const startMs = Date.parse(`${run.start}Z`);
	const metrics = metricsOf(run, startMs);
	const lastLogged = Math.max(startMs, ...Object.values(metrics).flatMap((m) => m.timestamps.map((t) => Date.parse(`${t}Z`))));
	const stopMs = run.status === 'FAILED' ? startMs + 94_213 : lastLogged + 2_117;
	const comment = run.comment ?? null;
	write(join(dir, 'config.json'), dumpJson({ ...run.config, student: 'resnet18', teacher: run.teacher ?? 'ckpt-resnet50-s1', epochs: 30, crop: { 'py/tuple': [512, 512] } }));
	// Sacred writes metrics.json only once a metric is logged
	if (run.epochs > 0) write(join(dir, 'metrics.json'), dumpJson(metrics));
	write(join(dir, 'cout.txt'), Array.from({ length: run.epochs }, (_, e) => `epoch ${e + 1}/30 val/acc ${metrics['val/acc']!.values[e]}`).join('\n') + (run.epochs ? '\n' : ''));
	write(join(dir, 'run.json'), dumpJson({
		artifacts: [],
		command: 'train',
		experiment: {
			base_dir: '/home/broth/src/lakeside-kd',
			dependencies: ['numpy==2.1.3', 'sacred==0.8.7', 'torch==2.7.1'],
			mainfile: 'distill.py',
			name: 'distill-small',
			repositories: [{ commit: 'e41b7c09d2a85f36c1d07b9e4a2f68c3d5190ab7', dirty: false, url: 'git@git.lakeside.example:cv-lab/kd-reference.git' }],
			sources: [['distill.py', SOURCE]],
		},
		heartbeat: naiveUtc(stopMs),
		host: { ENV: { USER: 'broth' }, cpu: 'AMD EPYC 7543 32-Core Processor', gpus: { driver_version: '550.54.15', gpus: [{ model: 'NVIDIA A100-SXM4-40GB', persistence_mode: false, total_memory: 40960 }] }, hostname: 'lumen-gpu-04', os: ['Linux', 'Linux-6.8.0-45-generic-x86_64-with-glibc2.39'], python_version: '3.12.4' },
		meta: { command: 'train', comment, config_updates: { seed: run.config.seed, temperature: run.config.temperature }, named_configs: [], options: { '--comment': comment, '--file_storage': 'kd_runs' } },
		resources: [],
		result: run.status === 'COMPLETED' ? run.plateau : null,
		start_time: run.start,
		status: run.status,
		stop_time: naiveUtc(stopMs),
		...(run.failTrace ? { fail_trace: run.failTrace } : {}),
	}));
}
