import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive } from './process-alive.ts';

/** Thrown when another ingest holds the lock and we may not wait (longer). */
export class LockHeldError extends Error {}

interface LockInfo {
	pid: number;
	host: string;
	startedAt: string;
}

async function readLock(path: string): Promise<LockInfo | null> {
	try {
		return JSON.parse(await readFile(path, 'utf8')) as LockInfo;
	} catch {
		return null;
	}
}

/**
 * Takes an exclusive lock file (created with O_EXCL, so two processes cannot both win). A lock left
 * by a process that no longer exists on this host is taken over. Otherwise waits up to `waitMs`,
 * then refuses with a message naming the holder. Returns the release function.
 */
export async function acquireLock(path: string, waitMs: number, what: string): Promise<() => Promise<void>> {
	await mkdir(dirname(path), { recursive: true });
	const deadline = Date.now() + waitMs;
	for (;;) {
		try {
			const handle = await open(path, 'wx');
			const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
			await handle.writeFile(JSON.stringify(info));
			await handle.close();
			let released = false;
			return async () => {
				if (released) return;
				released = true;
				await unlink(path).catch(() => {});
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const holder = await readLock(path);
		if (holder && holder.host === hostname() && !isProcessAlive(holder.pid)) {
			await unlink(path).catch(() => {});
			continue;
		}
		if (Date.now() >= deadline) {
			const who = holder ? `process ${holder.pid} on ${holder.host}, started ${holder.startedAt}` : 'another process';
			throw new LockHeldError(
				`another ingest is already writing ${what} (${who}). Wait for it to finish, or pass --wait <seconds> to queue behind it. ` +
					`If no ingest is running, delete the lock file ${path}.`
			);
		}
		await sleep(Math.min(200, Math.max(10, deadline - Date.now())));
	}
}
