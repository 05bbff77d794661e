// What every real-store suite does with a store: ingest it in place, read back the digests, and check the
// store was only read.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';
import { DIGEST_FILE } from '../../src/archive/read-digests.ts';
import { type IngestOptions, type IngestReport, ingest } from '../../src/ingest/pipeline.ts';
import { digestSchema, type Run } from '../../src/schemas/digest.ts';
import { tempDir, testOptions } from '../ingest/helpers/stores.ts';

/** The project's folder: the ingest runs from it, as `npm run ingest` does. */
export const REPO = resolve(import.meta.dirname, '..', '..');
/** The real run stores, beside the project, used in place. */
export const REAL = resolve(REPO, '..', 'shared', 'fixtures', 'real');

/** Every file under `dir` with its size and modification time: equal before and after means nothing was written. */
export function snapshotStore(dir: string): string {
	return (readdirSync(dir, { recursive: true }) as string[])
		.sort()
		.map((entry) => {
			const stats = statSync(join(dir, entry), { throwIfNoEntry: false });
			return `${entry} ${stats?.size} ${stats?.mtimeMs}`;
		})
		.join('\n');
}

/**
 * Ingests one store, without a cache, into a new folder, and checks the store (a SQLite file's folder) was
 * only read; the digests' runs and texts, in month order.
 */
export async function ingestRealStore(path: string, overrides: Partial<IngestOptions> = {}): Promise<{ runs: Run[]; report: IngestReport; texts: string[] }> {
	const work = tempDir('hindsight-real-');
	const storeDir = statSync(path).isDirectory() ? path : dirname(path);
	const before = snapshotStore(storeDir);
	const report = await ingest(testOptions([path], work, { cwd: REPO, cacheDir: null, ...overrides }));
	expect(snapshotStore(storeDir), 'the store is read in place, nothing changed').toBe(before);
	const out = join(work, 'out');
	// The digests, not the run index beside them.
	const names = existsSync(out) ? readdirSync(out).filter((name) => DIGEST_FILE.test(name)) : [];
	const texts = names.sort().map((name) => readFileSync(join(out, name), 'utf8'));
	return { runs: texts.flatMap((text) => digestSchema.parse(JSON.parse(text)).runs), report, texts };
}
