// Writes examples/mlruns/: the Lumen team's (fictional) MLflow file store for 2025-12 … 2026-11,
// byte for byte in MLflow's layout (run-formats.md §2). Seeded and clock-free, so running it again
// gives the same bytes: `node examples/generate-mlruns.ts`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// An optional argument writes elsewhere (the test that checks the committed store is reproducible)
const ROOT = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'mlruns');
const ARTIFACT_ROOT = 'file:///srv/lumen/wafer-defects/mlruns';
const DAY = 86_400_000;

/** mulberry32: a tiny seeded PRNG; the same seed gives the same store. */
function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const rand = mulberry32(20251201);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
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

interface RunSpec {
	experiment: Experiment;
	name: string;
	user: string;
	start: number;
	steps: number;
	status: 1 | 3 | 4 | 5;
	params: Record<string, string>;
	/** metric key → value at progress p ∈ [0, 1] of the run. */
	metrics: Record<string, (p: number, step: number) => number>;
	note?: string;
	parent?: string;
	deleted?: boolean;
	/** For killed/failed/crashed runs: fraction of steps logged. */
	stopAt?: number;
	tags?: Record<string, string>;
}

const experiments: Record<string, Experiment> = {};
function experiment(name: string, createdIso: string, note?: string): Experiment {
	const e: Experiment = { id: digits(18), name, created: utc(createdIso), ...(note ? { note } : {}) };
	experiments[name] = e;
	return e;
}
const defaultExperiment: Experiment = { id: '0', name: 'Default', created: utc('2025-12-01T08:00:00Z') };

const lrWarmup = experiment('lr-warmup', '2025-12-02T09:00:00Z', 'Does a linear warm-up let us train the wafer defect classifier at a higher learning rate?');
const mixup = experiment('mixup-sweep', '2026-01-08T09:00:00Z', 'Sweep of mixup alpha on the defect classifier.');
const normalize = experiment('normalize-per-channel', '2026-02-03T09:00:00Z', 'Global vs per-channel normalisation of the inspection images.');
const holdout = experiment('eval-holdout-v2', '2026-04-06T09:00:00Z', 'Evaluation on the v2 holdout set (fab 3 lots, never seen in training).');
const distill = experiment('distill-small', '2026-06-02T09:00:00Z', 'Distil the ResNet-50 defect model into a small model for the inline inspection station.');
const noise = experiment(
	'label-noise-audit',
	'2026-08-04T09:00:00Z',
	'Audit of label noise in the defect annotations.\n\nLesson: audit label noise per defect class, not only overall; the rare scratch and particle classes hide behind the average.',
);

const runs: RunSpec[] = [];
const jitter = (scale: number) => (rand() - 0.5) * scale;
const curve = (start: number, end: number, p: number, k = 4) => end + (start - end) * Math.exp(-k * p);

// Smoke test in the Default experiment, before the team created its experiments
runs.push({
	experiment: defaultExperiment, name: 'smoke-test', user: 'dwhitfield', start: utc('2025-12-01T10:12:00Z'), steps: 5, status: 3,
	params: {}, metrics: { train_loss: (p) => round(curve(2.3, 1.9, p)) },
});

// lr-warmup: 2025-12 → 2026-02
const lrStarts = ['2025-12-03', '2025-12-05', '2025-12-09', '2025-12-12', '2025-12-16', '2025-12-19', '2026-01-07', '2026-01-09', '2026-01-14', '2026-01-21', '2026-01-28', '2026-02-04', '2026-02-11', '2026-02-18'];
lrStarts.forEach((day, i) => {
	const lr = pick(['0.0003', '0.001', '0.003', '0.01']);
	const warmup = pick(['0', '500', '1000', '2000']);
	const good = warmup !== '0' || lr !== '0.01';
	const finalLoss = (good ? 0.18 : 0.45) + jitter(0.04) + (Number(lr) > 0.005 && warmup === '0' ? 0.2 : 0);
	const spec: RunSpec = {
		experiment: lrWarmup, name: `lr${lr}-wu${warmup}`, user: i % 3 === 0 ? 'broth' : 'aokafor',
		start: utc(`${day}T${String(9 + (i % 8)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:00Z`), steps: 60, status: 3,
		params: { 'optimizer.lr': lr, 'optimizer.warmup_steps': warmup, 'model.arch': pick(['resnet50', 'resnet50', 'efficientnet-b2']) },
		metrics: {
			'train/loss': (p) => round(curve(2.2, finalLoss - 0.05, p, 5) + jitter(0.03)),
			val_loss: (p) => round(curve(2.3, finalLoss, p, 4) + jitter(0.02)),
			'val/acc': (p) => round(Math.min(0.99, 0.55 + (0.93 - finalLoss * 0.3 - 0.55) * (1 - Math.exp(-4 * p)) + jitter(0.01))),
		},
	};
	if (i === 4) {
		spec.status = 4;
		spec.stopAt = 0.35;
		spec.metrics['train/loss'] = (p, step) => (step >= 19 ? NaN : round(curve(2.2, 0.5, p) * (1 + p * 3)));
		spec.note = 'Diverged at step 19 with lr=0.01 and no warm-up: loss went to NaN.\n\nLesson: never run lr ≥ 0.01 without warm-up on the wafer model; it diverges within 20 steps.';
		spec.params['optimizer.lr'] = '0.01';
		spec.params['optimizer.warmup_steps'] = '0';
		spec.name = 'lr0.01-wu0';
	}
	if (i === 8) spec.deleted = true;
	if (i === 13) spec.note = 'Warm-up of 1000 steps is the new default (see the February retro).';
	runs.push(spec);
});

// mixup-sweep: 2026-01 → 2026-03, with one parent sweep run and nested children
const sweepParent: RunSpec = {
	experiment: mixup, name: 'mixup-alpha-sweep', user: 'cyu', start: utc('2026-01-19T08:00:00Z'), steps: 1, status: 3,
	params: { 'optimizer.lr': '0.001' }, metrics: {}, note: 'Parent run of the mixup alpha sweep (5 children).',
};
runs.push(sweepParent);
[0, 0.1, 0.2, 0.4, 0.8].forEach((alpha, i) => {
	const best = 0.16 + Math.abs(alpha - 0.2) * 0.12 + jitter(0.01);
	runs.push({
		experiment: mixup, name: `mixup-a${alpha}`, user: 'cyu', start: utc('2026-01-19T08:05:00Z') + i * 3 * 3600_000, steps: 40, status: 3,
		params: { 'augment.mixup_alpha': String(alpha), 'optimizer.lr': '0.001' },
		metrics: {
			val_loss: (p) => round(curve(1.9, best, p) + jitter(0.02)),
			'val/acc': (p) => round(0.6 + (0.94 - best * 0.4 - 0.6) * (1 - Math.exp(-4 * p)) + jitter(0.01)),
			'val/f1': (p) => round(0.5 + (0.9 - best * 0.5 - 0.5) * (1 - Math.exp(-4 * p)) + jitter(0.01)),
		},
		parent: 'PARENT',
	});
});
['2026-02-02', '2026-02-09', '2026-02-24', '2026-03-03', '2026-03-10', '2026-03-17'].forEach((day, i) => {
	const alpha = pick(['0.2', '0.3']);
	const spec: RunSpec = {
		experiment: mixup, name: `mixup-a${alpha}-seed${i}`, user: i % 2 ? 'cyu' : 'eobi', start: utc(`${day}T13:30:00Z`), steps: 40, status: 3,
		params: { 'augment.mixup_alpha': alpha, 'optimizer.lr': pick(['0.001', '0.0007']) },
		metrics: {
			val_loss: (p) => round(curve(1.9, 0.17, p) + jitter(0.02)),
			'val/acc': (p) => round(0.6 + 0.3 * (1 - Math.exp(-4 * p)) + jitter(0.01)),
			'val/f1': (p) => round(0.5 + 0.33 * (1 - Math.exp(-4 * p)) + jitter(0.01)),
		},
	};
	if (i === 3) {
		spec.status = 5;
		spec.stopAt = 0.5;
		spec.note = 'Killed: the GPU node was needed for the fab 3 re-labelling job.';
	}
	if (i === 5) spec.note = 'Lesson: mixup alpha between 0.2 and 0.3 is a plateau; stop sweeping it and spend the budget elsewhere.';
	runs.push(spec);
});

// normalize-per-channel: 2026-02 → 2026-04. The February fix changes what val_loss means.
const fix = utc('2026-02-20T00:00:00Z');
['2026-02-05', '2026-02-10', '2026-02-13', '2026-02-17', '2026-02-23', '2026-02-26', '2026-03-05', '2026-03-12', '2026-03-24', '2026-04-02', '2026-04-09'].forEach((day, i) => {
	const start = utc(`${day}T10:00:00Z`);
	const mode = i % 2 ? 'per-channel' : 'global';
	const after = start >= fix;
	// Before the fix, per-channel statistics leaked validation data and looked too good
	const final = after ? (mode === 'per-channel' ? 0.24 : 0.27) : mode === 'per-channel' ? 0.12 : 0.26;
	const spec: RunSpec = {
		experiment: normalize, name: `${mode}-${day}`, user: i % 3 === 2 ? 'fhaddad' : 'dwhitfield', start, steps: 50, status: 3,
		params: { 'data.normalize': mode },
		metrics: {
			val_loss: (p) => round(curve(1.8, final + jitter(0.01), p) + jitter(0.015)),
			'val/acc': (p) => round(0.6 + (0.95 - final * 0.5 - 0.6) * (1 - Math.exp(-4 * p)) + jitter(0.01)),
		},
		tags: { 'normalize.fixed': after ? 'true' : 'false' },
	};
	if (day === '2026-02-23') {
		spec.note =
			'First run after the normalisation fix: val_loss is higher than before, because before it was wrong.\n\n' +
			'Lesson: per-channel statistics must be computed on the training split only; src/data/normalize.py leaked validation statistics.\n' +
			'Lesson: val_loss before 2026-02-20 is not comparable with val_loss after it.';
	}
	runs.push(spec);
});

// eval-holdout-v2: 2026-04 → 2026-06 (evaluation only: few steps)
['2026-04-14', '2026-04-22', '2026-05-04', '2026-05-13', '2026-05-20', '2026-05-27', '2026-06-03', '2026-06-10', '2026-06-17'].forEach((day, i) => {
	const gap = 0.04 + jitter(0.02) - i * 0.003;
	runs.push({
		experiment: holdout, name: `holdout-v2-eval-${i + 1}`, user: i % 2 ? 'eobi' : 'broth', start: utc(`${day}T15:00:00Z`), steps: 10, status: i === 5 ? 4 : 3,
		params: { 'eval.split': 'holdout-v2', 'eval.checkpoint': `ckpt-${day}` },
		metrics: {
			'val/acc': (p) => round(0.93 + 0.005 * p + jitter(0.004)),
			'holdout/acc': (p) => round(0.93 - gap + 0.005 * p + jitter(0.004)),
			'holdout/f1': (p) => round(0.88 - gap + 0.005 * p + jitter(0.004)),
		},
		...(i === 5 ? { stopAt: 0.3, note: 'Failed: holdout shard 7 missing on the NAS.' } : {}),
		...(i === 2 ? { note: 'Lesson: the holdout must be split by wafer lot, not by image; images of one lot are near-duplicates.' } : {}),
	});
});

// distill-small: 2026-06 → 2026-09
['2026-06-08', '2026-06-15', '2026-06-25', '2026-07-02', '2026-07-09', '2026-07-16', '2026-07-28', '2026-08-06', '2026-08-13', '2026-08-25', '2026-09-03', '2026-09-10', '2026-09-22'].forEach((day, i) => {
	const temperature = pick(['1', '2', '4', '8']);
	const arch = pick(['mobilenetv3-s', 'resnet18', 'efficientnet-b0']);
	const latency = arch === 'resnet18' ? 9.5 : arch === 'efficientnet-b0' ? 7.2 : 4.1;
	const spec: RunSpec = {
		experiment: distill, name: `distill-${arch}-T${temperature}`, user: i % 3 === 1 ? 'broth' : 'fhaddad', start: utc(`${day}T11:20:00Z`), steps: 80, status: 3,
		params: { 'distill.temperature': temperature, 'model.arch': arch },
		metrics: {
			'val/acc': (p) => round(0.6 + (0.9 + (temperature === '4' ? 0.015 : 0) - 0.6) * (1 - Math.exp(-4 * p)) + jitter(0.008)),
			'holdout/acc': (p) => round(0.58 + (0.87 + (temperature === '4' ? 0.015 : 0) - 0.58) * (1 - Math.exp(-4 * p)) + jitter(0.008)),
			latency_ms: () => round(latency + jitter(0.6), 2),
		},
	};
	if (i === 4) {
		spec.status = 5;
		spec.stopAt = 0.4;
		spec.note = 'Killed by fhaddad: wrong teacher checkpoint.';
	}
	if (i === 9) {
		spec.metrics['latency_ms'] = (_p, step) => (step === 79 ? Infinity : round(latency + jitter(0.6), 2));
		spec.note = 'The latency probe timed out on the last step (logged as inf).\n\nLesson: measure latency on the inspection station itself; the dev GPU hides the preprocessing cost.';
	}
	runs.push(spec);
});

// label-noise-audit: 2026-08 → 2026-11
['2026-08-10', '2026-08-18', '2026-08-27', '2026-09-07', '2026-09-16', '2026-09-28', '2026-10-05', '2026-10-14', '2026-10-21', '2026-10-29', '2026-11-04', '2026-11-11', '2026-11-17'].forEach((day, i) => {
	const filter = pick(['none', 'confident-learning', 'co-teaching']);
	const spec: RunSpec = {
		experiment: noise, name: `noise-${filter}-${i + 1}`, user: i % 2 ? 'cyu' : 'aokafor', start: utc(`${day}T09:45:00Z`), steps: 30, status: 3,
		params: { 'data.label_filter': filter },
		metrics: {
			'val/acc': (p) => round(0.6 + (0.9 + (filter === 'none' ? 0 : 0.01) - 0.6) * (1 - Math.exp(-4 * p)) + jitter(0.008)),
			'holdout/f1': (p) => round(0.5 + (0.84 + (filter === 'none' ? 0 : 0.02) - 0.5) * (1 - Math.exp(-4 * p)) + jitter(0.008)),
			noise_rate: () => round((filter === 'none' ? 0.082 : 0.031) + jitter(0.004)),
		},
	};
	// Left RUNNING by a process killed with SIGKILL (OOM on the audit node): no end time, stale
	if (day === '2026-10-14') {
		spec.status = 1;
		spec.stopAt = 0.45;
	}
	if (i === 2) spec.metrics['holdout/f1'] = (p, step) => (step === 12 ? NaN : round(0.5 + 0.33 * (1 - Math.exp(-4 * p))));
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
	const logged = Math.max(1, Math.round(spec.steps * (spec.stopAt ?? 1)));
	const stepMs = 45_000 + Math.floor(rand() * 30_000);
	const end = spec.start + logged * stepMs + 20_000;
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
		'mlflow.user': spec.user, 'mlflow.runName': spec.name, 'mlflow.source.name': 'train.py', 'mlflow.source.type': 'LOCAL',
		'mlflow.source.git.commit': commits[month]!, 'mlflow.source.git.branch': 'main', 'mlflow.source.git.repoURL': 'git@git.northwind.example:lumen/wafer-defects.git',
		team: 'lumen', dataset: spec.start < utc('2026-05-01T00:00:00Z') ? 'wafer-v3' : 'wafer-v4', ...spec.tags,
	};
	if (spec.note) tags['mlflow.note.content'] = spec.note;
	if (spec.parent) tags['mlflow.parentRunId'] = parentId;
	for (const [key, value] of Object.entries(tags)) write(join(dir, 'tags', key), value);
	for (const [key, fn] of Object.entries(spec.metrics)) {
		const lines: string[] = [];
		for (let step = 0; step < logged; step++) {
			const p = spec.steps === 1 ? 1 : step / (spec.steps - 1);
			lines.push(`${spec.start + (step + 1) * stepMs} ${pyFloat(fn(p, step))} ${step}\n`);
		}
		write(join(dir, 'metrics', key), lines.join(''));
	}
}
process.stdout.write(`wrote ${runs.length} runs in ${Object.keys(experiments).length + 1} experiments to ${ROOT}\n`);
