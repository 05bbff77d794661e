/**
 * A seeded, deterministic generator of a benchmark archive: years of a busy ML team's retros,
 * decision records (with supersession chains), experiments, people and monthly run digests.
 *
 * Everything comes from one PRNG stream seeded by `seed`, so the same options always write the
 * same bytes. The archive is valid for `npm run check`: every reference, id in prose and MDX
 * component names an entry that exists.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { updateRunIndex } from '../../src/archive/run-index.ts';
import { mulberry32 } from '../seeded-random.ts';

export interface GenerateOptions {
	/** Folder to write; emptied first. */
	outDir: string;
	/** PRNG seed. */
	seed?: number;
	/** How many years, ending December 2025; 10 is the full benchmark archive. */
	years?: number;
	/** Scale of entries per year (retros are always 12 a year). */
	decisionsPerYear?: number;
	experimentsPerYear?: number;
	runsPerYear?: number;
	/** People; default 4 a year (40 for ten years), at least 6. */
	people?: number;
	/** Whether bodies use Hindsight's MDX components (<MetricValue>, <RunTable>…). */
	components?: boolean;
}

export interface GenerateSummary {
	outDir: string;
	files: number;
	bytes: number;
	retros: number;
	decisions: number;
	superseded: number;
	experiments: number;
	people: number;
	runs: number;
	lessons: number;
	componentUses: number;
}

/** The defaults: ten years of a busy team. */
export const FULL = { years: 10, decisionsPerYear: 60, experimentsPerYear: 30, runsPerYear: 5000 } as const;
/** The search benchmark archive: about 1,200 pages, few runs so that it builds quickly. */
export const SEARCH_PRESET = { years: 10, decisionsPerYear: 72, experimentsPerYear: 36, runsPerYear: 600 } as const;

/** The component tags a body may hold, for stripping them out of copies for other site builders. */
export const COMPONENT_TAG = /<(MetricValue|RunTable|MetricChart|DecisionRef|Lesson)\b[^>]*\/>/g;

/** Removes Hindsight's MDX components from a body: a tag alone on its line goes with its line, an inline one leaves nothing. */
export function stripComponents(body: string): string {
	return body.replace(/^[ \t]*<(MetricValue|RunTable|MetricChart|DecisionRef|Lesson)\b[^>]*\/>[ \t]*\n/gm, '').replace(COMPONENT_TAG, '');
}

// ---------------------------------------------------------------------------------------------
// PRNG

class Rng {
	next: () => number;
	constructor(seed: number) {
		this.next = mulberry32(seed);
	}
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!;
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	sample<T>(items: readonly T[], n: number): T[] {
		const copy = [...items];
		const out: T[] = [];
		while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
		return out;
	}
	hex(n: number): string {
		let s = '';
		for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(this.next() * 16)];
		return s;
	}
	round(x: number, digits = 4): number {
		return Number(x.toFixed(digits));
	}
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const CONFIG_KEYS = [
	'optimizer.lr',
	'optimizer.weight_decay',
	'optimizer.warmup_steps',
	'optimizer.beta2',
	'optimizer.eps',
	'optimizer.momentum',
	'optimizer.schedule',
	'data.normalize',
	'data.split',
	'data.shuffle_buffer',
	'data.num_workers',
	'data.cache_dir',
	'data.resize',
	'data.crop_size',
	'data.min_lot_size',
	'augment.mixup_alpha',
	'augment.cutmix_prob',
	'augment.random_erasing',
	'augment.color_jitter',
	'augment.hflip',
	'augment.rotate_deg',
	'model.arch',
	'model.dropout',
	'model.width_mult',
	'model.pretrained',
	'model.head',
	'model.ema_decay',
	'model.stochastic_depth',
	'train.batch_size',
	'train.epochs',
	'train.grad_clip',
	'train.precision',
	'train.accum_steps',
	'train.seed',
	'train.compile',
	'eval.split',
	'eval.tta',
	'eval.threshold',
	'eval.batch_size',
	'eval.calibration',
	'loss.label_smoothing',
	'loss.focal_gamma',
	'loss.class_weights',
	'distill.temperature',
	'distill.alpha',
	'export.opset',
] as const;
const METRIC_KEYS = [
	'train/loss',
	'val/loss',
	'val_loss',
	'val/acc',
	'val/f1',
	'val/auroc',
	'val/ece',
	'holdout/acc',
	'holdout/f1',
	'test/acc',
	'train/grad_norm',
	'throughput/img_per_s',
	'val/recall_at_p90',
	'val/precision',
	'latency/p95_ms',
] as const;
const CODE_PATHS = [
	'src/data/normalize.py',
	'src/data/splits.py',
	'src/data/loader.py',
	'src/data/dedup.py',
	'src/data/augment.py',
	'src/data/manifest.py',
	'src/train/loop.py',
	'src/train/optim.py',
	'src/train/schedule.py',
	'src/train/checkpoint.py',
	'src/models/resnet.py',
	'src/models/heads.py',
	'src/models/distill.py',
	'src/models/ema.py',
	'src/eval/metrics.py',
	'src/eval/holdout.py',
	'src/eval/calibrate.py',
	'src/eval/report.py',
	'configs/base.yaml',
	'configs/finetune.yaml',
	'configs/sweeps/lr.yaml',
	'configs/sweeps/mixup.yaml',
	'configs/eval/holdout.yaml',
	'scripts/plot_runs.py',
	'scripts/export_onnx.py',
	'scripts/make_splits.py',
	'scripts/audit_labels.py',
	'data/stats/',
	'data/manifests/train.csv',
	'data/manifests/holdout.csv',
	'infra/slurm/train.sbatch',
	'infra/docker/Dockerfile',
] as const;
const TOPICS = [
	'warmup',
	'mixup',
	'cutmix',
	'label-noise',
	'distill',
	'dedup',
	'holdout',
	'focal-loss',
	'ema',
	'quantize',
	'pruning',
	'tta',
	'calibration',
	'lr-schedule',
	'batch-size',
	'mixed-precision',
	'pretrain',
	'ssl',
	'curriculum',
	'class-balance',
	'resize',
	'crop',
	'backbone',
	'normalize',
	'dropout',
	'weight-decay',
	'grad-clip',
	'lot-split',
	'onnx-export',
	'stochastic-depth',
] as const;
const VARIANTS = ['sweep', 'ablation', 'trial', 'study', 'audit', 'baseline', 'rerun', 'grid', 'check', 'pilot'] as const;
const ARCHS = ['resnet18', 'resnet50', 'efficientnet_b0', 'efficientnet_b3', 'convnext_tiny', 'vit_s16', 'regnety_032'] as const;
const TAGS = [
	'optimisation',
	'learning-rate',
	'augmentation',
	'leakage',
	'comparability',
	'data-quality',
	'evaluation',
	'infrastructure',
	'review',
	'preprocessing',
	'deployment',
	'calibration',
	'distillation',
	'labels',
	'splits',
	'tooling',
	'air-gapped',
	'reproducibility',
	'regularisation',
	'throughput',
	'documentation',
	'collaboration',
] as const;
const IMPACTS = ['assumptions', 'data', 'preprocessing', 'training', 'evaluation', 'outputs', 'infrastructure'] as const;
const FIRST = [
	'amara',
	'bastian',
	'chen',
	'dana',
	'emeka',
	'farah',
	'ingrid',
	'jonas',
	'kiri',
	'lena',
	'mateo',
	'nadia',
	'oskar',
	'priya',
	'quentin',
	'rosa',
	'sami',
	'tariq',
	'ursula',
	'viktor',
	'wen',
	'ximena',
	'yusuf',
	'zora',
	'aiko',
	'bruno',
	'celine',
	'diego',
	'elif',
	'fynn',
	'greta',
	'hamid',
	'isla',
	'jun',
	'kofi',
	'leila',
	'marek',
	'noor',
	'otto',
	'paula',
	'rahul',
	'sofia',
	'theo',
	'uma',
	'vera',
	'wiktor',
	'yara',
	'zeno',
] as const;
const LAST = [
	'Okafor',
	'Keller',
	'Liu',
	'Whitfield',
	'Obi',
	'Haddad',
	'Sørensen',
	'Brandt',
	'Tane',
	'Novak',
	'Ruiz',
	'Karimi',
	'Lindqvist',
	'Raman',
	'Moreau',
	'Costa',
	'Virtanen',
	'Aziz',
	'Meyer',
	'Petrov',
	'Zhang',
	'Flores',
	'Demir',
	'Horvat',
	'Sato',
	'Ferreira',
	'Dubois',
	'Alvarez',
] as const;
const ROLES = [
	'Research engineer',
	'ML engineer',
	'Research scientist',
	'Data engineer',
	'Team lead',
	'MLOps engineer',
	'PhD intern',
	'Annotation lead',
] as const;
const SOURCES = ['mlflow-sqlite', 'mlflow-fs', 'manifest'] as const;

const VERBS = ['lowered', 'raised', 'left unchanged', 'stabilised', 'shifted', 'improved', 'degraded'] as const;
const FILLER = [
	'The effect held across three seeds and both lot splits.',
	'Nobody expected the change to matter this much, so we re-ran the baseline twice before believing it.',
	'The difference is within the seed-to-seed spread for the smaller backbones, so we only quote it for the larger ones.',
	'We checked the data loader first, because most surprises this year came from there.',
	'The nightly job picked the change up the next morning without anyone touching the cluster.',
	'Throughput on the shared nodes was the limiting factor, not the model.',
	'Half of the team reviewed the diff before it was merged, which caught one off-by-one in the lot boundaries.',
	'The holdout numbers moved in the same direction as validation, which is the reassuring part.',
	'The change is small in code and large in meaning, which is why it has a record.',
	'We wrote the numbers down before looking at the charts, to avoid reading the curves we hoped for.',
	'Annotation quality varies by production line, and the effect was largest on line four.',
	'Every comparison below uses the same preprocessing and the same evaluation split.',
] as const;

// ---------------------------------------------------------------------------------------------
// Model of the archive

interface Person {
	id: string;
	name: string;
	alias: string;
	external: boolean;
	joined: string;
}
interface LessonRec {
	id: string;
}
interface Decision {
	n: number;
	id: string;
	date: string;
	month: string;
	title: string;
	slug: string;
	status: 'proposed' | 'accepted' | 'rejected' | 'deprecated' | 'superseded';
	supersedes: string[];
	config: string[];
	metrics: string[];
	code: string[];
	experiments: string[];
	deciders: string[];
	consulted: string[];
	topic: string;
}
interface Experiment {
	slug: string;
	title: string;
	topic: string;
	startMonth: number;
	endMonth: number;
	started: string;
	ended?: string;
	status: 'planned' | 'running' | 'concluded' | 'abandoned';
	outcome?: 'confirmed' | 'rejected' | 'inconclusive';
	owners: string[];
	metrics: string[];
	params: string[];
	decisions: string[];
	lessons: LessonRec[];
	runs: RunRec[];
}
interface RunRec {
	id: string;
	name: string;
	month: number;
	experiment: string | null;
	metrics: string[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Writes the archive; returns what it wrote. */
export async function generateArchive(options: GenerateOptions): Promise<GenerateSummary> {
	const years = options.years ?? FULL.years;
	const seed = options.seed ?? 42;
	const decisionsPerYear = options.decisionsPerYear ?? FULL.decisionsPerYear;
	const experimentsPerYear = options.experimentsPerYear ?? FULL.experimentsPerYear;
	const runsPerYear = options.runsPerYear ?? FULL.runsPerYear;
	const peopleCount = options.people ?? Math.max(6, 4 * years);
	const useComponents = options.components ?? true;
	const rng = new Rng(seed);
	const firstYear = 2026 - years;
	const monthCount = years * 12;
	const monthName = (m: number) => `${firstYear + Math.floor(m / 12)}-${pad((m % 12) + 1)}`;
	const dayIn = (m: number, day: number) => `${monthName(m)}-${pad(Math.min(28, Math.max(1, day)))}`;
	const MONTH_WORDS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
	const monthTitle = (m: number) => `${MONTH_WORDS[m % 12]} ${firstYear + Math.floor(m / 12)}`;

	const files = new Map<string, string>();
	const put = (path: string, text: string) => files.set(path, text);
	let componentUses = 0;

	// People -------------------------------------------------------------------------------
	const people: Person[] = [];
	for (let i = 0; i < peopleCount; i++) {
		const first = FIRST[i % FIRST.length]!;
		const id = i < FIRST.length ? first : `${first}-${Math.floor(i / FIRST.length) + 1}`;
		const last = rng.pick(LAST);
		const external = i % 7 === 5;
		const joinedMonth = Math.floor((i / peopleCount) * monthCount * 0.8);
		people.push({
			id,
			name: `${first[0]!.toUpperCase()}${first.slice(1)} ${last}`,
			alias: `${first[0]}${last.toLowerCase().replace(/[^a-z]/g, '')}${i}`,
			external,
			joined: dayIn(joinedMonth, rng.int(1, 28)),
		});
	}
	for (const [i, p] of people.entries()) {
		put(
			`people/${p.id}.yaml`,
			[
				`name: ${p.name}`,
				`role: ${p.external ? 'Outside collaborator and reviewer' : ROLES[i % ROLES.length]}`,
				`affiliation: ${p.external ? 'Lakeside University' : 'Northwind Optics, Lumen team'}`,
				...(p.external ? ['external: true'] : []),
				`aliases: [${p.alias}]`,
				`joined: "${p.joined}"`,
				`visibility: ${i % 3 === 0 ? 'public' : 'internal'}`,
				'',
			].join('\n')
		);
	}
	const activeAt = (m: number) => people.filter((p) => p.joined <= dayIn(m, 28));
	const team = (m: number, n: number) => rng.sample(activeAt(m).length >= n ? activeAt(m) : people, n).map((p) => p.id);

	// Experiments --------------------------------------------------------------------------
	const experimentCount = Math.round(experimentsPerYear * years);
	const experiments: Experiment[] = [];
	const slugs = new Set<string>();
	for (let i = 0; i < experimentCount; i++) {
		const startMonth = Math.min(monthCount - 1, Math.floor((i / experimentCount) * monthCount));
		const duration = rng.int(0, 3);
		const endMonth = Math.min(monthCount - 1, startMonth + duration);
		const topic = rng.pick(TOPICS);
		let slug = `${topic}-${rng.pick(VARIANTS)}`;
		if (slugs.has(slug)) slug = `${slug}-${monthName(startMonth).replace('-', '')}`;
		while (slugs.has(slug)) slug = `${slug}-${rng.int(2, 9)}`;
		slugs.add(slug);
		const recent = startMonth >= monthCount - 2;
		const status: Experiment['status'] = recent ? rng.pick(['planned', 'running'] as const) : rng.chance(0.1) ? 'abandoned' : 'concluded';
		const metrics = [
			'val/loss',
			'val/acc',
			...rng.sample(
				METRIC_KEYS.filter((k) => k !== 'val/loss' && k !== 'val/acc'),
				rng.int(0, 2)
			),
		];
		experiments.push({
			slug,
			title: `${topic.replace(/-/g, ' ')} ${slug.split('-').slice(topic.split('-').length).join(' ')} for ${rng.pick(ARCHS)} on the wafer line`.replace(
				/^./,
				(c) => c.toUpperCase()
			),
			topic,
			startMonth,
			endMonth,
			started: dayIn(startMonth, rng.int(1, 20)),
			...(status === 'concluded' || status === 'abandoned' ? { ended: dayIn(endMonth, 28) } : {}),
			status,
			...(status === 'concluded' ? { outcome: rng.pick(['confirmed', 'rejected', 'inconclusive'] as const) } : {}),
			owners: team(startMonth, rng.int(1, 3)),
			metrics,
			params: rng.sample(CONFIG_KEYS, rng.int(2, 4)),
			decisions: [],
			lessons: [],
			runs: [],
		});
	}

	// Decisions ----------------------------------------------------------------------------
	const decisionCount = Math.round(decisionsPerYear * years);
	const decisions: Decision[] = [];
	// Dates: spread evenly, strictly increasing days within each month so successors are later.
	for (let i = 0; i < decisionCount; i++) {
		const m = Math.min(monthCount - 1, Math.floor((i / decisionCount) * monthCount));
		const perMonth = Math.ceil(decisionCount / monthCount);
		const idxInMonth = i - Math.ceil((m * decisionCount) / monthCount);
		const day = 1 + Math.floor(((Math.max(0, idxInMonth) + 0.5) * 27) / Math.max(1, perMonth));
		const n = i + 1;
		const topic = rng.pick(TOPICS);
		const config = rng.sample(CONFIG_KEYS, rng.int(1, 3));
		const metrics = rng.sample(METRIC_KEYS, rng.int(1, 3));
		const code = rng.sample(CODE_PATHS, rng.int(1, 2));
		const verb = rng.pick(['Set', 'Pin', 'Change', 'Stop using', 'Adopt', 'Require', 'Default to', 'Drop', 'Compute', 'Log']);
		const title = `${verb} ${config[0]} for ${topic.replace(/-/g, ' ')} in ${code[0]!.split('/').pop()}`;
		const slug = title
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.split('-')
			.slice(0, 6)
			.join('-');
		const active = experiments.filter((e) => e.startMonth <= m && e.endMonth >= m - 1);
		decisions.push({
			n,
			id: `DR-${pad(n, 4)}`,
			date: dayIn(m, Math.min(28, day)),
			month: monthName(m),
			title,
			slug,
			status: 'accepted',
			supersedes: [],
			config,
			metrics,
			code,
			experiments: rng.sample(active, rng.int(0, 2)).map((e) => e.slug),
			deciders: team(m, rng.int(1, 3)),
			consulted: rng.chance(0.6) ? team(m, rng.int(1, 3)) : [],
			topic,
		});
	}
	// Supersession chains: a later record replaces an accepted earlier one (sometimes two).
	for (const d of decisions) {
		if (!rng.chance(0.28)) continue;
		const candidates = decisions.filter((o) => o.n < d.n && o.n >= d.n - 120 && o.date < d.date && (o.status === 'accepted' || o.status === 'superseded'));
		const chosen = rng.sample(candidates, rng.chance(0.12) ? 2 : 1);
		for (const o of chosen) {
			o.status = 'superseded';
			d.supersedes.push(o.id);
		}
		d.supersedes.sort();
	}
	for (const d of decisions) {
		if (d.status === 'superseded' || d.supersedes.length > 0) continue;
		const r = rng.next();
		if (d.month >= monthName(monthCount - 2) && r < 0.4) d.status = 'proposed';
		else if (r < 0.08) d.status = 'rejected';
		else if (r < 0.14) d.status = 'deprecated';
	}
	for (const d of decisions) for (const slug of d.experiments) experiments.find((e) => e.slug === slug)!.decisions.push(d.id);

	// Runs and digests --------------------------------------------------------------------------
	const runsTotal = Math.round(runsPerYear * years);
	const runsByMonth: RunRec[][] = Array.from({ length: monthCount }, () => []);
	const digestLessons: { id: string; month: number }[] = [];
	let runCounter = 0;
	const gitCommits = Array.from({ length: 64 }, () => rng.hex(40));
	for (let m = 0; m < monthCount; m++) {
		const target = Math.round(((m + 1) * runsTotal) / monthCount) - Math.round((m * runsTotal) / monthCount);
		const active = experiments.filter((e) => e.status !== 'planned' && e.startMonth <= m && e.endMonth >= m);
		const runs: unknown[] = [];
		const lessons: unknown[] = [];
		const sources = new Map<string, number>();
		const startedList: string[] = [];
		for (let k = 0; k < target; k++) startedList.push(`${dayIn(m, rng.int(1, 28))}T${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}.000Z`);
		startedList.sort();
		for (let k = 0; k < target; k++) {
			runCounter++;
			const exp = active.length > 0 && rng.chance(0.92) ? rng.pick(active) : null;
			const source = rng.pick(SOURCES);
			const nativeId = source === 'manifest' ? `${exp?.slug ?? 'adhoc'}-${monthName(m)}-${runCounter}` : rng.hex(32);
			const id = `${source === 'manifest' ? 'manifest' : 'mlflow'}:${nativeId}`;
			const name = `${exp?.slug ?? 'adhoc'}-r${runCounter}`;
			const metricKeys = exp ? exp.metrics : ['train/loss', 'val/loss'];
			const steps = rng.pick([10, 20, 30, 40]);
			const failed = rng.chance(0.05);
			const count = failed ? rng.int(2, steps - 1) : steps;
			const metrics: Record<string, unknown> = {};
			for (const key of ['train/loss', ...metricKeys.filter((x) => x !== 'train/loss')]) {
				const max = /acc|f1|auroc|precision|recall/.test(key);
				const start = max ? 0.4 + rng.next() * 0.2 : 0.8 + rng.next() * 0.6;
				const end = max ? 0.85 + rng.next() * 0.12 : 0.18 + rng.next() * 0.15;
				const series: [number, number][] = [];
				for (let s = 0; s < count; s++) {
					const t = s / Math.max(1, steps - 1);
					series.push([s, rng.round(start + (end - start) * (1 - Math.exp(-4 * t)) + (rng.next() - 0.5) * 0.01)]);
				}
				const values = series.map(([, v]) => v);
				const best = max ? Math.max(...values) : Math.min(...values);
				metrics[key] = {
					final: values[values.length - 1]!,
					best,
					bestStep: values.indexOf(best),
					direction: max ? 'max' : 'min',
					min: Math.min(...values),
					max: Math.max(...values),
					count,
					nanCount: 0,
					lastStep: count - 1,
					series,
				};
			}
			const params: Record<string, string | number> = { 'model.arch': rng.pick(ARCHS), 'train.seed': rng.int(0, 4) };
			for (const key of exp?.params ?? []) params[key] = rng.pick(['0.0003', '0.001', '500', '0.2', 'per-channel', 'holdout-v2', '64', 'true']);
			const startedAt = startedList[k]!;
			const durationMs = rng.int(600, 36000) * 1000;
			const user = rng.pick(activeAt(m).length > 0 ? activeAt(m) : people).alias;
			const note = rng.chance(0.02) ? `Lesson: ${rng.pick(FILLER)}` : null;
			const run = {
				id,
				source,
				nativeId,
				name,
				experiment: exp?.slug ?? 'adhoc',
				experimentId: source === 'manifest' ? null : String(100000 + (exp ? experiments.indexOf(exp) : 0)),
				status: failed ? 'failed' : 'finished',
				statusRaw: failed ? 'FAILED' : 'FINISHED',
				startedAt,
				endedAt: new Date(Date.parse(startedAt) + durationMs).toISOString(),
				durationMs,
				user,
				git: { commit: rng.pick(gitCommits), branch: 'main', repoUrl: 'git@git.northwind.example:lumen/wafer-defects.git' },
				params,
				metrics,
				tags: exp ? { study: exp.topic } : {},
				notes: note,
				deleted: false,
				parentId: null,
				warnings: [],
			};
			runs.push(run);
			sources.set(source, (sources.get(source) ?? 0) + 1);
			if (note) {
				const lid = `run-lesson-${rng.hex(12)}`;
				lessons.push({ id: lid, text: note.slice('Lesson: '.length), runId: id, experiment: run.experiment, origin: 'run-note' });
				digestLessons.push({ id: lid, month: m });
			}
			const rec: RunRec = { id, name, month: m, experiment: exp?.slug ?? null, metrics: Object.keys(metrics) };
			runsByMonth[m]!.push(rec);
			exp?.runs.push(rec);
		}
		const sourcePath = { 'mlflow-sqlite': 'stores/mlflow.db', 'mlflow-fs': 'stores/mlruns', manifest: 'stores/manifests' } as Record<string, string>;
		const digest = {
			schemaVersion: 1,
			month: monthName(m),
			sources: [...sources.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kind, count]) => ({ kind, path: sourcePath[kind]!, runs: count })),
			runs,
			lessons,
		};
		put(`runs/${monthName(m)}.json`, `${JSON.stringify(digest)}\n`);
	}

	// Lessons (ids first, so bodies can refer to any earlier one) ---------------------------------------
	let lessonCounter = 0;
	const lessonIds: string[] = [];
	const newLesson = (topic: string) => {
		lessonCounter++;
		const id = `${topic}-${rng.pick(['check-first', 'pin-it', 'write-it-down', 'compare-like-with-like', 'rerun-the-baseline', 'ask-early', 'measure-twice'])}-${lessonCounter}`;
		lessonIds.push(id);
		return { id };
	};
	for (const e of experiments)
		if (e.status === 'concluded' || e.status === 'abandoned') for (let i = 0, n = rng.int(1, 2); i < n; i++) e.lessons.push(newLesson(e.topic));
	const retroLessons: LessonRec[][] = Array.from({ length: monthCount }, () => Array.from({ length: rng.int(2, 4) }, () => newLesson(rng.pick(TOPICS))));

	// Prose helpers ------------------------------------------------------------------------
	const code = (s: string) => `\`${s}\``;
	const num = (lo: number, hi: number, d = 3) => (lo + rng.next() * (hi - lo)).toFixed(d);
	const personName = (id: string) => people.find((p) => p.id === id)!.name.split(' ')[0]!;
	const decisionsBy = (m: number) => decisions.filter((d) => d.month === monthName(m));
	const earlierDecision = (date: string) => {
		const earlier = decisions.filter((d) => d.date <= date);
		return earlier.length > 0 ? rng.pick(earlier) : null;
	};
	const sentence = (ctx: { config: readonly string[]; metrics: readonly string[]; code: readonly string[]; date: string; exp?: string | undefined }) => {
		const c = rng.pick(ctx.config);
		const mk = rng.pick(ctx.metrics);
		const path = rng.pick(ctx.code);
		const d = earlierDecision(ctx.date);
		const forms = [
			() =>
				`Setting ${code(c)} to ${rng.pick(['3e-4', '1e-3', '500', '0.2', '64', 'per-channel', 'holdout-v2', 'true'])} ${rng.pick(VERBS)} ${code(mk)} from ${num(0.2, 0.3)} to ${num(0.2, 0.3)} on the ${rng.pick(ARCHS)} runs.`,
			() => `The change lives in ${code(path)}, next to the code that reads ${code(c)}, so that nobody has to look for it.`,
			() => `${d ? `Since ${d.id}, ` : ''}${code(mk)} is logged at every epoch, and the charts mark the date where its meaning changed.`,
			() => `We measured ${code(mk)} over ${rng.int(3, 12)} seeds; the spread was ${num(0.001, 0.01, 4)}, well below the effect.`,
			() => `${code(path)} now refuses a configuration where ${code(c)} is missing instead of falling back to a default.`,
			() => `${rng.pick(FILLER)}`,
			() => `${rng.pick(FILLER)} ${rng.pick(FILLER)}`,
			() => (ctx.exp ? `The runs of exp:${ctx.exp} show the same pattern in ${code(mk)}.` : `The same pattern shows in ${code(mk)} on the holdout lots.`),
		];
		return rng.pick(forms)();
	};
	const paragraph = (ctx: Parameters<typeof sentence>[0], n: number) => Array.from({ length: n }, () => sentence(ctx)).join(' ');
	const table = (metrics: readonly string[], config: string, rows: number) => {
		const head = `| ${code(config)} | runs | ${metrics.map(code).join(' | ')} |`;
		const sep = `|---|---|${metrics.map(() => '---').join('|')}|`;
		const body = Array.from(
			{ length: rows },
			() =>
				`| ${rng.pick(['1e-4', '3e-4', '1e-3', '0', '250', '500', '0.2', '0.4', 'global', 'per-channel'])} | ${rng.int(3, 12)} | ${metrics.map((k) => (/acc|f1|auroc/.test(k) ? num(0.85, 0.97) : num(0.18, 0.32))).join(' | ')} |`
		);
		return [head, sep, ...body].join('\n');
	};
	const fold = (text: string) => {
		// A folded YAML block, wrapped at about 100 characters.
		const words = text.split(' ');
		const lines: string[] = [];
		let line = '';
		for (const w of words) {
			if (line.length + w.length + 1 > 96 && line) {
				lines.push(line);
				line = w;
			} else line = line ? `${line} ${w}` : w;
		}
		if (line) lines.push(line);
		return lines;
	};
	const block = (indent: string, key: string, text: string) => [`${indent}${key}: >-`, ...fold(text).map((l) => `${indent}  ${l}`)];
	const clip = (text: string, max = 380) => (text.length <= max ? text : `${text.slice(0, text.lastIndexOf(' ', max - 1))}.`);
	const component = (text: string) => {
		if (!useComponents) return [];
		componentUses++;
		return [text, ''];
	};
	const lessonYaml = (l: LessonRec, ctx: Parameters<typeof sentence>[0], related: string[]) => [
		`  - id: ${l.id}`,
		`    title: ${rng.pick(['Check', 'Pin', 'Record', 'Compare', 'Re-run', 'Review'])} ${code(rng.pick(ctx.config))} before trusting a change in ${rng.pick(ctx.metrics)}.`.replace(
			/`/g,
			''
		),
		...block('    ', 'detail', paragraph(ctx, 2)),
		`    tags: [${rng.sample(TAGS, rng.int(1, 3)).join(', ')}]`,
		`    related: [${related.map((r) => (r.startsWith('@') ? `"${r}"` : r)).join(', ')}]`,
	];

	// Decision files -------------------------------------------------------------------------
	for (const d of decisions) {
		const ctx = { config: d.config, metrics: d.metrics, code: d.code, date: d.date, exp: d.experiments[0] };
		const deciderNames = d.deciders.map(personName).join(' and ');
		const fm = [
			'---',
			`id: ${d.id}`,
			`title: ${d.title}`,
			`date: "${d.date}"`,
			`status: ${d.status}`,
			...block(
				'',
				'summary',
				clip(
					`${code(d.code[0]!)} ${rng.pick(['changed', 'now pins', 'stops reading', 'computes'])} ${code(d.config[0]!)}; ${code(d.metrics[0]!)} ${rng.pick(['before and after is not comparable', 'moves by a small, stable amount', 'is unaffected'])}. ${paragraph(ctx, 1).replace(/exp:[a-z0-9-]+/g, 'the experiment')}`
				)
			),
			...(d.supersedes.length ? [`supersedes: [${d.supersedes.join(', ')}]`] : []),
			`deciders: [${d.deciders.join(', ')}]`,
			...(d.consulted.length ? [`consulted: [${d.consulted.join(', ')}]`] : []),
			`impact: [${rng.sample(IMPACTS, rng.int(1, 2)).join(', ')}]`,
			...(rng.chance(0.2) ? ['breaksComparability: true'] : []),
			'affects:',
			`  code: [${d.code.join(', ')}]`,
			`  config: [${d.config.join(', ')}]`,
			`  metrics: [${d.metrics.join(', ')}]`,
			...(d.experiments.length ? [`  experiments: [${d.experiments.join(', ')}]`] : []),
			`commits: [${Array.from({ length: rng.int(1, 2) }, () => `"${rng.hex(rng.pick([8, 10, 40]))}"`).join(', ')}]`,
			`tags: [${rng.sample(TAGS, rng.int(1, 4)).join(', ')}]`,
			`visibility: ${rng.pick(['public', 'internal', 'internal', 'restricted'])}`,
			'---',
			'',
		];
		const exp = d.experiments[0] ? experiments.find((e) => e.slug === d.experiments[0]) : undefined;
		const expRun = exp?.runs[0];
		const body = [
			'## Context',
			'',
			`${paragraph(ctx, rng.int(3, 5))} ${d.consulted.length ? `@${d.consulted[0]} raised the question first.` : ''}`.trim(),
			'',
			rng.chance(0.5) ? table(d.metrics.slice(0, 2), d.config[0]!, rng.int(2, 4)) : paragraph(ctx, 2),
			'',
			...(expRun
				? component(`The deciding run reached <MetricValue run="${expRun.id}" metric="${expRun.metrics[1] ?? expRun.metrics[0]}" /> before the change.`)
				: []),
			'## Decision',
			'',
			...d.config.map(
				(c) => `- ${code(c)} ${rng.pick(['is set in', 'moves to', 'is read only by', 'is validated in'])} ${code(rng.pick(d.code))}; ${sentence(ctx)}`
			),
			`- ${deciderNames} own the change.`,
			'',
			'## Consequences',
			'',
			...Array.from({ length: rng.int(2, 4) }, () => `- ${sentence(ctx)}`),
			'',
			...(d.supersedes.length ? [`This record replaces ${d.supersedes.join(' and ')}.`, '', ...component(`<DecisionRef id="${d.supersedes[0]}" />`)] : []),
			'## Alternatives considered',
			'',
			`- **${rng.pick(['Keep the old default', 'Correct old values by a constant', 'Make it a per-run flag', 'Wait for more seeds'])}.** ${paragraph(ctx, 2)}`,
			`- **${rng.pick(['Do it in the loader', 'Move it to the config', 'Drop the metric'])}.** ${paragraph(ctx, 1)}`,
			'',
			...(d.status === 'deprecated' ? ['## Deprecation', '', `No longer in force from ${d.month}: ${rng.pick(FILLER)}`, ''] : []),
			...(d.status === 'superseded' ? ['## Status', '', `Superseded; see the records that replace it. ${rng.pick(FILLER)}`, ''] : []),
		];
		put(`decisions/${pad(d.n, 4)}-${d.slug}.mdx`, `${fm.join('\n')}${body.join('\n').replace(/\n{3,}/g, '\n\n')}`);
	}

	// Experiment files -----------------------------------------------------------------------
	for (const e of experiments) {
		const ctx = { config: e.params, metrics: e.metrics, code: rng.sample(CODE_PATHS, 3), date: e.started };
		const related = () => [...e.decisions.slice(0, 1), `@${e.owners[0]}`];
		const fm = [
			'---',
			`title: ${e.title}`,
			...block(
				'',
				'hypothesis',
				`Changing ${code(e.params[0]!)} for ${e.topic.replace(/-/g, ' ')} lowers ${code(e.metrics[0]!)} by at least ${num(0.005, 0.02)} without hurting ${code(e.metrics[1]!)}.`
			),
			`status: ${e.status}`,
			...(e.outcome ? [`outcome: ${e.outcome}`] : []),
			...block('', 'summary', clip(`${e.status === 'planned' ? 'Planned' : 'Tested'} ${code(e.params[0]!)} over ${e.runs.length} runs. ${paragraph(ctx, 1)}`)),
			`owners: [${e.owners.join(', ')}]`,
			`started: "${e.started}"`,
			...(e.ended ? [`ended: "${e.ended}"`] : []),
			'runs:',
			`  experiments: [${e.slug}]`,
			'metrics:',
			...e.metrics.flatMap((k) => [`  - key: ${k}`, `    direction: ${/acc|f1|auroc|precision|recall|throughput/.test(k) ? 'max' : 'min'}`]),
			...(e.decisions.length ? [`decisions: [${e.decisions.join(', ')}]`] : []),
			...(e.lessons.length ? ['lessons:', ...e.lessons.flatMap((l) => lessonYaml(l, ctx, related()))] : []),
			`tags: [${rng.sample(TAGS, rng.int(1, 3)).join(', ')}]`,
			`visibility: ${rng.pick(['public', 'internal', 'internal', 'restricted'])}`,
			'---',
			'',
		];
		const run = e.runs[0];
		const body = [
			'## Setup',
			'',
			`- Backbones (${code('model.arch')}): ${rng.sample(ARCHS, 2).map(code).join(' and ')}, ${rng.int(10, 40)} epochs.`,
			...e.params.map((p) => `- ${code(p)} in ${rng.sample(['1e-4', '3e-4', '1e-3', '0', '250', '500', '0.2', '0.4', 'true', 'false'], 3).join(', ')}.`),
			`- Data: the lot split of ${code('data/manifests/train.csv')}; ${rng.pick(FILLER)}`,
			'',
			paragraph(ctx, rng.int(2, 4)),
			'',
			'## Results',
			'',
			table(e.metrics.slice(0, 3), e.params[0]!, rng.int(3, 6)),
			'',
			paragraph(ctx, rng.int(2, 3)),
			'',
			...(run ? component(`<RunTable experiment="${e.slug}" />`) : []),
			...(run && rng.chance(0.5) ? component(`<MetricChart experiment="${e.slug}" metric="val/loss" />`) : []),
			...(run ? component(`The first run logged <MetricValue run="${run.id}" metric="val/acc" /> at the end.`) : []),
			'## What we concluded',
			'',
			`${paragraph(ctx, rng.int(2, 4))}${e.decisions.length ? ` This led to ${e.decisions.slice(0, 2).join(' and ')}.` : ''}`,
			'',
			...(e.lessons[0] ? component(`<Lesson id="${e.lessons[0].id}" />`) : []),
		];
		put(`experiments/${e.slug}.mdx`, `${fm.join('\n')}${body.join('\n').replace(/\n{3,}/g, '\n\n')}`);
	}

	// Retro files --------------------------------------------------------------------------
	for (let m = 0; m < monthCount; m++) {
		const month = monthName(m);
		const ds = decisionsBy(m);
		const active = experiments.filter((e) => e.startMonth <= m && e.endMonth >= m);
		const authors = team(m, Math.min(activeAt(m).length || people.length, rng.int(4, 9)));
		const allConfig = [...new Set([...ds.flatMap((d) => d.config), ...active.flatMap((e) => e.params)])];
		const ctx = {
			config: allConfig.length ? allConfig : CONFIG_KEYS,
			metrics: [...new Set([...ds.flatMap((d) => d.metrics), 'val/loss'])],
			code: [...new Set([...ds.flatMap((d) => d.code), 'src/train/loop.py'])],
			date: dayIn(m, 28),
			exp: active[0]?.slug,
		};
		const refs = (n: number) => rng.sample([...ds.map((d) => d.id), ...active.map((e) => `exp:${e.slug}`)], n);
		const fm = [
			'---',
			`month: "${month}"`,
			`title: "${monthTitle(m)}: ${rng.pick(['a sweep', 'a leak', 'a new split', 'a slow month', 'a review', 'a migration', 'the holdout'])}, ${rng.pick(['and a lesson', 'and two records', 'and a fix', 'and a rerun', 'and a default'])}"`,
			`authors: [${authors.join(', ')}]`,
			...block(
				'',
				'summary',
				clip(
					`${ds.length} decisions (${
						ds
							.slice(0, 3)
							.map((d) => d.id)
							.join(', ') || 'none'
					}) and ${active.length} experiments. ${paragraph(ctx, 1).replace(/exp:[a-z0-9-]+/g, 'the sweep')}`
				)
			),
			'lessons:',
			...retroLessons[m]!.flatMap((l) => lessonYaml(l, ctx, [...refs(2), `@${authors[0]}`])),
			'exchanges:',
			...Array.from({ length: rng.int(2, 4) }, () => [
				`  - with: [${rng.sample(authors, rng.int(2, 3)).join(', ')}]`,
				`    topic: ${rng.pick(['Review of', 'Pairing on', 'Reading group on', 'Discussion of'])} ${rng.pick(ctx.config)}`,
				...block('    ', 'outcome', paragraph(ctx, 1)),
				`    kind: ${rng.pick(['review', 'discussion', 'reading-group', 'pairing', 'talk', 'email'])}`,
				`    date: "${dayIn(m, rng.int(1, 28))}"`,
				`    related: [${refs(2).join(', ')}]`,
			]).flat(),
			'rejectedIdeas:',
			...Array.from({ length: rng.int(1, 2) }, () => [
				`  - idea: ${rng.pick(['Correct old values by a fixed offset', 'Keep both code paths behind a flag', 'Skip the rerun and quote old numbers', 'Tune on the holdout split'])}.`,
				...block('    ', 'reason', paragraph(ctx, 1)),
				`    related: [${refs(1).join(', ')}]`,
			]).flat(),
			...(active.length
				? [
						`experiments: [${active
							.slice(0, 6)
							.map((e) => e.slug)
							.join(', ')}]`,
					]
				: []),
			`tags: [${rng.sample(TAGS, rng.int(2, 4)).join(', ')}]`,
			`visibility: ${rng.pick(['public', 'internal', 'internal'])}`,
			'---',
			'',
		].map((l) => l.replace(/related: \[\]/, 'related: []'));
		const runs = runsByMonth[m]!;
		const run = runs.find((r) => r.experiment && r.metrics.includes('val/loss'));
		const previousLesson = m > 0 ? rng.pick(retroLessons[m - 1]!) : undefined;
		const body = [
			'## What happened',
			'',
			...ds
				.slice(0, 5)
				.map(
					(d) =>
						`**${d.title}.** ${d.id} ${rng.pick(['was recorded on', 'was agreed on', 'settled the question on'])} ${d.date}. ${paragraph({ ...ctx, config: d.config, metrics: d.metrics, code: d.code }, rng.int(2, 4))}\n`
				),
			...active.slice(0, 3).map((e) => `**exp:${e.slug}.** ${paragraph({ ...ctx, exp: e.slug, config: e.params }, rng.int(2, 3))}\n`),
			table(ctx.metrics.slice(0, 2), rng.pick(ctx.config), rng.int(3, 5)),
			'',
			...(run ? component(`The best run of the month reached <MetricValue run="${run.id}" metric="val/loss" />.`) : []),
			`We ran ${runs.length} runs this month, ${runs.filter((r) => r.experiment).length} of them inside an experiment.`,
			'',
			'## What we learned',
			'',
			...retroLessons[m]!.map(
				(l) =>
					`### ${l.id
						.split('-')
						.slice(0, -1)
						.join(' ')
						.replace(/^./, (c) => c.toUpperCase())}\n\n${paragraph(ctx, rng.int(3, 5))}\n`
			),
			...(previousLesson ? component(`<Lesson id="${previousLesson.id}" />`) : []),
			'## Who did what',
			'',
			'| person | this month |',
			'|---|---|',
			...authors.map(
				(a) =>
					`| ${personName(a)} | ${rng.pick(['reviewed', 'ran', 'wrote up', 'paired on', 'fixed'])} ${code(rng.pick(ctx.config))}${ds.length ? `; ${rng.pick(ds).id}` : ''} |`
			),
			'',
			'## Next month',
			'',
			...Array.from({ length: rng.int(2, 4) }, () => `- ${sentence(ctx)}`),
			'',
		];
		put(`retros/${month}.mdx`, `${fm.join('\n')}${body.join('\n').replace(/\n{3,}/g, '\n\n')}`);
	}

	put(
		'hindsight.yaml',
		['title: Lumen benchmark archive', `description: ${years} years of a busy team, generated with seed ${seed}.`, 'team: Lumen', 'holidays: []', ''].join('\n')
	);

	// Write ------------------------------------------------------------------------------------
	await rm(options.outDir, { recursive: true, force: true });
	for (const dir of ['people', 'decisions', 'experiments', 'retros', 'runs']) await mkdir(join(options.outDir, dir), { recursive: true });
	let bytes = 0;
	const entries = [...files.entries()];
	for (let i = 0; i < entries.length; i += 64) {
		await Promise.all(
			entries.slice(i, i + 64).map(([path, text]) => {
				bytes += Buffer.byteLength(text);
				return writeFile(join(options.outDir, path), text);
			})
		);
	}
	// As `npm run ingest` does beside the digests it writes.
	await updateRunIndex(join(options.outDir, 'runs'), 'all');
	return {
		outDir: options.outDir,
		files: files.size,
		bytes,
		retros: monthCount,
		decisions: decisions.length,
		superseded: decisions.filter((d) => d.status === 'superseded').length,
		experiments: experiments.length,
		people: people.length,
		runs: runCounter,
		lessons: lessonIds.length + digestLessons.length,
		componentUses,
	};
}
