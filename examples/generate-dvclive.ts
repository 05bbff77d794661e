// Writes examples/dvclive/label-noise-audit/: the DVC project in which Chen versioned the label-noise
// flagger in November 2026, so that `data/audit/flagged_labels.csv` is committed with the code and data
// that made it (DR-0016). Two DVCLive folders, `Live(dir=...)`, one per flagging pass: before and after
// metrology's first 700 re-labelled images. Laid out as DVC 3 and DVCLive 3 write them
// (run-formats.md §5): dvc.yaml, dvc.lock, params.yaml; in each folder params.yaml, metrics.json and
// plots/metrics/**/*.tsv with the timestamp column (`log_metric(..., timestamp=True)`), one step per
// cross-validation fold from 1. Seeded and clock-free: `node examples/generate-dvclive.ts`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../bench/seeded-random.ts';

// An optional argument writes elsewhere (the test that checks the committed store is reproducible)
const ROOT = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'dvclive', 'label-noise-audit');
const rand = mulberry32(20261104);
const round = (v: number) => Number(v.toFixed(4));
const md5 = () => Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');

function write(path: string, content: string): void {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, content);
}

const AUDIT = { method: 'confident-learning', folds: 5, model: 'resnet18', epochs_per_fold: 8 };

interface Pass {
	dir: string;
	start: string;
	labels: string;
	/** Per-fold validation accuracy around this value, and the estimated share of wrong labels. */
	valAcc: number;
	noiseRate: number;
}

const PASSES: Pass[] = [
	{ dir: 'flags-2026-11-04', start: '2026-11-04T13:10:00Z', labels: 'train-v7', valAcc: 0.9312, noiseRate: 0.041 },
	{ dir: 'flags-2026-11-23', start: '2026-11-23T09:40:00Z', labels: 'train-v7-relabel-700', valAcc: 0.9338, noiseRate: 0.039 },
];

rmSync(ROOT, { recursive: true, force: true });
write(join(ROOT, 'params.yaml'), `audit:\n${Object.entries(AUDIT).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`);
write(join(ROOT, 'dvc.yaml'), [
	'stages:', '  flag:', '    cmd: python src/audit/flag_labels.py', '    deps:', '    - data/train', '    - src/audit/flag_labels.py', '    params:', '    - audit',
	'    outs:', '    - data/audit/flagged_labels.csv', '    metrics:', ...PASSES.map((p) => `    - ${p.dir}/metrics.json:\n        cache: false`), '',
].join('\n'));
write(join(ROOT, 'dvc.lock'), [
	"schema: '2.0'", 'stages:', '  flag:', '    cmd: python src/audit/flag_labels.py', '    deps:',
	'    - path: data/train', '      hash: md5', `      md5: ${md5()}.dir`, '      size: 41873409', '      nfiles: 14218',
	'    - path: src/audit/flag_labels.py', '      hash: md5', `      md5: ${md5()}`, '      size: 6112',
	'    params:', '      params.yaml:', '        audit:', ...Object.entries(AUDIT).map(([k, v]) => `          ${k}: ${v}`),
	'    outs:', '    - path: data/audit/flagged_labels.csv', '      hash: md5', `      md5: ${md5()}`, '      size: 38214', '',
].join('\n'));

for (const pass of PASSES) {
	const live = join(ROOT, pass.dir);
	const startMs = Date.parse(pass.start);
	const rows: { ts: number; step: number; acc: number; flags: number }[] = [];
	for (let fold = 1; fold <= AUDIT.folds; fold++) {
		rows.push({ ts: startMs + fold * 47 * 60_000 + Math.floor(rand() * 90_000), step: fold, acc: round(pass.valAcc + (rand() - 0.5) * 0.006), flags: 100 + Math.floor(rand() * 40) });
	}
	write(join(live, 'params.yaml'), `labels: ${pass.labels}\nseed: 7\n`);
	write(join(live, 'plots', 'metrics', 'cv', 'val_acc.tsv'), ['timestamp\tstep\tval_acc', ...rows.map((r) => `${r.ts}\t${r.step}\t${r.acc}`)].join('\n') + '\n');
	write(join(live, 'plots', 'metrics', 'cv', 'flags.tsv'), ['timestamp\tstep\tflags', ...rows.map((r) => `${r.ts + 2}\t${r.step}\t${r.flags}`)].join('\n') + '\n');
	const last = rows[rows.length - 1]!;
	// `noise_rate` is logged once, with plot=False: it is in the summary only
	write(join(live, 'metrics.json'), JSON.stringify({ cv: { val_acc: last.acc, flags: last.flags }, noise_rate: pass.noiseRate, step: last.step }, null, 4));
}
