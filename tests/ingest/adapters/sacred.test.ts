import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadRunError } from '../../../src/ingest/adapter.ts';
import { sacredAdapter } from '../../../src/ingest/adapters/sacred.ts';
import { ingest } from '../../../src/ingest/pipeline.ts';
import { digestSchema } from '../../../src/schemas/digest.ts';
import { put, tempDir, testOptions } from '../helpers/stores.ts';
import { readStore } from './read-store.ts';

const folder = { isFile: () => false, isDirectory: () => true };

interface SacredRun {
	run?: Record<string, unknown> | string;
	config?: Record<string, unknown> | string;
	metrics?: Record<string, unknown> | string;
}

function runJson(fields: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		artifacts: [],
		command: 'train',
		experiment: {
			base_dir: '/srv/lab',
			dependencies: ['sacred==0.8.4'],
			mainfile: 'train.py',
			name: 'wafer-sweep',
			repositories: [{ commit: 'abc123', dirty: true, url: 'git@example.org:lab/wafer.git' }],
			sources: [],
		},
		heartbeat: '2026-03-02T10:05:00.500000',
		host: { ENV: {}, cpu: 'x', hostname: 'gpu-03', os: ['Linux', 'Linux-6'], python_version: '3.11.4' },
		meta: { command: 'train', options: { '--comment': null }, named_configs: [], config_updates: {} },
		resources: [],
		result: null,
		start_time: '2026-03-02T10:00:00.250000',
		status: 'COMPLETED',
		stop_time: '2026-03-02T10:05:00.400000',
		...fields,
	};
}

/** Writes a Sacred store as FileStorageObserver does: sorted keys, two-space indent, Python's NaN token. */
function writeStore(root: string, runs: Record<string, SacredRun>): void {
	const dump = (value: Record<string, unknown> | string) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2).replace(/"__NaN__"/g, 'NaN'));
	put(join(root, '_sources', 'train_0a1b.py'), 'print("hi")\n');
	put(join(root, '_resources', 'labels_77.csv'), 'a,b\n');
	for (const [id, run] of Object.entries(runs)) {
		const dir = join(root, id);
		put(join(dir, 'run.json'), dump(run.run ?? runJson()));
		put(join(dir, 'config.json'), dump(run.config ?? { seed: 1 }));
		if (run.metrics !== undefined) put(join(dir, 'metrics.json'), dump(run.metrics));
		put(join(dir, 'cout.txt'), 'epoch 1\n');
	}
}

function series(values: unknown[], steps = values.map((_, i) => i), timestamps = values.map((_, i) => `2026-03-02T10:0${i % 10}:00.000000`)) {
	return { steps, timestamps, values };
}

describe('sacred adapter', () => {
	it('claims a FileStorageObserver folder, a run folder named directly, and nothing else', async () => {
		const root = join(tempDir(), 'my_runs');
		writeStore(root, { '1': {} });
		expect(await sacredAdapter.detect(root, folder, false)).toBe(true);
		expect(await sacredAdapter.detect(join(root, '1'), folder, false)).toBe(false);
		expect(await sacredAdapter.detect(join(root, '1'), folder, true)).toBe(true);
		expect(await sacredAdapter.detect(join(root, '_sources'), folder, true)).toBe(false);
		const other = tempDir();
		put(join(other, 'a', 'run.json'), '{}'); // a run.json alone is not Sacred's
		expect(await sacredAdapter.detect(other, folder, false)).toBe(false);
	});

	it('reads a run: naive UTC times, statuses, config flattened with ., git, host, notes and lessons', async () => {
		const root = join(tempDir(), 'my_runs');
		writeStore(root, {
			'1': {
				run: runJson({ meta: { command: 'train', comment: 'Warm-up 500 steps.\nLesson: seed the sampler too.', named_configs: ['big'] } }),
				config: { seed: 7, optimizer: { lr: 0.001, betas: { 'py/tuple': [0.9, 0.99] } }, crop: [224, 224], tag: null, gamma: '__NaN__' },
				metrics: { 'val/loss': series([0.9, 0.5, '__NaN__']) },
			},
		});
		const { units, records } = await readStore(sacredAdapter, root);
		expect(units.map((u) => u.runId)).toEqual(['1']);
		const [run] = records;
		expect(run).toMatchObject({
			source: 'sacred',
			nativeId: '1',
			name: 'wafer-sweep #1',
			experiment: 'wafer-sweep',
			status: 'finished',
			statusRaw: 'COMPLETED',
			startedAt: '2026-03-02T10:00:00.250Z',
			endedAt: '2026-03-02T10:05:00.400Z',
			lastActivityAt: '2026-03-02T10:05:00.500Z',
			git: { commit: 'abc123', branch: null, repoUrl: 'git@example.org:lab/wafer.git' },
			tags: { host: 'gpu-03', command: 'train', 'git.dirty': 'true', named_configs: 'big' },
			params: { seed: 7, 'optimizer.lr': 0.001, 'optimizer.betas': '[0.9,0.99]', crop: '[224,224]', tag: null, gamma: 'NaN' },
			notes: 'Warm-up 500 steps.\nLesson: seed the sampler too.',
			lessons: [{ text: 'seed the sampler too.', origin: 'run-note' }],
			warnings: [],
		});
		expect(run!.id).toMatch(/^sacred:1-[0-9a-f]{10}$/);
		expect(run!.metrics['val/loss']).toEqual({
			steps: [0, 1, 2],
			values: [0.9, 0.5, NaN],
			finalRule: 'highest-step',
			final: null,
			direction: null,
			timestamps: [Date.parse('2026-03-02T10:00:00Z'), Date.parse('2026-03-02T10:01:00Z'), Date.parse('2026-03-02T10:02:00Z')],
		});
	});

	it('maps every Sacred status; an unknown one is a warning, a failure adds the traceback last line to the notes', async () => {
		const root = join(tempDir(), 'my_runs');
		const statuses = ['COMPLETED', 'FAILED', 'INTERRUPTED', 'TIMEOUT', 'QUEUED', 'RUNNING', 'EXPLODED'];
		writeStore(
			root,
			Object.fromEntries(
				statuses.map((status, i) => [
					String(i + 1),
					{ run: runJson({ status, fail_trace: status === 'FAILED' ? ['Traceback:\n', '  File "t.py"\n', 'ValueError: bad shape\n'] : undefined }) },
				])
			)
		);
		const { records } = await readStore(sacredAdapter, root);
		expect(records.map((r) => r.status)).toEqual(['finished', 'failed', 'killed', 'killed', 'scheduled', 'running', 'unknown']);
		expect(records.map((r) => r.statusRaw)).toEqual(statuses);
		expect(records[1]!.notes).toBe('Failed: ValueError: bad shape');
		expect(records[6]!.warnings).toEqual([expect.stringMatching(/run\.json: field status: expected one of COMPLETED, .*found the text "EXPLODED"/)]);
	});

	it('keeps an experiment name of digits as text, and a queued run is filed under its queue time', async () => {
		const root = join(tempDir(), 'my_runs');
		const queued = runJson({ status: 'QUEUED', start_time: undefined, heartbeat: null, stop_time: undefined, meta: { queue_time: '2026-03-01T08:00:00' } });
		writeStore(root, { '1': { run: runJson({ experiment: { name: '2024' } }) }, '2': { run: queued } });
		const { records } = await readStore(sacredAdapter, root);
		expect(records[0]).toMatchObject({ experiment: '2024', name: '2024 #1' });
		expect(records[1]).toMatchObject({ status: 'scheduled', startedAt: '2026-03-01T08:00:00.000Z', endedAt: null });
		expect(records[1]!.warnings).toEqual([expect.stringMatching(/no start_time .*queue_time/)]);
	});

	it('leaves list-valued points out of the metrics with a warning that keeps the value, never failing', async () => {
		const root = join(tempDir(), 'my_runs');
		writeStore(root, { '1': { metrics: { score: series([[1.71, 0.41]]), mixed: series([0.5, [1, 2], 0.7]), acc: series([0.8]) } } });
		const [run] = (await readStore(sacredAdapter, root)).records;
		expect(Object.keys(run!.metrics).sort()).toEqual(['acc', 'mixed']);
		expect(run!.metrics['mixed']).toMatchObject({ steps: [0, 2], values: [0.5, 0.7] });
		expect(run!.warnings).toEqual([
			'metrics.json: metric score: its 1 value(s) are not numbers (the first: [1.71,0.41]); left out of the metrics and charts',
			'metrics.json: metric mixed: 1 point(s) whose step or value is not a number (the first: [1,2]) left out of the metrics and charts',
		]);
	});

	it('reads series of unequal length as far as steps and values pair up, with a warning', async () => {
		const root = join(tempDir(), 'my_runs');
		writeStore(root, {
			'1': { metrics: { loss: { steps: [0, 1, 2, 3], values: [0.9, 0.8, 0.7], timestamps: ['2026-03-02T10:00:00'] }, acc: series([0.1, 0.2]) } },
		});
		const [run] = (await readStore(sacredAdapter, root)).records;
		expect(run!.metrics['loss']).toMatchObject({ steps: [0, 1, 2], values: [0.9, 0.8, 0.7], timestamps: [Date.parse('2026-03-02T10:00:00Z'), null, null] });
		expect(run!.metrics['acc']!.values).toEqual([0.1, 0.2]);
		expect(run!.warnings).toEqual(['metrics.json: metric loss: steps, values and timestamps differ in length (4, 3, 1); read the first 3 points']);
	});

	it('the final value is the one at the highest step, whatever the order of the lists', async () => {
		const root = tempDir();
		writeStore(root, { '1': { metrics: { loss: series([0.3, 0.1, 0.2], [2, 5, 4]) } } });
		const report = await ingest(testOptions([root], root, { cacheDir: null }));
		expect(report.bad).toEqual([]);
		const digest = digestSchema.parse(JSON.parse(readFileSync(join(root, 'out', '2026-03.json'), 'utf8')));
		expect(digest.runs[0]!.metrics['loss']).toMatchObject({ final: 0.1, lastStep: 5, count: 3 });
	});

	it('a run.json cut off mid-write is a bad run naming the file; a cut-off metrics.json or config.json is a warning', async () => {
		const root = join(tempDir(), 'my_runs');
		const whole = JSON.stringify(runJson(), null, 2);
		writeStore(root, {
			'1': { run: whole.slice(0, whole.length / 2) },
			'2': { metrics: '{\n  "loss": {\n    "steps": [0, 1', config: '{"seed": ' },
			'3': { run: '' },
		});
		const listing = await sacredAdapter.list(root, { previous: () => undefined });
		const [cut, partial, empty] = listing.units;
		const read = sacredAdapter.read(cut!, listing);
		await expect(read).rejects.toBeInstanceOf(BadRunError);
		await expect(read).rejects.toThrow(/my_runs\/1\/run\.json: malformed JSON at line \d+, column \d+ \(the file looks truncated\)/);
		await expect(sacredAdapter.read(empty!, listing)).rejects.toThrow(/my_runs\/3\/run\.json: empty file, expected JSON/);
		const run = await sacredAdapter.read(partial!, listing);
		expect(run.metrics).toEqual({});
		expect(run.params).toEqual({});
		expect(run.warnings).toEqual([
			expect.stringMatching(/2\/config\.json: malformed JSON .*truncated.*; params left out$/),
			expect.stringMatching(/2\/metrics\.json: malformed JSON at line 3, column 19: .* \(the file looks cut off mid-write\); metrics left out$/),
		]);
	});

	it('_sources/ and _resources/ are not runs; another folder without run.json is named in a warning', async () => {
		const root = join(tempDir(), 'my_runs');
		writeStore(root, { '1': {}, '2': {} });
		put(join(root, 'notes', 'readme.txt'), 'x');
		const listing = await sacredAdapter.list(root, { previous: () => undefined });
		expect(listing.units.map((u) => u.runId)).toEqual(['1', '2']);
		expect(listing.warnings).toEqual([`${root}: 1 folder(s) without run.json skipped, not Sacred runs (notes)`]);
		expect(readdirSync(root).sort()).toEqual(['1', '2', '_resources', '_sources', 'notes']);
	});

	it('the fingerprint changes when run.json, config.json or metrics.json changes, not cout.txt', async () => {
		const root = join(tempDir(), 'my_runs');
		writeStore(root, { '1': { metrics: { loss: series([1]) } } });
		const fingerprint = async () => (await sacredAdapter.list(root, { previous: () => undefined })).units[0]!.fingerprint;
		const first = await fingerprint();
		put(join(root, '1', 'cout.txt'), 'epoch 1\nepoch 2\n');
		expect(await fingerprint()).toBe(first);
		put(join(root, '1', 'metrics.json'), JSON.stringify({ loss: series([1, 0.5]) }));
		utimesSync(join(root, '1', 'metrics.json'), new Date('2030-01-01'), new Date('2030-01-01'));
		expect(await fingerprint()).not.toBe(first);
	});

	it('heartbeat and the stale rule: a RUNNING run silent for longer than --stale-after is crashed, a beating one is running', async () => {
		const root = tempDir();
		const running = (heartbeat: string) => ({
			run: runJson({ status: 'RUNNING', stop_time: undefined, start_time: '2026-11-20T09:00:00', heartbeat }),
			metrics: { loss: series([1], [0], ['2026-11-20T09:00:10']) },
		});
		writeStore(join(root, 'my_runs'), { '1': running('2026-11-25T23:59:50.000000'), '2': running('2026-11-20T09:00:20.000000') });
		await ingest(testOptions([root], root, { cacheDir: null, nowMs: Date.parse('2026-11-26T00:00:00Z') }));
		const digest = digestSchema.parse(JSON.parse(readFileSync(join(root, 'out', '2026-11.json'), 'utf8')));
		const byId = new Map(digest.runs.map((r) => [r.nativeId, r]));
		expect(byId.get('1')).toMatchObject({ status: 'running', statusRaw: 'RUNNING', endedAt: null });
		expect(byId.get('2')).toMatchObject({ status: 'crashed', statusRaw: 'RUNNING' });
		expect(byId.get('2')!.warnings).toEqual([expect.stringMatching(/nothing was logged after 2026-11-20T09:00:20\.000Z.*crashed/)]);
	});

	it('the same run read from two copies of the store is one run; runs of two stores that share ids are two', async () => {
		const base = tempDir();
		writeStore(join(base, 'a', 'my_runs'), { '1': {} });
		writeStore(join(base, 'copy', 'my_runs'), { '1': {} });
		writeStore(join(base, 'b', 'my_runs'), { '1': { run: runJson({ start_time: '2026-03-05T10:00:00' }) } });
		const report = await ingest(testOptions([base], base, { cacheDir: null }));
		const digest = digestSchema.parse(JSON.parse(readFileSync(join(base, 'out', '2026-03.json'), 'utf8')));
		expect(digest.runs).toHaveLength(2);
		expect(report.warnings.map((w) => w.text)).toEqual([expect.stringMatching(/was already read from .*; this copy is ignored/)]);
	});
});
