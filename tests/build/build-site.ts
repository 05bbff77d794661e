import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers.ts';

/** The outcome of one `astro build`. */
export interface BuildResult {
	code: number | null;
	output: string;
}

// Vitest puts Vite's own variables (BASE_URL, MODE, NODE_ENV=test…) into process.env; a child build
// that inherited them would take BASE_URL from there instead of from --base.
const VITEST_VARIABLES = /^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/;

/** The environment of a build started from a test: the user's, minus what Vitest added. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !VITEST_VARIABLES.test(name)));
	return { ...env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

/** Runs `astro build` on an archive folder into `outDir`, as `npm run build` would, and collects its output. */
export async function buildSite(contentDir: string, outDir: string, extraArgs: string[] = [], env: Record<string, string> = {}): Promise<BuildResult> {
	// A cache of its own, so that this build never reads or races another build's content cache.
	const cacheDir = await mkdtemp(join(tmpdir(), 'hindsight-cache-'));
	try {
		return await runBuild(contentDir, outDir, extraArgs, { ...env, HINDSIGHT_CACHE_DIR: cacheDir });
	} finally {
		await rm(cacheDir, { recursive: true, force: true });
	}
}

function runBuild(contentDir: string, outDir: string, extraArgs: string[], env: Record<string, string>): Promise<BuildResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir, ...extraArgs], {
			cwd: PROJECT_ROOT,
			env: cleanEnv({ ...env, HINDSIGHT_CONTENT: contentDir }),
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, output }));
	});
}
