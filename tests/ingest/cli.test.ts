import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseIngestArgs, runIngestCli } from '../../src/ingest/cli.ts';
import { put, tempDir } from './helpers/stores.ts';

it('a store path that does not exist is a usage error naming it, and nothing is read', async () => {
	const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
	try {
		expect(await runIngestCli(['no/such/store', 'nor/this'], tmpdir())).toBe(2);
		expect(stderr.mock.calls.map(([text]) => String(text)).join('')).toBe('ingest: no such file or folder: no/such/store, nor/this\n');
	} finally {
		stderr.mockRestore();
	}
});

it('--full-check asks the ingest to check every file of every run', () => {
	const withFlag = parseIngestArgs(['store', '--full-check'], tmpdir());
	const without = parseIngestArgs(['store'], tmpdir());
	expect('options' in withFlag && withFlag.options.fullCheck).toBe(true);
	expect('options' in without && without.options.fullCheck).toBe(false);
});

/** Captures what the CLI prints, so a test can read it; `restore` puts the streams back. */
function captureOutput() {
	const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
	const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
	const text = (spy: typeof stdout) => spy.mock.calls.map(([chunk]) => String(chunk)).join('');
	return {
		stdout: () => text(stdout),
		stderr: () => text(stderr),
		clear: () => {
			stdout.mockClear();
			stderr.mockClear();
		},
		restore: () => {
			stdout.mockRestore();
			stderr.mockRestore();
		},
	};
}

it('--index-only writes the run index from the digests already there, reading no store', async () => {
	const work = tempDir();
	put(join(work, 'stores', 'eval.run.yaml'), 'manifestVersion: 1\nid: eval-1\nstartedAt: 2026-02-03T10:00:00Z\n');
	put(join(work, 'archive', 'hindsight.yaml'), 'title: Test\n');
	const output = captureOutput();
	try {
		expect(await runIngestCli(['--content', 'archive', '--cache-dir', 'cache', '--index-only'], work)).toBe(2);
		expect(output.stderr()).toContain('--index-only: no such folder: archive/runs');
		expect(await runIngestCli(['--content', 'archive', '--cache-dir', 'cache', 'stores'], work)).toBe(0);
		const index = join(work, 'archive', 'runs', 'index.json');
		const written = readFileSync(index, 'utf8');
		rmSync(index);
		output.clear();
		expect(await runIngestCli(['--content', 'archive', '--cache-dir', 'cache', '--index-only'], work)).toBe(0);
		expect(output.stdout()).toBe('Run index: archive/runs/index.json written\n');
		expect(readFileSync(index, 'utf8')).toBe(written);
		expect(JSON.parse(written).digests.map(({ month }: { month: string }) => month)).toEqual(['2026-02']);
	} finally {
		output.restore();
	}
});

describe('the archive whose hindsight.yaml ingest reads', () => {
	const env = {};
	const archiveOf = (argv: string[], cwd: string, environment: Record<string, string | undefined> = env) => {
		const parsed = parseIngestArgs([...argv, 'store'], cwd, environment);
		if (!('options' in parsed)) throw new Error('expected options');
		return { contentDir: parsed.contentDir, outDir: parsed.options.outDir };
	};

	it('is --content, else the folder above --out, else HINDSIGHT_CONTENT or content/; digests go to its runs/', () => {
		const cwd = '/srv/work';
		expect(archiveOf([], cwd)).toEqual({ contentDir: '/srv/work/content', outDir: '/srv/work/content/runs' });
		expect(archiveOf([], cwd, { HINDSIGHT_CONTENT: '../archive' })).toEqual({ contentDir: '/srv/archive', outDir: '/srv/archive/runs' });
		expect(archiveOf(['--out', 'team/runs'], cwd, { HINDSIGHT_CONTENT: '../archive' })).toEqual({
			contentDir: '/srv/work/team',
			outDir: '/srv/work/team/runs',
		});
		expect(archiveOf(['--content', 'team'], cwd)).toEqual({ contentDir: '/srv/work/team', outDir: '/srv/work/team/runs' });
		expect(archiveOf(['--content', 'team', '--out', '/tmp/try'], cwd)).toEqual({ contentDir: '/srv/work/team', outDir: '/tmp/try' });
	});

	it("applies hindsight.yaml's experiments rules", async () => {
		const work = tempDir();
		put(join(work, 'archive', 'hindsight.yaml'), 'title: Test\nexperiments:\n  - from: holdout\n    experiment: holdout-v2\n');
		put(join(work, 'stores', 'eval.run.yaml'), 'manifestVersion: 1\nid: eval-1\nexperiment: holdout\nstartedAt: 2026-02-03T10:00:00Z\n');
		const output = captureOutput();
		try {
			expect(await runIngestCli(['--content', 'archive', '--cache-dir', 'cache', 'stores'], work)).toBe(0);
		} finally {
			output.restore();
		}
		const digest = JSON.parse(readFileSync(join(work, 'archive', 'runs', '2026-02.json'), 'utf8'));
		expect(digest.runs[0]).toMatchObject({ experiment: 'holdout-v2', tags: { 'source.experiment': 'holdout' } });
	});

	it('refuses, exit status 2 and nothing written, when hindsight.yaml does not parse, naming its file, line and field', async () => {
		const work = tempDir();
		put(
			join(work, 'archive', 'hindsight.yaml'),
			'title: Test\nexperiments:\n  - path: runs/**\n    experiment: ok\n  - experiment: everything\n  - path: runs\\vision\n    experiment: vision\n    form: typo\n'
		);
		put(join(work, 'stores', 'eval.run.yaml'), 'manifestVersion: 1\nid: eval-1\nstartedAt: 2026-02-03T10:00:00Z\n');
		const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
		try {
			expect(await runIngestCli(['--out', 'archive/runs', '--cache-dir', 'cache', 'stores'], work)).toBe(2);
			const text = stderr.mock.calls.map(([chunk]) => String(chunk)).join('');
			expect(text).toContain('ingest: archive/hindsight.yaml is not valid');
			expect(text).toContain('archive/hindsight.yaml:5 experiments[1]: expected path, from or both');
			expect(text).toContain('archive/hindsight.yaml:6 experiments[2].path: expected / between folders');
			expect(text).toMatch(/archive\/hindsight\.yaml:6 experiments\[2\]: .*form/);
		} finally {
			stderr.mockRestore();
		}
		expect(existsSync(join(work, 'archive', 'runs'))).toBe(false);
	});

	it('refuses a --content folder that does not exist', async () => {
		const work = tempDir();
		put(join(work, 'stores', 'eval.run.yaml'), 'manifestVersion: 1\nid: eval-1\nstartedAt: 2026-02-03T10:00:00Z\n');
		const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
		try {
			expect(await runIngestCli(['--content', 'nowhere', 'stores'], work)).toBe(2);
			expect(stderr.mock.calls.map(([chunk]) => String(chunk)).join('')).toContain('--content: no such folder: nowhere');
		} finally {
			stderr.mockRestore();
		}
	});
});
