// The build benchmark's CPU figure must include descendants that the measured command never waits for
// (Pagefind's service process is one): /usr/bin/time alone does not see them.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { measure } from '../../bench/build/measure.ts';

const dir = mkdtempSync(join(tmpdir(), 'hindsight-measure-'));
const hasTime = existsSync('/usr/bin/time');
// Burns CPU time, not wall time, so a loaded machine does not shrink what the figure must show
const burn = (ms: number) => `{ const start = process.cpuUsage(); while (process.cpuUsage(start).user < ${ms * 1000}); }`;

function run(label: string, script: string) {
	return measure(label, [process.execPath, '-e', script], { cwd: dir, env: process.env, logFile: join(dir, `${label}.log`), pollMs: 50, hasTime });
}

// The /proc sum is only compared with /usr/bin/time's figure, so without GNU time there is nothing to check
it.skipIf(!hasTime)('counts the CPU of a child left running when the command exits', { timeout: 30_000 }, async () => {
	// The child burns 0.6 s of CPU, says so through a file, then burns on; the command leaves as soon as it has
	// heard, without waiting, so at least 0.6 s of the child's CPU falls while the command runs whatever the load
	const heard = join(dir, 'burnt');
	const child = `${burn(600)} require('node:fs').writeFileSync(${JSON.stringify(heard)}, ''); ${burn(1000)}`;
	const wait = `const t = setInterval(() => { if (require('node:fs').existsSync(${JSON.stringify(heard)})) { clearInterval(t); setTimeout(() => process.exit(0), 100); } }, 20);`;
	const m = await run(
		'orphan',
		`require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(child)}], { stdio: 'ignore', detached: true }).unref(); ${wait}`
	);
	expect(m.code).toBe(0);
	expect(m.unwaitedCpuSeconds).toBeGreaterThan(0.3);
	expect(m.cpuSeconds!).toBeGreaterThan(0.6);
});

it.skipIf(!hasTime)('does not count twice a child the command waited for', { timeout: 30_000 }, async () => {
	const m = await run('waited', `require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(burn(1000))}]);`);
	expect(m.code).toBe(0);
	expect(m.unwaitedCpuSeconds).toBeLessThan(0.2);
	expect(m.cpuSeconds!).toBeGreaterThan(0.6);
});
