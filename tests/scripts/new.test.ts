import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, test } from 'vitest';
import { formatIssues } from '../../src/archive/issues.ts';
import { validateArchive } from '../../src/archive/validate-archive.ts';
import { buildSite, cleanEnv } from '../build/build-site.ts';
import { copyFixtureArchive, PROJECT_ROOT } from '../helpers.ts';

const run = promisify(execFile);
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	await Promise.all(cleanups.map((cleanup) => cleanup()));
	cleanups = [];
});

async function archiveCopy() {
	const copy = await copyFixtureArchive();
	cleanups.push(copy.cleanup);
	return copy.dir;
}

/** Runs `npm run new -- …` on an archive folder; resolves with exit code and output. */
async function newEntry(dir: string, ...args: string[]) {
	try {
		const { stdout, stderr } = await run(process.execPath, ['scripts/new.ts', ...args, '--content', dir], { cwd: PROJECT_ROOT, env: cleanEnv({}) });
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const failure = error as { code: number; stdout: string; stderr: string };
		return { code: failure.code, output: failure.stdout + failure.stderr };
	}
}

test('a retro for a month with a digest but no retro is pre-filled, valid and builds; a second run refuses', { timeout: 120_000 }, async () => {
	const dir = await archiveCopy();
	await rm(join(dir, 'retros/2026-02.mdx'));
	const first = await newEntry(dir, 'retro', '2026-02');
	expect(first.output).toMatch(/Wrote .*retros\/2026-02\.mdx: pre-filled from 2 runs/);
	const text = await readFile(join(dir, 'retros/2026-02.mdx'), 'utf8');
	expect(text).toMatch(/^authors:\n {2}- ada\n {2}- ben\n/m);
	expect(text).toContain('- exp:warmup-trial: 2 runs (1 finished, 1 failed).');
	expect(text).toContain(
		'| exp:warmup-trial | `val_loss` (lower is better) | <MetricValue run="manifest:warmup-a" metric="val_loss" /> (`warmup-a`) | <MetricValue run="manifest:baseline" metric="val_loss" /> (`baseline`) in 2026-01 |'
	);
	expect(text).toContain('- `warmup-b` (exp:warmup-trial): failed.');
	expect(text).toContain('- <DecisionRef id="DR-0004" /> (2026-02-20)');
	expect(text).toContain('- <Lesson id="warmup-helps-only-with-the-schedule-logged" />');
	expect(formatIssues((await validateArchive(dir)).issues)).toBe('');

	const outDir = await mkdtemp(join(tmpdir(), 'hindsight-new-'));
	cleanups.push(() => rm(outDir, { recursive: true, force: true }));
	const build = await buildSite(dir, outDir);
	expect(build.code, build.output).toBe(0);
	expect(await readFile(join(outDir, 'months/2026-02/index.html'), 'utf8')).toContain('Runs that did not finish');

	await writeFile(join(dir, 'retros/2026-02.mdx'), `${text}\nHand-written line.\n`);
	const second = await newEntry(dir, 'retro', '2026-02');
	expect(second.code).not.toBe(0);
	expect(second.output).toMatch(/already exists; it was left untouched/);
	expect(await readFile(join(dir, 'retros/2026-02.mdx'), 'utf8')).toContain('Hand-written line.');
});

test('a decision takes the next free id, starts from what the record it supersedes touched, and is valid', async () => {
	const dir = await archiveCopy();
	const result = await newEntry(dir, 'decision', 'Cap the gradient norm at 1.0', '--supersedes', 'DR-0003', '--by', 'ben', '--date', '2026-03-01');
	expect(result.output).toMatch(/Wrote .*decisions\/0005-cap-the-gradient-norm-at-1-0\.mdx: DR-0005, proposed/);
	const text = await readFile(join(dir, 'decisions/0005-cap-the-gradient-norm-at-1-0.mdx'), 'utf8');
	expect(text).toMatch(/^impact: # .*\n {2}- infrastructure\n/m);
	expect(text).toMatch(/^affects: # from DR-0003; keep what this record still touches$/m);
	expect(text).toMatch(/^tags:\n {2}- tracking$/m);
	expect(text).toMatch(/^id: DR-0005$/m);
	expect(text).toMatch(/^supersedes:\n {2}- DR-0003$/m);
	expect(text).toMatch(/^date: '2026-03-01'$/m);
	expect(formatIssues((await validateArchive(dir)).issues)).toBe('');
});

test('an id already in use, an unknown predecessor and an unknown person are refused with the reason', async () => {
	const dir = await archiveCopy();
	expect((await newEntry(dir, 'decision', 'X', '--id', 'DR-0002', '--by', 'ada')).output).toMatch(
		/DR-0002 is already used by .*0002-use-sqlite-store\.mdx; the next free id is DR-0005/
	);
	expect((await newEntry(dir, 'decision', 'X', '--supersedes', 'DR-0042', '--by', 'ada')).output).toMatch(/unknown record DR-0042/);
	expect((await newEntry(dir, 'experiment', 'X', '--by', 'zed')).output).toMatch(/Unknown person zed; expected one of ada, ben, cleo/);
	expect((await newEntry(dir, 'retro', '2026-13')).output).toMatch(/"2026-13" is not a month/);
	const nowhere = await newEntry(join(dir, 'no-such-archive'), 'decision', 'X', '--by', 'ada');
	expect(nowhere.output).toMatch(/No archive folder at .*no-such-archive/);
	expect(nowhere.code).not.toBe(0);
});

test('an experiment gets a slug from its title and is valid', async () => {
	const dir = await archiveCopy();
	const result = await newEntry(dir, 'experiment', 'Mixup α sweep!', '--by', 'cleo', '--by', 'ada', '--date', '2026-03-02');
	expect(result.output).toMatch(/experiments\/mixup-sweep\.mdx: exp:mixup-sweep, planned/);
	expect(await readFile(join(dir, 'experiments/mixup-sweep.mdx'), 'utf8')).toMatch(/^owners:\n {2}- cleo\n {2}- ada$/m);
	expect(formatIssues((await validateArchive(dir)).issues)).toBe('');
});

test('an experiment whose runs are already logged starts running, with their owners, metrics, first day and the decisions that name it', async () => {
	const dir = await archiveCopy();
	await rm(join(dir, 'experiments/warmup-trial.mdx'));
	const result = await newEntry(dir, 'experiment', 'Warmup trial', '--by', 'cleo', '--date', '2026-03-02');
	expect(result.output).toMatch(/exp:warmup-trial, running, from \d+ runs already logged/);
	const text = await readFile(join(dir, 'experiments/warmup-trial.mdx'), 'utf8');
	expect(text).toMatch(/^status: running/m);
	expect(text).toMatch(/^owners:\n {2}- cleo\n {2}- ada\n {2}- ben\n/m);
	expect(text).toMatch(/^metrics: .*\n {2}- key: val_loss\n {4}direction: min$/m);
	expect(text).toMatch(/^started: '2026-01-\d\d'$/m);
	expect(text).toMatch(/^decisions:\n {2}- DR-0004$/m);
	// Only the lesson the removed file held is missing; every reference to the experiment resolves again.
	expect(formatIssues((await validateArchive(dir)).issues)).toMatch(/^[^\n]*<Lesson id="warmup-needs-schedule-logging">: unknown lesson[^\n]*$/);
});
