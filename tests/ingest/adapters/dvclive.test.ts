import { mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dvcliveAdapter } from '../../../src/ingest/adapters/dvclive.ts';
import { put, tempDir } from '../helpers/stores.ts';
import { readStore } from './read-store.ts';

const folder = { isFile: () => false, isDirectory: () => true };

/** A history file as DVCLive's `Metric.dump` writes it: a header, tab-separated rows, `os.linesep`. */
function tsv(name: string, rows: (number | string)[][], timestamps = false): string {
	const header = timestamps ? ['timestamp', 'step', name] : ['step', name];
	return `${[header, ...rows].map((r) => r.join('\t')).join('\n')}\n`;
}

describe('dvclive adapter', () => {
	it('claims a folder with plots/metrics/ under any name, a dvclive/ folder with a summary, not the project around it', async () => {
		const project = tempDir();
		put(join(project, 'dvc.yaml'), 'stages: {}\n');
		put(join(project, 'params.yaml'), 'lr: 0.1\n');
		put(join(project, 'dvclive', 'metrics.json'), '{"acc": 0.5, "step": 0}');
		put(join(project, 'results', 'plots', 'metrics', 'acc.tsv'), tsv('acc', [[0, 0.5]]));
		put(join(project, 'other', 'metrics.json'), '{}');
		expect(await dvcliveAdapter.detect(join(project, 'dvclive'), folder, false)).toBe(true);
		expect(await dvcliveAdapter.detect(join(project, 'results'), folder, false)).toBe(true);
		expect(await dvcliveAdapter.detect(join(project, 'other'), folder, true)).toBe(false);
		expect(await dvcliveAdapter.detect(project, folder, true)).toBe(false);
	});

	it('a folder without dvc.yaml: nested metric names, steps from 1 kept, the last row final, timestamps as times', async () => {
		const base = tempDir();
		const live = join(base, 'wafer-probe', 'dvclive');
		put(join(live, 'params.yaml'), 'optimizer:\n  lr: 0.001\n  betas: [0.9, 0.99]\nepochs: 3\n');
		put(
			join(live, 'plots', 'metrics', 'train', 'loss.tsv'),
			tsv(
				'train/loss',
				[
					[1767261600000, 1, 0.9],
					[1767261660000, 2, 'nan'],
					[1767261720000, 3, 0.4],
				],
				true
			)
		);
		put(
			join(live, 'plots', 'metrics', 'eval', 'acc.tsv'),
			tsv(
				'acc',
				[
					[1767261630000, 2, 0.7],
					[1767261700000, 1, 0.75],
				],
				true
			)
		);
		put(join(live, 'metrics.json'), JSON.stringify({ train: { loss: 0.4 }, eval: { acc: 0.75 }, test: { f1: 0.66 }, note: 'ok', step: 3 }));
		const { units, records } = await readStore(dvcliveAdapter, live);
		expect(units).toHaveLength(1);
		const [run] = records;
		expect(run).toMatchObject({
			id: 'dvclive:wafer-probe/dvclive',
			nativeId: 'wafer-probe/dvclive',
			name: 'wafer-probe',
			experiment: 'wafer-probe',
			source: 'dvclive',
			status: 'finished',
			statusRaw: null,
			startedAt: '2026-01-01T10:00:00.000Z',
			endedAt: '2026-01-01T10:02:00.000Z',
			git: null,
			tags: {},
			params: { 'optimizer.lr': 0.001, 'optimizer.betas': '[0.9,0.99]', epochs: 3 },
		});
		expect(run!.metrics['train/loss']).toEqual({
			steps: [1, 2, 3],
			values: [0.9, NaN, 0.4],
			timestamps: [1767261600000, 1767261660000, 1767261720000],
			finalRule: 'last-logged',
			final: null,
			direction: null,
		});
		// The last row, even where an earlier row has a higher step
		expect(run!.metrics['eval/acc']).toMatchObject({ steps: [2, 1], values: [0.7, 0.75], finalRule: 'last-logged' });
		// A summary value with no history (`plot=False`) is one point at the summary's step
		expect(run!.metrics['test/f1']).toMatchObject({ steps: [3], values: [0.66], timestamps: [null] });
		expect(run!.warnings).toEqual(['metrics.json: note: not a number ("ok"); left out']);
	});

	it("with no logged times the files' modification times are the run's, with a warning", async () => {
		const live = join(tempDir(), 'proj', 'dvclive');
		put(join(live, 'params.yaml'), 'lr: 1\n');
		put(
			join(live, 'plots', 'metrics', 'loss.tsv'),
			tsv('loss', [
				[0, 1],
				[1, 0.5],
			])
		);
		utimesSync(join(live, 'params.yaml'), new Date('2026-02-03T08:00:00Z'), new Date('2026-02-03T08:00:00Z'));
		utimesSync(join(live, 'plots', 'metrics', 'loss.tsv'), new Date('2026-02-03T09:30:00Z'), new Date('2026-02-03T09:30:00Z'));
		const [run] = (await readStore(dvcliveAdapter, live)).records;
		expect(run).toMatchObject({ startedAt: '2026-02-03T08:00:00.000Z', endedAt: '2026-02-03T09:30:00.000Z' });
		expect(run!.warnings).toEqual([expect.stringMatching(/^no logged times .*timestamp=True.*modification times/)]);
	});

	it('a dvc.yaml that names the same params file again and again reads it once, with no warning', async () => {
		const project = tempDir();
		const live = join(project, 'dvclive');
		put(join(project, 'dvc.yaml'), 'stages:\n  train:\n    cmd: python train.py\n');
		const repeated = [
			'params:',
			...Array(4).fill('- params.yaml'),
			'metrics:',
			...Array(4).fill('- metrics.json'),
			'plots:',
			...Array(4).fill('- plots/metrics:\n    x: step'),
		].join('\n');
		put(join(live, 'dvc.yaml'), `${repeated}\n`);
		put(join(live, 'params.yaml'), 'batch_size: 8\nfrozen: false\n');
		put(join(live, 'metrics.json'), '{"accuracy": 0.93, "step": 2}');
		put(
			join(live, 'plots', 'metrics', 'accuracy.tsv'),
			tsv('accuracy', [
				[0, 0.57],
				[1, 0.86],
				[2, 0.93],
			])
		);
		const [run] = (await readStore(dvcliveAdapter, live)).records;
		expect(run!.params).toEqual({ batch_size: 8, frozen: false });
		expect(run!.metrics['accuracy']!.values).toEqual([0.57, 0.86, 0.93]);
		expect(run!.warnings.filter((w) => !w.startsWith('no logged times'))).toEqual([]);
	});

	it("a DVC project: params.yaml, the files dvc.yaml names and dvc.lock, which wins; dvc.lock's hashes as tags", async () => {
		const project = join(tempDir(), 'defect-cnn');
		const live = join(project, 'dvclive');
		put(join(project, 'params.yaml'), 'train:\n  epochs: 12\nmodel:\n  conv_units: 32\n');
		put(
			join(project, 'dvc.yaml'),
			'params:\n- extra.json\n- ../outside.yaml\n- conf.toml\nstages:\n  train:\n    cmd: python3 src/train.py\n    params:\n    - params.yaml:\n    - train.epochs\n'
		);
		put(join(project, 'extra.json'), '{"aug": {"flip": true}}');
		put(join(project, 'conf.toml'), 'x = 1\n');
		put(
			join(project, 'dvc.lock'),
			[
				"schema: '2.0'",
				'stages:',
				'  train:',
				'    cmd: python3 src/train.py',
				'    deps:',
				'    - path: src',
				'      md5: 09abf.dir',
				'      size: 13802',
				'      nfiles: 4',
				'    params:',
				'      params.yaml:',
				'        train.epochs: 10',
				'        model:',
				'          conv_units: 32',
				'    outs:',
				'    - path: models',
				'      hash: md5',
				'      md5: 3489.dir',
				'',
			].join('\n')
		);
		put(
			join(live, 'plots', 'metrics', 'eval', 'acc.tsv'),
			tsv('eval/acc', [
				[0, 0.97],
				[1, 0.98],
			])
		);
		const [run] = (await readStore(dvcliveAdapter, live)).records;
		expect(run!.params).toEqual({ 'train.epochs': 10, 'model.conv_units': 32, 'aug.flip': true });
		expect(run!.tags).toEqual({ 'dvc.train.cmd': 'python3 src/train.py', 'dvc.train.deps.src': '09abf.dir', 'dvc.train.outs.models': '3489.dir' });
		expect(run!.warnings.filter((w) => !w.startsWith('no logged times'))).toEqual([
			expect.stringMatching(/outside\.yaml: named as a params file but outside .*defect-cnn; not read$/),
			expect.stringMatching(/conf\.toml: only YAML and JSON params files are read; not read$/),
			'param train.epochs: params.yaml has 12, dvc.lock has 10; dvc.lock is used',
		]);
	});

	it('a row cut off mid-write, a broken summary and a summary that disagrees with the history are warnings', async () => {
		const live = join(tempDir(), 'proj', 'dvclive');
		put(join(live, 'plots', 'metrics', 'loss.tsv'), 'step\tloss\n0\t0.9\n1\t0.8\n2\t');
		put(
			join(live, 'plots', 'metrics', 'acc.tsv'),
			tsv('acc', [
				[0, 0.5],
				[1, 0.6],
			])
		);
		put(join(live, 'plots', 'metrics', 'empty.tsv'), '');
		put(join(live, 'metrics.json'), '{"acc": 0.7, "loss": 0.8, "step": 1}');
		const [run] = (await readStore(dvcliveAdapter, live)).records;
		expect(run!.metrics['loss']!.values).toEqual([0.9, 0.8]);
		expect(run!.metrics['acc']!.values).toEqual([0.5, 0.6]);
		expect(run!.metrics['empty']).toBeUndefined();
		expect(run!.warnings.filter((w) => !w.startsWith('no logged times'))).toEqual([
			'plots/metrics/empty.tsv: empty file; metric left out',
			'plots/metrics/loss.tsv: 1 row(s) left out, the first at line 4 (expected 2 tab-separated numbers)',
			"metrics.json: acc is 0.7 but the last row of its history is 0.6; the history's last row is used",
		]);
		put(join(live, 'metrics.json'), '{"acc": 0.6, "lo');
		const [again] = (await readStore(dvcliveAdapter, live)).records;
		expect(again!.warnings).toContainEqual(expect.stringMatching(/dvclive\/metrics\.json: malformed JSON .*; not read$/));
	});

	it('experiments kept as git refs are named in a store warning: one run per DVCLive folder', async () => {
		const project = tempDir();
		put(join(project, 'dvc.yaml'), 'stages: {}\n');
		put(join(project, 'dvclive', 'metrics.json'), '{"acc": 0.5}');
		mkdirSync(join(project, '.git', 'refs', 'exps', 'a1'), { recursive: true });
		const listing = await dvcliveAdapter.list(join(project, 'dvclive'), { previous: () => undefined });
		expect(listing.units).toHaveLength(1);
		expect(listing.warnings).toEqual([expect.stringMatching(/DVC experiments kept as git refs \(refs\/exps\) are not read.*dvc exp apply/)]);
	});

	it("the fingerprint changes with a history row or the project's dvc.lock", async () => {
		const project = tempDir();
		const live = join(project, 'dvclive');
		put(join(project, 'dvc.lock'), "schema: '2.0'\nstages: {}\n");
		put(join(live, 'plots', 'metrics', 'loss.tsv'), tsv('loss', [[0, 1]]));
		const fingerprint = async () => (await dvcliveAdapter.list(live, { previous: () => undefined })).units[0]!.fingerprint;
		const first = await fingerprint();
		expect(await fingerprint()).toBe(first);
		put(
			join(live, 'plots', 'metrics', 'loss.tsv'),
			tsv('loss', [
				[0, 1],
				[1, 0.5],
			])
		);
		const second = await fingerprint();
		expect(second).not.toBe(first);
		put(join(project, 'dvc.lock'), "schema: '2.0'\nstages: {train: {cmd: x}}\n");
		expect(await fingerprint()).not.toBe(second);
	});
});
