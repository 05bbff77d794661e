import { link, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Creates `path` with `text`, atomically and only if nothing is there: the text goes to a temporary
 * file first and is hard-linked into place, which fails rather than replace an existing file.
 * Returns false, writing nothing, when the file already exists.
 */
export async function createFileExclusively(path: string, text: string): Promise<boolean> {
	await mkdir(dirname(path), { recursive: true });
	const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
	await writeFile(temporary, text, { flag: 'wx' });
	try {
		await link(temporary, path);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	} finally {
		await rm(temporary, { force: true });
	}
}
