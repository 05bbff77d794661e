import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWandbRecord, frameWandbLog, wandbJson, writeWandbLog } from '../../../bench/wandb-log-writer.ts';
import { wandbAdapter } from '../../../src/ingest/adapters/wandb.ts';
import { ingest } from '../../../src/ingest/pipeline.ts';
import { put, tempDir, testOptions } from '../helpers/stores.ts';
import { historyRows, offlineRunRecords, T0, writeRunFolder } from '../helpers/wandb-store.ts';
import { readStore } from './read-store.ts';

const folder = { isFile: () => false, isDirectory: () => true };
const file = { isFile: () => true, isDirectory: () => false };

function makeStore(): string {
	const wandb = join(tempDir(), 'wandb');
	writeRunFolder(
		wandb,
		'offline-run-20260302_100000-aaaa1111',
		'aaaa1111',
		offlineRunRecords('aaaa1111', { exitCode: 0, notes: 'Warm-up helps.\nLesson: log the resolved config, not the file name.', tags: ['baseline', 'v2'] })
	);
	writeRunFolder(wandb, 'offline-run-20260302_110000-bbbb2222', 'bbbb2222', offlineRunRecords('bbbb2222', { exitCode: 1 }));
	return wandb;
}

describe('wandb adapter', () => {
	it('claims a wandb/ folder of run folders, and a run folder named directly', async () => {
		const wandb = makeStore();
		expect(await wandbAdapter.detect(wandb, folder, false)).toBe(true);
		expect(await wandbAdapter.detect(join(wandb, 'offline-run-20260302_100000-aaaa1111'), folder, true)).toBe(true);
		expect(await wandbAdapter.detect(join(wandb, 'offline-run-20260302_100000-aaaa1111', 'run-aaaa1111.wandb'), file, true)).toBe(false);
		const other = tempDir();
		put(join(other, 'notes', 'a.txt'), 'x');
		expect(await wandbAdapter.detect(join(other, 'notes'), folder, true)).toBe(false);
		// A folder of run folders under another name is claimed only when the user names it
		const renamed = join(tempDir(), 'exported');
		writeRunFolder(renamed, 'run-20260302_100000-cccc3333', 'cccc3333', offlineRunRecords('cccc3333'));
		expect(await wandbAdapter.detect(renamed, folder, false)).toBe(false);
		expect(await wandbAdapter.detect(renamed, folder, true)).toBe(true);
	});

	it('reads an offline run that has nothing but its log into the run model', async () => {
		const { records } = await readStore(wandbAdapter, makeStore());
		const [a, b] = records;
		expect(a).toMatchObject({
			id: 'wandb:aaaa1111',
			source: 'wandb',
			nativeId: 'aaaa1111',
			name: 'aaaa1111-name',
			experiment: 'wafer-defects',
			status: 'finished',
			statusRaw: 'exit code 0',
			startedAt: '2026-03-02T09:00:00.000Z',
			endedAt: '2026-03-02T09:00:03.000Z',
			lastActivityAt: '2026-03-02T09:00:03.000Z',
			user: 'amara',
			git: { commit: 'abc1234', branch: null, repoUrl: 'https://git.example/lumen.git' },
			params: { 'optimizer.lr': 0.001, 'optimizer.name': 'adamw', epochs: 3 },
			tags: { baseline: '', v2: '', group: 'sweep-a', job_type: 'train' },
			notes: 'Warm-up helps.\nLesson: log the resolved config, not the file name.',
			lessons: [{ text: 'log the resolved config, not the file name.', origin: 'run-note' }],
			warnings: [],
		});
		expect(a!.metrics['train/loss']).toEqual({
			steps: [0, 1, 2],
			values: [0.9, 0.6, 0.4],
			timestamps: [T0 + 1000, T0 + 2000, T0 + 3000],
			finalRule: 'last-logged',
			final: { step: 2, value: 0.4 },
			direction: null,
		});
		expect(Object.keys(a!.metrics).sort()).toEqual(['train/loss', 'val/acc']);
		expect(b).toMatchObject({ status: 'failed', statusRaw: 'exit code 1' });
	});

	it('maps exit code 254 to crashed and a run with no exit record to running, judged by its last logged time', async () => {
		const wandb = join(tempDir(), 'wandb');
		writeRunFolder(wandb, 'offline-run-20260302_100000-cr000001', 'cr000001', offlineRunRecords('cr000001', { exitCode: 254 }));
		writeRunFolder(wandb, 'offline-run-20260302_100000-ru000001', 'ru000001', offlineRunRecords('ru000001'));
		const { records } = await readStore(wandbAdapter, wandb);
		expect(records.map((r) => [r.nativeId, r.status, r.endedAt, r.lastActivityAt])).toEqual([
			['cr000001', 'crashed', '2026-03-02T09:00:03.000Z', '2026-03-02T09:00:03.000Z'],
			['ru000001', 'running', null, '2026-03-02T09:00:03.000Z'],
		]);
	});

	it('keeps what a log cut off mid-record holds, with a warning', async () => {
		const wandb = join(tempDir(), 'wandb');
		const rows = Array.from({ length: 400 }, (_, i) => ({ loss: 1 / (i + 1) }));
		const full = writeWandbLog(offlineRunRecords('trunc001', { rows, exitCode: 0 }));
		writeRunFolder(wandb, 'offline-run-20260302_100000-trunc001', 'trunc001', full.subarray(0, 40_000));
		const { records } = await readStore(wandbAdapter, wandb);
		const run = records[0]!;
		expect(run.status).toBe('running');
		expect(run.params).toEqual({ 'optimizer.lr': 0.001, 'optimizer.name': 'adamw', epochs: 3 });
		const count = run.metrics['loss']!.steps.length;
		expect(count).toBeGreaterThan(100);
		expect(count).toBeLessThan(400);
		expect(run.metrics['loss']!.steps).toEqual(Array.from({ length: count }, (_, i) => i));
		expect(run.warnings).toEqual([
			expect.stringMatching(
				/^run-trunc001\.wandb: log ends inside a chunk \(\d+ of its \d+ bytes written; the run was cut off while writing\); the records before it are kept \(at byte \d+\)$/
			),
		]);
	});

	it("skips a corrupted chunk's block, an unknown record type and a record that is not a message, keeping the rest, each with a warning", async () => {
		const wandb = join(tempDir(), 'wandb');
		const rows = Array.from({ length: 1500 }, (_, i) => ({ loss: 1 / (i + 1) }));
		const payloads = offlineRunRecords('corr0001', { rows, exitCode: 0 }).map((r, i) => encodeWandbRecord(r, i + 1));
		payloads.splice(3, 0, encodeWandbRecord({ raw: { field: 57, bytes: Uint8Array.of(1, 2, 3) } }), Uint8Array.of(0x12, 0x05, 0x0a));
		const log = frameWandbLog(payloads);
		log[WANDB_SECOND_BLOCK + 100]! ^= 0x55;
		writeRunFolder(wandb, 'offline-run-20260302_100000-corr0001', 'corr0001', log);
		const { records } = await readStore(wandbAdapter, wandb);
		const run = records[0]!;
		expect(run.status).toBe('finished');
		const steps = run.metrics['loss']!.steps;
		expect(steps[0]).toBe(0);
		expect(steps[steps.length - 1]).toBe(1499);
		expect(steps.length).toBeLessThan(1500); // the rows of the second block are gone
		expect(run.warnings).toEqual([
			expect.stringMatching(/^run-corr0001\.wandb: chunk with a bad checksum .* \(at byte 3\d{4}\)$/),
			'.wandb log: record type(s) this reader does not know skipped: field 57 (1×); written by wandb 0.23.0',
			'.wandb log: 1 record(s) that are not valid protobuf messages skipped',
		]);
	});

	it('keeps a `__proto__` key a plain key, and a garbled start time out of the record', async () => {
		const wandb = join(tempDir(), 'wandb');
		writeRunFolder(wandb, 'offline-run-20260302_100000-odd00001', 'odd00001', [
			{ run: { runId: 'odd00001', project: 'p', startMs: 1e19 } },
			{
				config: [
					{ key: ['__proto__', 'polluted'], json: 'true' },
					{ key: 'lr', json: '0.1' },
				],
			},
			{ summary: [{ key: ['__proto__', 'x'], json: '1' }] },
			{ exit: {} },
		]);
		const { records } = await readStore(wandbAdapter, wandb);
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
		expect(records[0]!.params).toEqual({ '__proto__.polluted': true, lr: 0.1 });
		expect(records[0]).toMatchObject({
			status: 'finished',
			startedAt: '2026-03-02T10:00:00.000Z',
			warnings: ['run record: start_time 10000000000000000 s is not a time that can be shown; ignored', expect.stringContaining("the run folder's name")],
		});
	});

	it('reads an online run: history from the log, config and summary from the run files, which win', async () => {
		const wandb = join(tempDir(), 'wandb');
		const dir = 'run-20260302_100000-online01';
		writeRunFolder(wandb, dir, 'online01', offlineRunRecords('online01', { exitCode: 0 }));
		put(
			join(wandb, dir, 'files', 'config.yaml'),
			'wandb_version: 1\n\n_wandb:\n  desc: null\n  value:\n    cli_version: 0.16.0\n    start_time: 1772442000.5\nbatch_size:\n  desc: null\n  value: 64\nmodel:\n  desc: null\n  value:\n    arch: resnet50\n    dropout: .nan\n'
		);
		put(
			join(wandb, dir, 'files', 'wandb-summary.json'),
			'{"train/loss": 0.35, "val/acc": {"max": 0.81, "last": 0.8}, "grad_norm": NaN, "examples": {"_type": "table-file", "path": "media/t.json"}, "_step": 2, "_timestamp": 1772442003.0, "_wandb": {"runtime": 3}}'
		);
		put(
			join(wandb, dir, 'files', 'wandb-metadata.json'),
			'{"startedAt": "2026-03-02T09:00:00.000000", "username": "broth", "git": {"remote": "r", "commit": "ffff000"}}'
		);
		const { records } = await readStore(wandbAdapter, wandb);
		const run = records[0]!;
		expect(run.params).toEqual({ batch_size: 64, 'model.arch': 'resnet50', 'model.dropout': 'NaN' });
		// The summary's value is W&B's final, even where it differs from the last logged point
		expect(run.metrics['train/loss']).toMatchObject({ values: [0.9, 0.6, 0.4], final: { step: 2, value: 0.35 } });
		expect(run.metrics['val/acc']).toMatchObject({ final: { step: 2, value: 0.8 }, direction: 'max' });
		// A key only the summary holds is one point at the summary's step
		expect(run.metrics['grad_norm']).toEqual({
			steps: [2],
			values: [NaN],
			timestamps: [1772442003000],
			finalRule: 'last-logged',
			final: null,
			direction: null,
		});
		expect(run.metrics['examples']).toBeUndefined();
		expect(run.user).toBe('amara'); // the log's environment record comes first
		expect(run.git?.commit).toBe('abc1234');
	});

	it("reads a run that has only run files (an old SDK's wandb-history.jsonl), with an unknown status", async () => {
		const wandb = join(tempDir(), 'wandb');
		const dir = join(wandb, 'run-20210813_112138-old00001');
		put(join(dir, 'files', 'wandb-metadata.json'), '{"startedAt": "2021-08-13T18:21:38.530871", "username": "kyle"}');
		put(
			join(dir, 'files', 'wandb-history.jsonl'),
			'{"loss": 0.5, "_step": 0, "_timestamp": 1628878900.0}\n{"loss": NaN, "_step": 1, "_timestamp": 1628878901.0}\nnot json\n'
		);
		put(join(dir, 'files', 'wandb-summary.json'), '{"loss": NaN, "_wandb": {"runtime": 5}}');
		const { records } = await readStore(wandbAdapter, wandb);
		expect(records[0]).toMatchObject({
			nativeId: 'old00001',
			status: 'unknown',
			startedAt: '2021-08-13T18:21:38.530Z',
			endedAt: '2021-08-13T18:21:43.530Z',
			user: 'kyle',
			warnings: [
				'files/wandb-history.jsonl: 1 line(s) that are not a JSON object skipped; first at line 3 (expected one row of logged values per line)',
				'no .wandb log: the exit code is unknown',
			],
		});
		expect(records[0]!.metrics['loss']).toMatchObject({ steps: [0, 1], values: [0.5, NaN], timestamps: [1628878900000, 1628878901000] });
	});

	it('reads a resumed run (two folders, one run id) as one run', async () => {
		const wandb = join(tempDir(), 'wandb');
		writeRunFolder(wandb, 'offline-run-20260302_100000-resum001', 'resum001', [
			{ run: { runId: 'resum001', project: 'p', startMs: T0 } },
			...historyRows([{ loss: 0.9 }, { loss: 0.8 }]),
			{ exit: { exitCode: 1, runtime: 2 } },
		]);
		const later = T0 + 3_600_000;
		writeRunFolder(wandb, 'offline-run-20260302_110000-resum001', 'resum001', [
			{ run: { runId: 'resum001', project: 'p', startMs: later, resumed: true, runtime: 2, startingStep: 2, displayName: 'second-try' } },
			{
				history: [
					{ key: 'loss', json: '0.5' },
					{ key: '_step', json: '2' },
					{ key: '_timestamp', json: String(later / 1000 + 1) },
				],
			},
			{ exit: { runtime: 12 } },
		]);
		const { units, records } = await readStore(wandbAdapter, wandb);
		expect(units).toHaveLength(1);
		expect(records[0]).toMatchObject({
			name: 'second-try',
			status: 'finished',
			startedAt: new Date(T0).toISOString(),
			endedAt: new Date(later + 10_000).toISOString(),
		});
		expect(records[0]!.metrics['loss']).toMatchObject({ steps: [0, 1, 2], values: [0.9, 0.8, 0.5] });
	});

	it('reads latest-run once, follows no link out of the store, and skips folders that hold no run', async () => {
		const wandb = makeStore();
		symlinkSync('offline-run-20260302_100000-aaaa1111', join(wandb, 'latest-run'));
		// A link named like a run folder, to a run folder of the store: the run is read once
		symlinkSync('offline-run-20260302_100000-aaaa1111', join(wandb, 'run-20260302_100000-aaaa1111'));
		const outside = join(tempDir(), 'elsewhere', 'run-20260302_120000-out00001');
		writeRunFolder(join(outside, '..'), 'run-20260302_120000-out00001', 'out00001', offlineRunRecords('out00001', { exitCode: 0 }));
		symlinkSync(outside, join(wandb, 'run-20260302_120000-out00001'));
		symlinkSync('/nonexistent/debug.log', join(wandb, 'offline-run-20260302_100000-aaaa1111', 'files-debug.log'));
		put(join(wandb, 'run-20260302_130000-init0001', 'logs', 'debug.log'), 'wandb.init() called when a run is still active\n');
		const listing = await wandbAdapter.list(wandb, { previous: () => undefined });
		expect(listing.units.map((u) => u.runId)).toEqual(['aaaa1111', 'bbbb2222']);
		expect(listing.warnings).toEqual([
			`${join(wandb, 'run-20260302_120000-out00001')}: symbolic link leads out of the store (to ${outside}); not followed`,
			expect.stringMatching(/^1 run folder\(s\) hold neither a run-<id>\.wandb log nor run files .*: run-20260302_130000-init0001$/),
		]);
	});

	it('reports a log that is not a W&B log, in a folder with no run files, as a bad run', async () => {
		const wandb = join(tempDir(), 'wandb');
		put(join(wandb, 'offline-run-20260302_100000-junk0001', 'run-junk0001.wandb'), '{"not": "a log"}');
		writeRunFolder(wandb, 'offline-run-20260302_110000-good0001', 'good0001', offlineRunRecords('good0001', { exitCode: 0 }));
		const work = tempDir();
		const report = await ingest(testOptions([wandb], work));
		expect(report.bad).toEqual([
			{
				path: join(wandb, 'offline-run-20260302_100000-junk0001'),
				reason: expect.stringMatching(
					/run-junk0001\.wandb: not a W&B transaction log: expected the header ":W&B" e1 be 00 \(7 bytes\), found the bytes 7b 22 6e 6f 74 22 3a, and the run folder has no run files/
				),
			},
		]);
		expect(report.runsRead).toBe(1);
	});

	it('ingesting twice gives byte-identical digests, and a re-ingest with nothing changed reads no log', async () => {
		const wandb = makeStore();
		const work = tempDir();
		const first = await ingest(testOptions([wandb], work));
		expect(first.runsRead).toBe(2);
		const out = join(work, 'out');
		const texts = () =>
			readdirSync(out)
				.sort()
				.map((n) => readFileSync(join(out, n), 'utf8'));
		const before = texts();
		expect(before).toHaveLength(2); // the month's digest and the run index
		const again = await ingest(testOptions([wandb], work));
		expect(again.runsRead).toBe(0);
		expect(texts()).toEqual(before);
		// A log that grows is read again
		const log = join(wandb, 'offline-run-20260302_110000-bbbb2222', 'run-bbbb2222.wandb');
		writeFileSync(log, Buffer.from(writeWandbLog([...offlineRunRecords('bbbb2222', { exitCode: 1 }), { summary: [{ key: 'extra', json: wandbJson(1) }] }])));
		expect((await ingest(testOptions([wandb], work))).runsRead).toBe(1);
	});
});

const WANDB_SECOND_BLOCK = 32 * 1024;
