// The build benchmark's CPU figure must include descendants that the measured command never waits for
// (Pagefind's service process is one): /usr/bin/time alone does not see them.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { measure } from '../../bench/build/measure.ts';

const dir = mkdtempSync(join(tmpdir(), 'hindsight-measure-'));
const hasTime = existsSync('/usr/bin/time');
const burn = (ms: number) => `const end = Date.now() + ${ms}; while (Date.now() < end);`;

function run(label: string, script: string) {
	return measure(label, [process.execPath, '-e', script], { cwd: dir, env: process.env, logFile: join(dir, `${label}.log`), pollMs: 50, hasTime });
}

it('counts the CPU of a child left running when the command exits', { timeout: 30_000 }, async () => {
	// The child burns for 2 s; the command leaves after 1 s without waiting for it
	const m = await run('orphan', `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(burn(2000))}], { stdio: 'ignore', detached: true }).unref(); setTimeout(() => process.exit(0), 1000);`);
	expect(m.code).toBe(0);
	if (!hasTime) return; // the /proc sum is only compared with /usr/bin/time's figure
	expect(m.unwaitedCpuSeconds).toBeGreaterThan(0.3);
	expect(m.cpuSeconds!).toBeGreaterThan(0.6);
});

it('does not count twice a child the command waited for', { timeout: 30_000 }, async () => {
	const m = await run('waited', `require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(burn(1000))}]);`);
	expect(m.code).toBe(0);
	if (!hasTime) return;
	expect(m.unwaitedCpuSeconds).toBeLessThan(0.2);
	expect(m.cpuSeconds!).toBeGreaterThan(0.6);
});
