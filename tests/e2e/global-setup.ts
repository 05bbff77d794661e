import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from '../build/build-site.ts';
import { PROJECT_ROOT } from '../helpers.ts';
import { serveStatic } from './serve-static.ts';

/** The sub-path the example site is built for and served under, as on an intranet server. */
export const E2E_BASE = '/research/retros/';

declare module 'vitest' {
	export interface ProvidedContext {
		siteUrl: string;
	}
}

// Builds the shipped example archive once for every browser test and serves it under a sub-path.
export default async function setup(project: TestProject) {
	const outDir = await mkdtemp(join(tmpdir(), 'hindsight-e2e-'));
	const result = await buildSite(join(PROJECT_ROOT, 'content'), outDir, ['--base', E2E_BASE]);
	if (result.code !== 0) throw new Error(`The example site did not build:\n${result.output}`);
	const { url, server } = await serveStatic(outDir, E2E_BASE);
	project.provide('siteUrl', url);
	return async () => {
		await new Promise((resolve) => server.close(resolve));
		await rm(outDir, { recursive: true, force: true });
	};
}
