import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The small, valid archive the tests build and validate. */
export const FIXTURE_ARCHIVE = fileURLToPath(new URL('./fixtures/archive/', import.meta.url));
/** The project root. */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Copies the fixture archive to a temporary folder the test may break; returns it and a cleanup. */
export async function copyFixtureArchive(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
	const dir = await mkdtemp(join(tmpdir(), 'hindsight-archive-'));
	await cp(FIXTURE_ARCHIVE, dir, { recursive: true });
	return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Replaces text in a file of an archive copy, failing loudly if the text is not there. */
export async function editFile(path: string, find: string | RegExp, replace: string): Promise<void> {
	const text = await readFile(path, 'utf8');
	const next = text.replace(find, replace);
	if (next === text) throw new Error(`editFile: ${String(find)} not found in ${path}`);
	await writeFile(path, next);
}
