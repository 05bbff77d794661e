// Writes examples/mlruns/: the Lumen team's (fictional) MLflow file store for 2025-12 … 2026-11,
// byte for byte in MLflow's layout (run-formats.md §2). Seeded and clock-free, so running it again
// gives the same bytes: `node examples/generate-mlruns.ts`.
// The runs tell the archive's story: every number that content/ quotes about runs (the tables of the
// retros, experiments and decisions, mostly means over three or five seeds) is a final value here, or
// the mean of the seeds' final values, and run notes with `Lesson:` lines agree with the decisions.
// Then `npm run ingest -- examples/mlruns examples/manifests examples/sacred examples/dvclive examples/wandb --now 2026-11-26T00:00:00Z --replace`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../bench/seeded-random.ts';

// An optional argument writes elsewhere (the test that checks the committed store is reproducible)
const ROOT = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'mlruns');
const ARTIFACT_ROOT = 'file:///srv/lumen/wafer-defects/mlruns';
const DAY = 86_400_000;

const rand = mulberry32(20251201);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const digits = (n: number) => String(1 + Math.floor(rand() * 9)) + Array.from({ length: n - 1 }, () => Math.floor(rand() * 10)).join('');
const utc = (iso: string) => Date.parse(iso);

/** Python's str(float): integers keep a `.0`, non-finite values are `nan`, `inf`, `-inf`. */
function pyFloat(v: number): string {
	if (Number.isNaN(v)) return 'nan';
	if (v === Infinity) return 'inf';
	if (v === -Infinity) return '-inf';
	return Number.isInteger(v) ? `${v}.0` : String(v);
}
const round = (v: number, places = 4) => Number(v.toFixed(places));

function write(path: string, content: string): void {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, content);
}

/** PyYAML safe_dump with sort_keys, as MLflow's write_yaml does. */
function yaml(fields: Record<string, string | number | null | never[]>): string {
	return Object.keys(fields)
		.sort()
		.map((key) => {
			const v = fields[key]!;
			if (v === null) return `${key}: null`;
			if (Array.isArray(v)) return `${key}: []`;
			if (typeof v === 'number') return `${key}: ${v}`;
			if (v === '' || /^\d+$/.test(v) || /: |#|^['"]/.test(v)) return `${key}: '${v.replace(/'/g, "''")}'`;
			return `${key}: ${v}`;
		})
		.join('\n') + '\n';
}

interface Experiment {
	id: string;
	name: string;
	created: number;
	note?: string;
}

/** A metric: a value per logged point (`last` is the run's nominal last point), or one value logged once. */
type MetricFn = (p: number, step: number, last: boolean) => number;
type MetricSpec = MetricFn | { once: number; at: 'start' | 'end' };

interface RunSpec {
	experiment: Experiment;
	name: string;
	user: string;
	start: number;
	/** Points the run logs when it completes; point i is logged at step i × stepSize. */
	points: number;
	stepSize?: number;
	/** Milliseconds between logged points. */
	pointMs?: number;
	status: 1 | 3 | 4 | 5;
	params: Record<string, string>;
	metrics: Record<string, MetricSpec>;
	note?: string;
	parent?: string;
	deleted?: boolean;
	/** For killed/failed/crashed runs: how many points were logged. */
	logged?: number;
	tags?: Record<string, string>;
}

const experiments: Record<string, Experiment> = {};
function experiment(name: string, createdIso: string, note?: string): Experiment {
	const e: Experiment = { id: digits(18), name, created: utc(createdIso), ...(note ? { note } : {}) };
	experiments[name] = e;
	return e;
}
const defaultExperiment: Experiment = { id: '0', name: 'Default', created: utc('2025-12-01T08:00:00Z') };

const lrWarmup = experiment('lr-warmup', '2025-12-02T09:00:00Z', 'Does a linear warm-up let us fine-tune the wafer defect classifier stably at a higher learning rate?');
const mixup = experiment('mixup-sweep', '2026-01-12T09:00:00Z', 'Sweep of mixup alpha on the defect classifier.');
const normalize = experiment('normalize-per-channel', '2026-02-02T09:00:00Z', 'Global vs per-channel normalisation of the inspection images.');
const holdout = experiment('eval-holdout-v2', '2026-04-13T09:00:00Z', 'Evaluation on the hold-out v2 split of DR-0011: 42 lots from AOI-2 and from AOI-1 after March, never used for training or model selection.');
const distill = experiment('distill-small', '2026-06-15T09:00:00Z', 'Distil the resnet50 defect model into a resnet18 for the line-side inspection PC.');
const noise = experiment(
	'label-noise-audit',
	'2026-08-17T09:00:00Z',
	'Audit of label noise in the defect annotations.\n\nLesson: audit label noise per defect class, not only overall; the rare hairline-scratch and residue classes hide behind the average.',
);

const runs: RunSpec[] = [];
const jitter = (scale: number) => (rand() - 0.5) * scale;
const at = (day: string, time = '10:00') => utc(`${day}T${time}:00Z`);

/**
 * A curve from `start` to exactly `target` on the run's last point. Every earlier point is on the
 * worse side of the target, so the final value is also the best one: the numbers the archive quotes
 * are the runs' final (and best) values.
 */
const toward = (start: number, target: number, noise = 0.01, k = 4): MetricFn => (p, _step, last) =>
	last ? round(target) : round(target + (start - target) * Math.exp(-k * p) + Math.sign(start - target) * Math.abs(jitter(noise)));
const once = (value: number, where: 'start' | 'end' = 'end'): MetricSpec => ({ once: round(value), at: where });

/** Seed offsets: the mean over the seeds is the stated value and the standard deviation is `sd`. */
const seedOffset = (seeds: 3 | 5, index: number, sd: number) =>
	seeds === 3 ? [0, -1, 1][index]! * sd : round([0, -1, 1, -2, 2][index]! * sd / Math.sqrt(2.5), 4);
const clip = (start: number) => (start >= utc('2026-01-14T00:00:00Z') && start < utc('2026-05-07T00:00:00Z') ? '1.0' : undefined);
/** `train/grad_norm` before clipping; below 0.6 in every run once warmup was the default (DR-0003). */
const gradNorm: MetricFn = (p) => round(0.2 + 0.3 * Math.exp(-3 * p) + Math.abs(jitter(0.06)));

// December 2025, before the team created its experiments: Emeka's smoke test on the new cluster and
// Chen's first baselines, which led to the split by wafer lot (DR-0002)
runs.push({
	experiment: defaultExperiment, name: 'smoke-test', user: 'eobi', start: at('2025-12-02', '10:12'), points: 5, status: 3,
	params: {}, metrics: { 'train/loss': toward(2.3, 1.9, 0.02) },
});
([['image', 0.981, 0.094, '2025-12-05'], ['wafer', 0.945, 0.249, '2025-12-08'], ['lot', 0.936, 0.262, '2025-12-08']] as const).forEach(([split, acc, loss, day], i) => {
	runs.push({
		experiment: defaultExperiment, name: `baseline-split-${split}`, user: 'cyu', start: at(day, `${String(9 + 4 * i).padStart(2, '0')}:30`), points: 30, pointMs: 240_000, status: 3,
		params: { 'data.split_by': split, 'model.arch': 'resnet50', 'optimizer.lr': '3e-4', 'optimizer.warmup_steps': '0' },
		metrics: { val_loss: toward(1.2, loss, 0.02), 'val/acc': toward(0.55, acc, 0.01) },
		...(split === 'image' ? { note: 'First resnet50 baseline, on a random split of images: `val/acc` 0.981 is too good to be true.' } : {}),
	});
});

// lr-warmup: 2025-12 → 2026-02. All arms share the leaky normalisation statistics (fixed by DR-0006).
interface LrArm { arch: 'resnet50' | 'efficientnet_b0'; lr: string; wu: string; epochs?: number; loss: number; acc: number }
function lrRun(day: string, time: string, user: string, arm: LrArm, seed: number, loss: number, acc: number, extra: Partial<RunSpec> = {}): RunSpec {
	const start = at(day, time);
	const epochs = arm.epochs ?? 30;
	const params: Record<string, string> = {
		'model.arch': arm.arch, 'optimizer.lr': arm.lr, 'optimizer.warmup_steps': arm.wu, 'train.epochs': String(epochs), 'train.seed': String(seed),
	};
	// Clipping (DR-0003) from 2026-01-14, except for the no-warmup arms, which measure divergence without it
	if (clip(start)) params['train.grad_clip_norm'] = arm.wu === '0' ? '0' : '1.0';
	const prefix = arm.arch === 'resnet50' ? '' : 'effb0-';
	return {
		experiment: lrWarmup, name: `${prefix}lr${arm.lr}-wu${arm.wu}${arm.epochs ? `-${arm.epochs}ep` : ''}-s${seed}`, user, start, points: epochs, stepSize: 100, pointMs: 300_000, status: 3,
		params,
		metrics: { 'train/loss': toward(1.3, loss - 0.05, 0.03, 5), val_loss: toward(1.2, loss, 0.02), 'val/acc': toward(0.55, acc, 0.01) },
		...extra,
	};
}
// Two runs of the first week pointed at a config file that was edited afterwards (lesson log-the-resolved-config)
['2025-12-04', '2025-12-05'].forEach((day, i) => {
	runs.push({
		experiment: lrWarmup, name: `lr-warmup-first-week-${i + 1}`, user: 'broth', start: at(day, '14:00'), points: 30, stepSize: 100, pointMs: 300_000, status: 3,
		params: { 'model.arch': 'resnet50', config: 'configs/train/base.yaml' }, deleted: true,
		metrics: { 'train/loss': toward(1.3, 0.24, 0.03, 5), val_loss: toward(1.2, 0.27, 0.02) },
		note: 'Deleted: the config file this run pointed at was edited afterwards, and nobody can say which learning rate it used.',
	});
});
const arm = (arch: LrArm['arch'], lr: string, wu: string, loss: number, acc: number, epochs?: number): LrArm => ({ arch, lr, wu, loss, acc, ...(epochs ? { epochs } : {}) });
const grid: [LrArm, [string, string, string][]][] = [
	[arm('resnet50', '3e-4', '0', 0.262, 0.936), [['2025-12-09', '09:30', 'broth'], ['2025-12-10', '09:30', 'aokafor'], ['2025-12-11', '09:30', 'broth']]],
	[arm('resnet50', '3e-4', '250', 0.240, 0.943), [['2025-12-14', '10:00', 'broth'], ['2025-12-15', '10:00', 'aokafor'], ['2025-12-16', '10:00', 'broth']]],
	[arm('resnet50', '3e-4', '1000', 0.233, 0.946), [['2025-12-17', '10:00', 'aokafor'], ['2025-12-18', '10:00', 'broth'], ['2025-12-19', '10:00', 'aokafor']]],
	[arm('resnet50', '3e-4', '500', 0.231, 0.947), [['2026-01-05', '09:00', 'broth'], ['2026-01-06', '09:00', 'aokafor'], ['2026-01-07', '09:00', 'broth']]],
	[arm('resnet50', '1e-3', '500', 0.247, 0.940), [['2026-01-14', '11:00', 'broth'], ['2026-01-15', '11:00', 'aokafor'], ['2026-01-16', '11:00', 'broth']]],
	[arm('resnet50', '1e-4', '0', 0.236, 0.945), [['2026-01-26', '09:00', 'aokafor'], ['2026-01-27', '09:00', 'broth'], ['2026-01-28', '09:00', 'aokafor']]],
	[arm('resnet50', '1e-4', '0', 0.232, 0.946, 42), [['2026-02-02', '08:00', 'broth'], ['2026-02-02', '12:00', 'broth'], ['2026-02-02', '16:00', 'aokafor']]],
];
grid.forEach(([a, slots]) => slots.forEach(([day, time, user], i) => runs.push(lrRun(day, time, user, a, i + 1, a.loss + seedOffset(3, i, 0.003), a.acc - seedOffset(3, i, 0.0015)))));
// efficientnet_b0 at the most promising setting: a lucky first seed, two more that were not (January retro)
const effb0 = arm('efficientnet_b0', '3e-4', '500', 0.248, 0.941);
([['2026-01-09', 0.227, 0.947, 'aokafor'], ['2026-01-19', 0.258, 0.938, 'broth'], ['2026-01-21', 0.259, 0.938, 'aokafor']] as const).forEach(([day, loss, acc, user], i) =>
	runs.push(lrRun(day, '10:30', user, effb0, i + 1, loss, acc)));
// 1e-3 without warmup, before clipping existed: four of six runs diverge between steps 120 and 290
const noWarmup = arm('resnet50', '1e-3', '0', 0.27, 0.93);
([['2025-12-22', 190], ['2025-12-23', 120], ['2025-12-29', 0], ['2026-01-05', 290], ['2026-01-06', 240], ['2026-01-08', 0]] as const).forEach(([day, nanStep], i) => {
	const user = i % 2 ? 'aokafor' : 'broth';
	if (nanStep === 0) {
		const [loss, acc] = i === 2 ? [0.271, 0.931] : [0.284, 0.925];
		runs.push(lrRun(day, '15:00', user, noWarmup, i + 1, loss, acc));
		return;
	}
	const spec = lrRun(day, '15:00', user, noWarmup, i + 1, 0, 0, {
		stepSize: 10, points: 300, logged: nanStep / 10 + 1, status: 4, pointMs: 30_000,
		metrics: { 'train/loss': (_p, step) => (step >= nanStep ? NaN : round(1.3 - 0.5 * (step / nanStep) + 6 * (step / nanStep) ** 8 + jitter(0.02))) },
	});
	if (i === 0) spec.note = 'Diverged at step 190 with `optimizer.lr` 1e-3 and no warm-up: `train/loss` went to NaN.\n\nLesson: never fine-tune the wafer model at `optimizer.lr` 1e-3 without warm-up; it diverges within the first 300 steps.';
	runs.push(spec);
});
// The winner of DR-0005, re-run once on the training-only statistics of DR-0006
runs.push(lrRun('2026-02-16', '09:00', 'broth', arm('resnet50', '3e-4', '500', 0.238, 0.944), 1, 0.238, 0.944, {
	name: 'lr3e-4-wu500-fixed-stats',
	note: 'Re-run of the DR-0005 defaults (`optimizer.lr` 3e-4, 500 warm-up steps) on the training-only normalisation statistics of DR-0006: `val_loss` 0.238, against 0.231 before the fix. Same model, new regime; the ranking of the warm-up settings stands.',
}));
runs.at(-1)!.metrics['train/grad_norm'] = gradNorm;
runs.at(-1)!.tags = { 'normalize.fixed': 'true' };

// mixup-sweep: 2026-01 → 2026-03. January: one seed per alpha under a parent sweep run, then two more
// seeds at 0 and 0.2 (leaky statistics, no warmup yet). From 2026-02-16: everything again, three seeds.
const mixupParams = (alpha: string, lr: string, wu: string, seed: number) => ({ 'augment.mixup_alpha': alpha, 'model.arch': 'resnet50', 'optimizer.lr': lr, 'optimizer.warmup_steps': wu, 'train.grad_clip_norm': '1.0', 'train.seed': String(seed) });
const sweepParent: RunSpec = {
	experiment: mixup, name: 'mixup-alpha-sweep', user: 'cyu', start: at('2026-01-19', '08:00'), points: 1, status: 3,
	params: { 'optimizer.lr': '3e-4' }, metrics: {}, note: 'Parent run of the January mixup alpha sweep: five children, one seed each.',
};
runs.push(sweepParent);
([['0', 0.263, 0.936, 0.899], ['0.1', 0.261, 0.936, 0.903], ['0.2', 0.259, 0.937, 0.907], ['0.4', 0.266, 0.933, 0.889], ['0.8', 0.284, 0.925, 0.866]] as const).forEach(([alpha, loss, acc, f1], i) => {
	runs.push({
		experiment: mixup, name: `mixup-a${alpha}`, user: 'cyu', start: at('2026-01-19', '08:05') + i * 3 * 3600_000, points: 30, pointMs: 240_000, status: 3,
		params: mixupParams(alpha, '3e-4', '0', 1),
		metrics: { 'val/f1': toward(0.5, f1, 0.01), val_loss: toward(1.2, loss, 0.02), 'val/acc': toward(0.55, acc, 0.01) },
		parent: 'PARENT',
	});
});
([['2026-01-26', '0', 2, 0.262, 0.936, 0.905], ['2026-01-27', '0.2', 2, 0.261, 0.935, 0.896], ['2026-01-28', '0', 3, 0.261, 0.937, 0.911], ['2026-01-29', '0.2', 3, 0.260, 0.936, 0.897]] as const).forEach(([day, alpha, seed, loss, acc, f1]) => {
	runs.push({
		experiment: mixup, name: `mixup-a${alpha}-s${seed}`, user: 'dwhitfield', start: at(day, '13:30'), points: 30, pointMs: 240_000, status: 3,
		params: mixupParams(alpha, '3e-4', '0', seed),
		metrics: { 'val/f1': toward(0.5, f1, 0.01), val_loss: toward(1.2, loss, 0.02), 'val/acc': toward(0.55, acc, 0.01) },
		...(seed === 3 && alpha === '0.2' ? { note: 'Third seed at alpha 0.2: the gain of 0.008 in `val/f1` from the first seed is gone.' } : {}),
	});
});
const mixupTable = [['0', 0.238, 0.944, 0.902], ['0.1', 0.236, 0.944, 0.899], ['0.2', 0.235, 0.945, 0.897], ['0.4', 0.241, 0.941, 0.884], ['0.8', 0.259, 0.933, 0.861]] as const;
const mixupUsers = ['dwhitfield', 'cyu', 'eobi'];
let mixupDay = 0;
for (const [lr, worse] of [['3e-4', 0], ['1e-4', 0.003]] as const) {
	for (let seed = 0; seed < 3; seed++) {
		for (const [alpha, loss, acc, f1] of mixupTable) {
			const start = utc('2026-02-16T13:30:00Z') + mixupDay * DAY;
			const spec: RunSpec = {
				experiment: mixup, name: `mixup-a${alpha}-lr${lr}-s${seed + 1}`, user: mixupUsers[mixupDay % 3]!, start, points: 30, pointMs: 240_000, status: 3,
				params: mixupParams(alpha, lr, '500', seed + 1),
				metrics: {
					'val/f1': toward(0.5, f1 - worse - seedOffset(3, seed, 0.006), 0.01),
					val_loss: toward(1.2, loss + worse + seedOffset(3, seed, 0.003), 0.02),
					'val/acc': toward(0.55, acc - worse - seedOffset(3, seed, 0.0015), 0.01),
					'train/grad_norm': gradNorm,
				},
				tags: { 'normalize.fixed': 'true' },
			};
			if (mixupDay === 29) spec.note = 'Last run of the re-run sweep.\n\nLesson: read an augmentation\'s effect per class before the average; the drop in `val/f1` under mixup is almost all particles and hairline scratches.';
			if (mixupDay === 21) {
				// Killed the night before, re-run the next morning under the same name
				runs.push({
					...spec, name: `${spec.name}-try1`, start: start - 15 * 3600_000, status: 5, logged: 14,
					note: 'Killed: the node was drained for the NFS maintenance window. Re-run the next day.',
				});
			}
			runs.push(spec);
			mixupDay++;
		}
	}
}

// normalize-per-channel: 2026-02 → 2026-03, five seeds per arm and round. DR-0006 (2026-02-13) fixes the
// per-channel statistics, which had been computed on train and validation together.
const fixDate = utc('2026-02-13T00:00:00Z');
function normalizeRun(start: number, mode: 'global' | 'per-channel', seed: number, user: string): RunSpec {
	const after = start >= fixDate;
	const [loss, acc] = mode === 'global' ? [0.251, 0.938] : after ? [0.238, 0.944] : [0.231, 0.947];
	return {
		experiment: normalize, name: `${mode}-${after ? 'fixed' : 'leaky'}-${new Date(start).toISOString().slice(0, 10)}-s${seed + 1}`, user, start, points: 30, pointMs: 240_000, status: 3,
		params: { 'data.normalize': mode, 'model.arch': 'resnet50', 'optimizer.lr': '3e-4', 'optimizer.warmup_steps': '500', 'train.grad_clip_norm': '1.0', 'train.seed': String(seed + 1) },
		metrics: {
			val_loss: toward(1.2, loss + seedOffset(5, seed, 0.003), 0.02),
			'val/acc': toward(0.55, acc - seedOffset(5, seed, 0.002), 0.01),
			...(start >= utc('2026-02-06T00:00:00Z') ? { 'train/grad_norm': gradNorm } : {}),
		},
		tags: { 'normalize.fixed': after ? 'true' : 'false' },
	};
}
// Round 1, before the fix
['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06', '2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-12'].forEach((day, i) => {
	runs.push(normalizeRun(at(day, i === 9 ? '16:00' : '10:00'), i % 2 ? 'per-channel' : 'global', Math.floor(i / 2), i % 2 ? 'dwhitfield' : 'cyu'));
});
// Round 2: Dana re-ran the per-channel arm overnight after the fix; the global arm followed
for (let seed = 0; seed < 5; seed++) {
	const spec = normalizeRun(at('2026-02-13', '19:30') + seed * 40 * 60_000, 'per-channel', seed, 'dwhitfield');
	if (seed === 0) {
		spec.note =
			'First run after the normalisation fix (DR-0006): `val_loss` is higher than before, because before it was wrong.\n\n' +
			'Lesson: per-channel statistics must be computed on the training split only; `src/data/normalize.py` leaked validation statistics.\n' +
			'Lesson: per-channel `val_loss` before 2026-02-13 is not comparable with `val_loss` after it.';
	}
	runs.push(spec);
}
['2026-02-16', '2026-02-18', '2026-02-20', '2026-02-24', '2026-02-26'].forEach((day, seed) => runs.push(normalizeRun(at(day, '10:00'), 'global', seed, 'cyu')));
// Round 3, March
['2026-03-02', '2026-03-03', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13', '2026-03-16', '2026-03-17'].forEach((day, i) => {
	runs.push(normalizeRun(at(day, '10:00'), i % 2 ? 'per-channel' : 'global', Math.floor(i / 2), i === 6 || i === 7 ? 'fhaddad' : i % 2 ? 'dwhitfield' : 'cyu'));
});

// eval-holdout-v2: evaluation only, one point per metric. Three seed checkpoints per model; from
// 2026-05-14 the evaluation sets are deduplicated against training (DR-0012).
function holdoutRun(start: number, user: string, archName: string, seed: number, dedup: boolean, v: { acc: number; loss: number; hacc: number; hf1: number }, extra: Partial<RunSpec> = {}): RunSpec {
	return {
		experiment: holdout, name: `holdout-v2-${archName}-${dedup ? 'dedup' : 'nodedup'}-s${seed + 1}`, user, start, points: 1, pointMs: 600_000, status: 3,
		params: { 'eval.split': 'holdout-v2', 'eval.checkpoint': `ckpt-${archName}-s${seed + 1}`, 'eval.dedup': String(dedup), 'model.arch': archName },
		metrics: {
			'holdout/acc': once(v.hacc + seedOffset(3, seed, 0.002)),
			'holdout/f1': once(v.hf1 + seedOffset(3, seed, 0.003)),
			'val/acc': once(v.acc + seedOffset(3, seed, 0.0015)),
			val_loss: once(v.loss - seedOffset(3, seed, 0.003)),
		},
		...extra,
	};
}
for (let seed = 0; seed < 3; seed++) runs.push(holdoutRun(at('2026-04-20', '15:00') + seed * 3600_000, 'broth', 'resnet50', seed, false, { acc: 0.944, loss: 0.238, hacc: 0.912, hf1: 0.852 }));
for (let seed = 0; seed < 3; seed++) {
	runs.push(holdoutRun(at('2026-05-18', '15:00') + seed * 3600_000, seed === 0 ? 'dwhitfield' : 'cyu', 'resnet50', seed, true, { acc: 0.936, loss: 0.246, hacc: 0.913, hf1: 0.853 }, seed === 0 ? {
		note: 'First hold-out evaluation with near-duplicates removed from the evaluation sets (DR-0012).\n\nLesson: a split by lot does not keep reworked wafers apart; they come back under a new lot id, so check for duplicate images as well.',
	} : {}));
}
runs.push({
	experiment: holdout, name: 'holdout-v2-efficientnet_b0-dedup-s2-try1', user: 'eobi', start: at('2026-05-25', '16:00'), points: 1, status: 4, params: { 'eval.split': 'holdout-v2', 'eval.checkpoint': 'ckpt-efficientnet_b0-s2', 'eval.dedup': 'true', 'model.arch': 'efficientnet_b0' },
	metrics: {}, note: 'Failed: hold-out shard 7 missing on the NFS volume. Re-run the next day.',
});
([['2026-05-25', '15:00'], ['2026-05-26', '09:00'], ['2026-05-26', '11:00']] as const).forEach(([day, time], seed) =>
	runs.push(holdoutRun(at(day, time), 'eobi', 'efficientnet_b0', seed, true, { acc: 0.931, loss: 0.263, hacc: 0.905, hf1: 0.842 })));

// distill-small: 2026-06 → 2026-09, resnet18 students of the resnet50 teacher, three seeds per setting.
// Latency is measured on the line-side PC and comes from run manifests (DR-0010), not from here.
const distillTable: Record<string, { acc: number; hacc: number; hf1: number }> = {
	labels: { acc: 0.921, hacc: 0.889, hf1: 0.821 }, '1': { acc: 0.925, hacc: 0.894, hf1: 0.826 }, '2': { acc: 0.929, hacc: 0.901, hf1: 0.832 },
	'4': { acc: 0.931, hacc: 0.906, hf1: 0.839 }, '8': { acc: 0.928, hacc: 0.902, hf1: 0.834 },
};
function distillRun(day: string, user: string, temperature: string, seed: number, extra: Partial<RunSpec> = {}): RunSpec {
	const v = distillTable[temperature]!;
	const params: Record<string, string> = { 'model.arch': 'resnet18', 'distill.alpha': temperature === 'labels' ? '0' : '0.7', 'distill.teacher': 'ckpt-resnet50-s1', 'train.seed': String(seed + 1) };
	if (temperature !== 'labels') params['distill.temperature'] = temperature;
	return {
		experiment: distill, name: `distill-resnet18-${temperature === 'labels' ? 'labels-only' : `T${temperature}`}-s${seed + 1}`, user, start: at(day, '11:20'), points: 30, pointMs: 300_000, status: 3,
		params,
		metrics: {
			'val/acc': toward(0.6, v.acc + seedOffset(3, seed, 0.0015), 0.008),
			'holdout/acc': once(v.hacc + seedOffset(3, seed, 0.002)),
			'holdout/f1': once(v.hf1 + seedOffset(3, seed, 0.003)),
		},
		...extra,
	};
}
([
	['2026-06-15', 'labels', 0], ['2026-06-17', 'labels', 1], ['2026-06-22', 'labels', 2],
	['2026-07-01', '1', 0], ['2026-07-06', '2', 0], ['2026-07-13', '4', 0], ['2026-07-20', '8', 0],
	['2026-08-03', '1', 1], ['2026-08-06', '2', 1], ['2026-08-10', '4', 1], ['2026-08-13', '8', 1],
	['2026-08-17', '1', 2], ['2026-08-20', '2', 2], ['2026-09-01', '4', 2], ['2026-09-02', '8', 2],
] as const).forEach(([day, temperature, seed], i) => {
	if (day === '2026-07-13') {
		runs.push(distillRun('2026-07-09', 'fhaddad', '4', 0, {
			name: 'distill-resnet18-T4-s1-try1', status: 5, logged: 12, params: { ...distillRun(day, '', '4', 0).params, 'distill.teacher': 'ckpt-resnet50-2026-03-12' },
			note: 'Killed by fhaddad: wrong teacher checkpoint (a pre-DR-0012 resnet50).',
		}));
	}
	runs.push(distillRun(day, i % 2 ? 'fhaddad' : 'broth', temperature, seed));
});

// label-noise-audit: 2026-08 → 2026-10, three seeds per `data.label_filter` arm; running
const noiseTable: Record<string, { rate: number; acc: number; hf1: number }> = {
	none: { rate: 0.041, acc: 0.936, hf1: 0.853 }, consensus: { rate: 0.024, acc: 0.938, hf1: 0.859 }, 'confident-learning': { rate: 0.012, acc: 0.940, hf1: 0.866 },
};
([
	['2026-08-18', 'none', 0, 'aokafor'], ['2026-08-25', 'consensus', 0, 'cyu'], ['2026-08-27', 'confident-learning', 0, 'dwhitfield'],
	['2026-09-07', 'none', 1, 'cyu'], ['2026-09-14', 'consensus', 1, 'dwhitfield'], ['2026-09-21', 'confident-learning', 1, 'aokafor'],
	['2026-10-05', 'none', 2, 'dwhitfield'], ['2026-10-12', 'consensus', 2, 'aokafor'], ['2026-10-14', 'confident-learning', 2, 'cyu'], ['2026-10-19', 'confident-learning', 2, 'cyu'],
] as const).forEach(([day, filter, seed, user], i) => {
	const v = noiseTable[filter]!;
	const spec: RunSpec = {
		experiment: noise, name: `noise-${filter}-s${seed + 1}`, user, start: at(day, '09:45'), points: 30, pointMs: 300_000, status: 3,
		params: { 'data.label_filter': filter, 'model.arch': 'resnet50', 'optimizer.lr': '3e-4', 'optimizer.warmup_steps': '500', 'train.seed': String(seed + 1) },
		metrics: {
			noise_rate: once(v.rate + seedOffset(3, seed, 0.001), 'start'),
			'val/acc': toward(0.6, v.acc + seedOffset(3, seed, 0.0015), 0.008),
			'holdout/f1': once(v.hf1 + seedOffset(3, seed, 0.003)),
		},
	};
	// Left RUNNING by a process killed with SIGKILL (OOM on the audit node): no end time, stale
	if (day === '2026-10-14') {
		spec.name += '-try1';
		spec.status = 1;
		spec.logged = 13;
	}
	// One evaluation shard came back empty: val/acc is NaN at that step
	if (i === 4) {
		const base = spec.metrics['val/acc'] as MetricFn;
		spec.metrics['val/acc'] = (p, step, last) => (step === 12 ? NaN : base(p, step, last));
	}
	runs.push(spec);
});

// Write the store
rmSync(ROOT, { recursive: true, force: true });
for (const e of [defaultExperiment, ...Object.values(experiments)]) {
	write(join(ROOT, e.id, 'meta.yaml'), yaml({
		artifact_location: `${ARTIFACT_ROOT}/${e.id}`, creation_time: e.created, experiment_id: e.id, last_update_time: e.created, lifecycle_stage: 'active', name: e.name,
	}));
	if (e.note) write(join(ROOT, e.id, 'tags', 'mlflow.note.content'), e.note);
}
let parentId = '';
const commits = Array.from({ length: 12 }, () => hex(40));
for (const spec of runs) {
	const id = hex(32);
	if (spec === sweepParent) parentId = id;
	const dir = join(ROOT, spec.experiment.id, id);
	const logged = spec.logged ?? spec.points;
	const stepSize = spec.stepSize ?? 1;
	const pointMs = (spec.pointMs ?? 60_000) + Math.floor(rand() * 30_000);
	const end = spec.start + logged * pointMs + 20_000;
	const meta: Record<string, string | number | null | never[]> = {
		artifact_uri: `${ARTIFACT_ROOT}/${spec.experiment.id}/${id}/artifacts`, end_time: spec.status === 1 ? null : end, entry_point_name: '',
		experiment_id: spec.experiment.id, lifecycle_stage: spec.deleted ? 'deleted' : 'active', run_id: id, run_name: spec.name, run_uuid: id,
		source_name: '', source_type: 4, source_version: '', start_time: spec.start, status: spec.status, tags: [], user_id: spec.user,
	};
	if (spec.deleted) meta['deleted_time'] = end + 3 * DAY;
	write(join(dir, 'meta.yaml'), yaml(meta));
	for (const [key, value] of Object.entries(spec.params)) write(join(dir, 'params', key), value);
	const month = new Date(spec.start).getUTCMonth();
	const tags: Record<string, string> = {
		'mlflow.user': spec.user, 'mlflow.runName': spec.name, 'mlflow.source.name': spec.experiment === holdout ? 'eval/run_holdout.py' : 'train.py', 'mlflow.source.type': 'LOCAL',
		'mlflow.source.git.commit': commits[month]!, 'mlflow.source.git.branch': 'main', 'mlflow.source.git.repoURL': 'git@git.northwind.example:lumen/wafer-defects.git',
		team: 'lumen', dataset: spec.start < utc('2026-05-01T00:00:00Z') ? 'wafer-v3' : 'wafer-v4', ...spec.tags,
	};
	if (spec.note) tags['mlflow.note.content'] = spec.note;
	if (spec.parent) tags['mlflow.parentRunId'] = parentId;
	for (const [key, value] of Object.entries(tags)) write(join(dir, 'tags', key), value);
	const time = (i: number) => spec.start + (i + 1) * pointMs;
	for (const [key, metric] of Object.entries(spec.metrics)) {
		const lines: string[] = [];
		if (typeof metric === 'function') {
			for (let i = 0; i < logged; i++) {
				const p = spec.points === 1 ? 1 : i / (spec.points - 1);
				lines.push(`${time(i)} ${pyFloat(metric(p, i * stepSize, i === spec.points - 1))} ${i * stepSize}\n`);
			}
		} else if (metric.at === 'start') {
			lines.push(`${time(0)} ${pyFloat(metric.once)} 0\n`);
		} else if (logged === spec.points) {
			lines.push(`${time(logged - 1)} ${pyFloat(metric.once)} ${(logged - 1) * stepSize}\n`);
		}
		if (lines.length > 0) write(join(dir, 'metrics', key), lines.join(''));
	}
}
process.stdout.write(`wrote ${runs.length} runs in ${Object.keys(experiments).length + 1} experiments to ${ROOT}\n`);
