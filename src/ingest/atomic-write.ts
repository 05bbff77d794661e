import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from './process-alive.ts';

const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/** How {@link writeFileAtomic} writes. */
export interface AtomicWriteOptions {
	/**
	 * Flush the file to disk before the rename (default true). Without it a power cut may leave the
	 * old content, or an empty or torn file: only for a file that is safe to lose, such as a cache
	 * that is read as empty when it does not parse.
	 */
	flush?: boolean;
}

/**
 * Writes a file so that a reader (or a crash) sees either the old or the new content, never a mix:
 * a temporary file in the same folder, flushed to disk, then renamed over the target.
 */
export async function writeFileAtomic(path: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
	const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const handle = await open(temp, 'wx');
	try {
		await handle.writeFile(content, 'utf8');
		if (options.flush !== false) await handle.sync();
		await handle.close();
		await rename(temp, path);
	} catch (error) {
		await handle.close().catch(() => {});
		await unlink(temp).catch(() => {});
		throw error;
	}
}

/** Removes temporary files that an ingest killed mid-write left behind (their process is gone). */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
	const removed: string[] = [];
	let names: string[];
	try {
		names = await readdir(dir);
	} catch {
		return removed;
	}
	for (const name of names) {
		const match = TEMP.exec(name);
		if (match && !isProcessAlive(Number(match[2]))) {
			await unlink(join(dir, name)).catch(() => {});
			removed.push(name);
		}
	}
	return removed;
}
