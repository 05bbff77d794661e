// Ingests real stores three times (cold, unchanged with the cache, again without it) and asserts the
// digests are the same bytes each time and the unchanged ingest read no run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ingest } from '../../src/ingest/pipeline.ts';
import { tempDir, testOptions } from '../ingest/helpers/stores.ts';

function readDigestTexts(out: string): string[] {
	return readdirSync(out)
		.sort()
		.map((name) => readFileSync(join(out, name), 'utf8'));
}

export async function expectStableReingest(paths: string[], cwd: string): Promise<void> {
	const work = tempDir('hindsight-real-again-');
	const out = join(work, 'out');
	await ingest(testOptions(paths, work, { cwd }));
	const first = readDigestTexts(out);
	const again = await ingest(testOptions(paths, work, { cwd }));
	expect(again.runsRead).toBe(0);
	expect(readDigestTexts(out)).toEqual(first);
	await ingest(testOptions(paths, work, { cwd, cacheDir: null }));
	expect(readDigestTexts(out)).toEqual(first);
}
