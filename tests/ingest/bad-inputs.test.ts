// The bad-input corpus: each case breaks one run (or file) in its own way. Ingest must report it
// with its path and a reason a person can act on, skip it, and still ingest the good run beside it.
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/pipeline.ts';
import { put, runMeta, tempDir, testOptions, uuid, writeFsExperiment } from './helpers/stores.ts';

const GOOD = uuid(0xff);
const BAD = uuid(0xbad);
const isRoot = process.getuid?.() === 0;

interface Case {
	name: string;
	/** Breaks something under the store root `mlruns` or the manifests folder `manifests`. */
	make: (mlruns: string, manifests: string) => void;
	/** The bad path must end with this. */
	path: string;
	reason: RegExp;
	/** Why the case cannot be made on this machine, if it cannot. */
	skip?: string | false;
}

const runDir = (mlruns: string) => join(mlruns, '1', BAD);
const manifest = (manifests: string, name: string, text: string | Buffer) => put(join(manifests, name), text);
const validYaml = 'manifestVersion: 1\nid: ok\nstartedAt: 2026-01-01T00:00:00Z\n';

const CASES: Case[] = [
	{ name: 'empty run meta.yaml', make: (m) => put(join(runDir(m), 'meta.yaml'), ''), path: BAD, reason: /meta\.yaml is empty/ },
	{ name: 'whitespace-only run meta.yaml', make: (m) => put(join(runDir(m), 'meta.yaml'), '  \n\n'), path: BAD, reason: /meta\.yaml is empty/ },
	{
		name: 'malformed YAML in run meta.yaml',
		make: (m) => put(join(runDir(m), 'meta.yaml'), 'start_time: [1, 2\nstatus: 3\n'),
		path: BAD,
		reason: /malformed YAML at line \d+/,
	},
	{
		name: 'run meta.yaml is a list',
		make: (m) => put(join(runDir(m), 'meta.yaml'), '- a\n- b\n'),
		path: BAD,
		reason: /expected a YAML mapping of fields, found a list/,
	},
	{
		name: 'start_time is text',
		make: (m) => put(join(runDir(m), 'meta.yaml'), runMeta(BAD, '1', { start_time: 'yesterday' })),
		path: BAD,
		reason: /start_time: expected epoch milliseconds \(an integer\), found the text "yesterday"/,
	},
	{
		name: 'start_time missing',
		make: (m) => put(join(runDir(m), 'meta.yaml'), runMeta(BAD, '1', { start_time: null })),
		path: BAD,
		reason: /start_time: expected epoch milliseconds, found nothing/,
	},
	{
		name: 'status is a mapping',
		make: (m) => put(join(runDir(m), 'meta.yaml'), runMeta(BAD, '1', { status: '{a: 1}' })),
		path: BAD,
		reason: /field status: expected an integer 1–5 or a status name, found a mapping/,
	},
	{
		name: 'experiment_id differs from the folder',
		make: (m) => put(join(runDir(m), 'meta.yaml'), runMeta(BAD, '9')),
		path: BAD,
		reason: /experiment_id is 9 but the run sits in experiment folder 1/,
	},
	{ name: 'no meta.yaml in a run folder', make: (m) => put(join(runDir(m), 'metrics', 'loss'), '1 0.5 0\n'), path: BAD, reason: /no meta\.yaml/ },
	{
		name: 'binary run meta.yaml',
		make: (m) => put(join(runDir(m), 'meta.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1])),
		path: BAD,
		reason: /binary data/,
	},
	{
		name: 'binary param file',
		make: (m) => {
			put(join(runDir(m), 'meta.yaml'), runMeta(BAD, '1'));
			put(join(runDir(m), 'params', 'blob'), Buffer.from([1, 0, 2]));
		},
		path: BAD,
		reason: /params\/blob: binary data/,
	},
	{
		name: 'symlink loop in metrics',
		make: (m) => {
			put(join(runDir(m), 'meta.yaml'), runMeta(BAD, '1'));
			mkdirSync(join(runDir(m), 'metrics'), { recursive: true });
			symlinkSync('loop', join(runDir(m), 'metrics', 'loop'));
		},
		path: BAD,
		reason: /symbolic link loop/,
	},
	{
		name: 'symlink to a folder above (recursive loop)',
		make: (m) => {
			put(join(runDir(m), 'meta.yaml'), runMeta(BAD, '1'));
			mkdirSync(join(runDir(m), 'metrics'), { recursive: true });
			symlinkSync('..', join(runDir(m), 'metrics', 'up'));
		},
		path: BAD,
		reason: /symbolic link loop/,
	},
	{
		name: 'symlink out of the store',
		make: (m) => {
			put(join(runDir(m), 'meta.yaml'), runMeta(BAD, '1'));
			mkdirSync(join(runDir(m), 'params'), { recursive: true });
			symlinkSync('/etc/hostname', join(runDir(m), 'params', 'host'));
		},
		path: BAD,
		reason: /leads out of the store/,
	},
	{
		name: 'dangling symlink',
		make: (m) => {
			put(join(runDir(m), 'meta.yaml'), runMeta(BAD, '1'));
			mkdirSync(join(runDir(m), 'tags'), { recursive: true });
			symlinkSync('missing', join(runDir(m), 'tags', 'gone'));
		},
		path: BAD,
		reason: /dangling symbolic link/,
	},
	{
		name: 'meta.yaml is a symlink loop',
		make: (m) => {
			mkdirSync(runDir(m), { recursive: true });
			symlinkSync('meta.yaml', join(runDir(m), 'meta.yaml'));
		},
		path: BAD,
		reason: /ELOOP|symbolic link loop/,
	},
	{
		name: 'unreadable metric file',
		skip: isRoot && 'permission bits do not stop root from reading',
		make: (m) => {
			put(join(runDir(m), 'meta.yaml'), runMeta(BAD, '1'));
			put(join(runDir(m), 'metrics', 'loss'), '1 0.5 0\n');
			chmodSync(join(runDir(m), 'metrics', 'loss'), 0);
		},
		path: BAD,
		reason: /EACCES/,
	},
	{
		name: 'empty experiment meta.yaml',
		make: (m) => put(join(m, '5', 'meta.yaml'), ''),
		path: '/5',
		reason: /meta\.yaml is empty.*whole experiment was skipped/,
	},
	{
		name: 'malformed YAML manifest',
		make: (_, d) => manifest(d, 'a.run.yaml', 'manifestVersion: 1\nid: [oops\n'),
		path: 'a.run.yaml',
		reason: /a\.run\.yaml: malformed YAML at line/,
	},
	{
		name: 'truncated JSON manifest',
		make: (_, d) => manifest(d, 'b.run.json', '{"manifestVersion": 1, "id": "b", "startedAt": "2026-01-'),
		path: 'b.run.json',
		reason: /malformed JSON.*looks truncated/,
	},
	{
		name: 'binary JSON manifest',
		make: (_, d) => manifest(d, 'c.run.json', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00])),
		path: 'c.run.json',
		reason: /binary data/,
	},
	{
		name: 'manifest with wrong types',
		make: (_, d) => manifest(d, 'd.run.yaml', `${validYaml.replace('id: ok', 'id: d')}metrics:\n  loss: high\nparams: 3\n`),
		path: 'd.run.yaml',
		reason: /d\.run\.yaml: params: Invalid input: expected record.*d\.run\.yaml: metrics\.loss: /,
	},
	{ name: 'manifest without startedAt', make: (_, d) => manifest(d, 'e.run.yaml', 'manifestVersion: 1\nid: e\n'), path: 'e.run.yaml', reason: /startedAt: / },
	{
		name: 'manifest with a time without zone',
		make: (_, d) => manifest(d, 'f.run.yaml', 'manifestVersion: 1\nid: f\nstartedAt: "2026-01-01T10:00:00"\n'),
		path: 'f.run.yaml',
		reason: /startedAt: Invalid ISO datetime/i,
	},
	{
		name: 'manifest with an unknown field (typo)',
		make: (_, d) => manifest(d, 'g.run.yaml', `${validYaml.replace('id: ok', 'id: g')}lesons: [x]\n`),
		path: 'g.run.yaml',
		reason: /Unrecognized key.*lesons/,
	},
	{ name: 'manifest that is a list', make: (_, d) => manifest(d, 'h.run.yaml', '- 1\n- 2\n'), path: 'h.run.yaml', reason: /expected a YAML mapping/ },
	{ name: 'empty JSON manifest', make: (_, d) => manifest(d, 'i.run.json', ''), path: 'i.run.json', reason: /malformed JSON/ },
	{
		name: 'unreadable manifest',
		skip: isRoot && 'permission bits do not stop root from reading',
		make: (_, d) => {
			manifest(d, 'j.run.yaml', validYaml);
			chmodSync(join(d, 'j.run.yaml'), 0);
		},
		path: 'j.run.yaml',
		reason: /EACCES/,
	},
];

describe('bad-input corpus', () => {
	it('has at least 20 cases', () => {
		expect(CASES.filter((c) => !c.skip).length).toBeGreaterThanOrEqual(20);
	});

	for (const c of CASES) {
		const name = `${c.name}: reported with path and reason, the rest ingested${c.skip ? ` (skipped: ${c.skip})` : ''}`;
		it.skipIf(Boolean(c.skip))(name, async () => {
			const work = tempDir('hindsight-bad-');
			const mlruns = join(work, 'mlruns');
			const manifests = join(work, 'manifests');
			writeFsExperiment(mlruns, '1', 'exp', [{ uuid: GOOD, metrics: { loss: '1767225601000 0.5 0\n' } }]);
			manifest(manifests, 'good.run.yaml', 'manifestVersion: 1\nid: good\nstartedAt: 2026-01-02T00:00:00Z\n');
			c.make(mlruns, manifests);
			const report = await ingest(testOptions([mlruns, manifests], work));
			const bad = report.bad.filter((b) => b.path.endsWith(c.path));
			expect(bad, JSON.stringify(report.bad)).toHaveLength(1);
			expect(bad[0]!.reason).toMatch(c.reason);
			expect(bad[0]!.reason).toContain(c.path.replace(/^\//, ''));
			expect(report.months.map((m) => m.runs)).toEqual([2]);
			expect(report.errors).toEqual([]);
		});
	}
});
