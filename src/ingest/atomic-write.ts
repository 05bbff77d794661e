import { randomBytes } from 'node:crypto';
import { writeSync, writevSync } from 'node:fs';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from './process-alive.ts';

const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;
const WRITE_BYTES = 64 * 1024;
// One writev takes at most IOV_MAX (1024 on Linux) pieces
const WRITE_PARTS = 512;

/**
 * Writes a file so that a reader (or a crash) sees either the old or the new content, never a
 * mix: write a temporary file in the same folder, flush it to disk, then rename it over the target.
 */
export async function writeFileAtomic(path: string, content: string | Iterable<string | Buffer>, options: AtomicWriteOptions = {}): Promise<void> {
	await (await startAtomicWrite(path, content, options)).done;
}

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
 * {@link writeFileAtomic} in two steps: resolves once the content sits in the temporary file, with
 * `done`, the flush and rename still under way. Waiting on a flush is waiting on the disk: a caller
 * with more files to write makes the next one meanwhile.
 */
export async function startAtomicWrite(path: string, content: string | Iterable<string | Buffer>, options: AtomicWriteOptions = {}): Promise<{ done: Promise<void> }> {
	const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const handle = await open(temp, 'wx');
	const discard = async (error: unknown): Promise<never> => {
		await handle.close().catch(() => {});
		await unlink(temp).catch(() => {});
		throw error;
	};
	try {
		// Pieces (a large digest, maybe made as they are asked for) are written about 64 KiB at a time,
		// so the whole never sits in memory and each piece dies young; synchronously, since a thread-pool
		// round trip per piece left this thread waiting about 0.1 s over the 76 MB of the ingest benchmark
		if (typeof content === 'string') await handle.writeFile(content, 'utf8');
		else {
			let parts: Buffer[] = [];
			let size = 0;
			for (const piece of content) {
				const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
				parts.push(bytes);
				size += bytes.length;
				if (size < WRITE_BYTES && parts.length < WRITE_PARTS) continue;
				writeAllSync(handle.fd, parts, size);
				parts = [];
				size = 0;
			}
			if (parts.length) writeAllSync(handle.fd, parts, size);
		}
	} catch (error) {
		return discard(error);
	}
	const done = (async () => {
		try {
			if (options.flush !== false) await handle.sync();
		} catch (error) {
			return discard(error);
		}
		await handle.close();
		try {
			await rename(temp, path);
		} catch (error) {
			await unlink(temp).catch(() => {});
			throw error;
		}
	})();
	// A failure is reported to whoever waits on `done`; not an unhandled rejection meanwhile
	done.catch(() => {});
	return { done };
}

/** Writes all of `parts` (`size` bytes in all), in order, at the file's current position, synchronously. */
function writeAllSync(fd: number, parts: Buffer[], size: number): void {
	let written = writevSync(fd, parts);
	if (written === size) return;
	// A short write (rare on a local disk): the rest, piece by piece
	for (const part of parts) {
		if (written >= part.length) {
			written -= part.length;
			continue;
		}
		for (let at = written; at < part.length; ) at += writeSync(fd, part, at);
		written = 0;
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
