// The W&B adapter against the real run folders in ../shared/fixtures/real/ (read in place, never copied).
// Expected values come from tests/real/expected-wandb.ts, which does not use src/ingest/, and from the
// facts the fixtures' README states.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedWandbRuns } from './expected-wandb.ts';
import { ingestRealStore, REAL, REPO, snapshotStore } from './real-store.ts';
import { expectStableReingest } from './stable-reingest.ts';

interface WandbCase {
	name: string;
	path: string;
	/** Facts from the fixtures' README, as a second, independent check. */
	runs: number;
	/** W&B's state by exit code; `none` for a log with no exit record. */
	states: Record<string, number>;
	historyRows: number;
}

const STORES: WandbCase[] = [
	{ name: 'ADL-Group-10__lab0', path: 'ADL-Group-10__lab0/wandb', runs: 4, states: { finished: 4 }, historyRows: 40 },
	{ name: '0pk0__rl4avs', path: '0pk0__rl4avs/wandb', runs: 5, states: { finished: 2, failed: 1, none: 2 }, historyRows: 9 },
	{ name: 'AI-ModCon__BaseSIM_APEIRON', path: 'AI-ModCon__BaseSIM_APEIRON/wandb', runs: 2, states: { failed: 2 }, historyRows: 900 },
	{ name: 'Choo-Wooo__FederatedLearning', path: 'Choo-Wooo__FederatedLearning/Week1/wandb', runs: 7, states: { failed: 6, finished: 1 }, historyRows: 23 },
	{ name: 'KyleGoyette__launch_test', path: 'KyleGoyette__launch_test/wandb', runs: 1, states: { failed: 1 }, historyRows: 0 },
];

function sameNumber(actual: number | string | null, expected: number): boolean {
	if (Number.isNaN(expected)) return actual === 'NaN';
	if (!Number.isFinite(expected)) return actual === (expected > 0 ? 'Infinity' : '-Infinity');
	return actual === expected;
}

/** A param as a digest holds it: lists and empty mappings as JSON text. */
function asParam(value: unknown): unknown {
	return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}

describe.runIf(existsSync(REAL))('real W&B run folders', () => {
	it.each(STORES.map((s) => [s.name, s] as const))(
		"%s: every run with its status, times, config, and each metric's point count and final value",
		async (_, store) => {
			const path = join(REAL, store.path);
			const before = snapshotStore(path);
			const { runs, report } = await ingestRealStore(path);
			expect(report.bad).toEqual([]);
			const expected = expectedWandbRuns(path);
			// README facts and the independent reader agree with each other
			expect(expected).toHaveLength(store.runs);
			const states: Record<string, number> = {};
			for (const e of expected) states[e.state ?? 'none'] = (states[e.state ?? 'none'] ?? 0) + 1;
			expect(states).toEqual(store.states);
			expect(expected.reduce((n, e) => n + e.historyRows, 0)).toBe(store.historyRows);
			expect(expected.every((e) => e.badChunks === 0)).toBe(true);
			// …and ingest agrees with both
			expect(runs).toHaveLength(store.runs);
			const byId = new Map(runs.map((r) => [r.nativeId, r]));
			let points = 0;
			for (const e of expected) {
				const run = byId.get(e.runId)!;
				expect(run, e.runId).toBeDefined();
				expect(run.source).toBe('wandb');
				expect(run.experiment).toBe(e.project);
				// A run with no exit record whose last sign of life is long past is reported as crashed
				expect(run.status).toBe(e.state ?? 'crashed');
				expect(run.statusRaw).toBe(e.exitCode === null ? null : `exit code ${e.exitCode}`);
				expect(run.startedAt).toBe(e.startedAt);
				expect(run.endedAt).toBe(e.endedAt);
				expect(run.params).toEqual(Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, asParam(v)])));
				expect(Object.keys(run.metrics).sort(), e.runId).toEqual(Object.keys(e.metrics).sort());
				for (const [key, { count, final }] of Object.entries(e.metrics)) {
					const metric = run.metrics[key]!;
					expect(metric.count, `${e.runId} ${key}`).toBe(count);
					expect(sameNumber(metric.final, final), `${e.runId} ${key}: ${metric.final} vs ${final}`).toBe(true);
					points += count;
				}
			}
			if (store.historyRows > 0) expect(points).toBeGreaterThan(0);
			// Read in place, nothing changed or added
			expect(snapshotStore(path)).toBe(before);
		}
	);

	it('ADL-Group-10: online runs take their user, git and config from the log and run files', async () => {
		const { runs } = await ingestRealStore(join(REAL, 'ADL-Group-10__lab0/wandb'));
		const run = runs.find((r) => r.nativeId === 'bhjzube1')!;
		expect(run).toMatchObject({
			name: 'cnn_mnist_to_svhn',
			user: 'dhashr-3@student.ltu.se',
			durationMs: 99_000,
			git: { commit: 'fbdfe256928d01f63502619c903862c8cfe80486', branch: null, repoUrl: 'https://github.com/ADL-Group-10/lab0.git' },
			params: {
				architecture: 'CNN',
				epochs: 10,
				frozen_layers: 'conv_block',
				learning_rate: 0.001,
				mode: 'transfer_learning',
				optimizer: 'Adam',
				source_dataset: 'MNIST',
				target_dataset: 'SVHN',
				trainable_layers: 'fc_block',
			},
		});
		// Read off files/wandb-summary.json by hand
		expect(run.metrics['training_loss']).toMatchObject({ final: 0.3918178763712337, count: 10, lastStep: 9, direction: 'min' });
		expect(run.metrics['training_accuracy']).toMatchObject({ final: 87.63940647310154, direction: 'max' });
	});

	it('0pk0: offline runs cut off at a block boundary keep their records and carry a warning', async () => {
		const { runs } = await ingestRealStore(join(REAL, '0pk0__rl4avs/wandb'));
		const cut = runs
			.filter((r) => r.statusRaw === null)
			.map((r) => r.nativeId)
			.sort();
		expect(cut).toEqual(['0t11yvt5', 'fu2alym7']);
		for (const r of runs.filter((x) => x.statusRaw === null)) {
			expect(r.warnings).toContain(
				`run-${r.nativeId}.wandb: log ends inside a record (a FIRST chunk with no LAST; the run was cut off while writing); that record was dropped (at byte ${r.nativeId === 'fu2alym7' ? 32391 : 32557})`
			);
			expect(r.tags).toEqual({ group: 'A2C' });
		}
		const comparison = runs.find((r) => r.nativeId === '01tt2qoy')!;
		expect(comparison.experiment).toBe('rl4avs_model_comparison');
		expect(Object.keys(comparison.metrics).filter((k) => k.startsWith('PPO/'))).toHaveLength(8);
	});

	it('AI-ModCon: nested_key history items, a first row with no step number, 600 and 300 rows', async () => {
		const { runs } = await ingestRealStore(join(REAL, 'AI-ModCon__BaseSIM_APEIRON/wandb'));
		const byId = new Map(runs.map((r) => [r.nativeId, r]));
		expect(byId.get('y7wffy2s')!.metrics['hist_train/total_loss']).toMatchObject({ lastStep: 599 });
		expect(byId.get('rn7ku8ba')!.metrics['train/total_loss']).toMatchObject({ count: 300, lastStep: 299 });
		expect(byId.get('y7wffy2s')!.metrics['train/total_loss']!.series[0]![0]).toBe(0);
		expect(Object.keys(byId.get('y7wffy2s')!.metrics)).toHaveLength(18);
		expect(Object.keys(byId.get('rn7ku8ba')!.metrics)).toHaveLength(12);
		expect(byId.get('y7wffy2s')!.params['train.init_lr']).toBe(0.001);
	});

	it('Choo-Wooo: folders of a repeated init() are skipped with one store warning; the Windows user comes from the metadata', async () => {
		const { runs, report } = await ingestRealStore(join(REAL, 'Choo-Wooo__FederatedLearning/Week1/wandb'));
		const skipped = report.warnings.filter((w) => w.text.includes('hold neither a run-<id>.wandb log nor run files'));
		expect(skipped).toHaveLength(1);
		expect(skipped[0]!.text).toMatch(/^16 run folder\(s\) /);
		expect(runs.every((r) => r.user === 'Choo' && Object.keys(r.params).length === 0)).toBe(true);
		expect(runs.find((r) => r.nativeId === '1jlnpg52')).toMatchObject({ status: 'finished', statusRaw: 'exit code 0' });
		expect(runs.find((r) => r.nativeId === '39c91f0g')!.metrics['train_accuracy']!.final).toBe(1.981411099433899); // as files/wandb-summary.json says
	});

	it('KyleGoyette: the legacy {desc, value} config, a job type as a tag, no metrics', async () => {
		const { runs } = await ingestRealStore(join(REAL, 'KyleGoyette__launch_test/wandb'));
		expect(runs).toHaveLength(1);
		expect(runs[0]).toMatchObject({
			experiment: 'launch-arti-demo-tests',
			user: 'kyle',
			tags: { job_type: 'train' },
			metrics: {},
			durationMs: 2000,
			git: { commit: 'ad3311550bf1ddf6097b9a17f9a73e3d2b67933b', branch: null, repoUrl: 'git@github.com:KyleGoyette/launch_test.git' },
			params: { architecture: 'CNN', batch_size: 128, dropout: 0.2, epochs: 15, learning_rate: 0.1, momentum: 0.1, seed: 10 },
		});
	});

	it('all W&B stores at once: a second ingest reads no log and leaves every digest byte-identical', async () => {
		await expectStableReingest(
			STORES.map((s) => join(REAL, s.path)),
			REPO
		);
	});
});
