import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, test } from 'vitest';
import { cleanEnv } from '../build/build-site.ts';
import { copyFixtureArchive, editFile, FIXTURE_ARCHIVE, PROJECT_ROOT } from '../helpers.ts';

const run = promisify(execFile);
let cleanup: (() => Promise<void>) | undefined;
afterEach(() => cleanup?.());

async function check(dir: string) {
	try {
		const { stdout, stderr } = await run(process.execPath, ['scripts/check.ts', '--content', dir], { cwd: PROJECT_ROOT, env: cleanEnv({}) });
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const failure = error as { code: number; stdout: string; stderr: string };
		return { code: failure.code, output: failure.stdout + failure.stderr };
	}
}

test('npm run check passes a valid archive and says what it holds', async () => {
	const result = await check(FIXTURE_ARCHIVE);
	expect(result.code).toBe(0);
	expect(result.output).toMatch(/is valid: 3 people, 4 decisions, 1 experiment, 2 retros, 2 run digests\./);
});

test('npm run check reports three planted errors in three files, each with file and field, and fails', async () => {
	const copy = await copyFixtureArchive();
	cleanup = copy.cleanup;
	await editFile(join(copy.dir, 'decisions/0002-use-sqlite-store.mdx'), 'impact: [infrastructure, outputs]', 'impact: [infrastructure, vibes]');
	await editFile(join(copy.dir, 'experiments/warmup-trial.mdx'), 'owners: [ada, ben]', 'owners: [ada, bob]');
	await editFile(join(copy.dir, 'decisions/0001-store-runs-on-disk.mdx'), 'status: superseded', 'status: deprecated');
	const result = await check(copy.dir);
	expect(result.code).toBe(1);
	const lines = result.output.split('\n').filter((line) => /^\S+\.(mdx|yaml|json)/.test(line));
	expect(lines).toHaveLength(3);
	expect(result.output).toMatch(/0002-use-sqlite-store\.mdx:\d+ impact\[1\]: .*found "vibes"/);
	expect(result.output).toMatch(/warmup-trial\.mdx:\d+ owners\[1\]: unknown person "bob"/);
	expect(result.output).toMatch(
		/0001-store-runs-on-disk\.mdx:\d+ status: is "deprecated" but accepted DR-0002 and DR-0003 supersede it; expected "superseded"/
	);
	expect(result.output).toMatch(/3 problems in /);
});
