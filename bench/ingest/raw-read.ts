// The raw-read limit: list the store and read every file once, doing nothing with the bytes.
//
// Synchronous calls into one reused 64 KiB buffer: on a warm page cache a read is a memory copy of a
// few µs, and this is the fastest plain way Node has to do it (the ingest reads metric files the
// same way). An earlier version used `readFile` through a 16-wide promise pool: a libuv thread-pool
// round trip, a fresh buffer and an fstat per file made it 5–7× slower than this, a floor far too
// low to judge ingest against.
//
// `--threads N` splits the files between N worker threads (the ingest reads with up to one worker
// per core), so the limit can be measured for the same parallelism as the ingest.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

function readAll(files: string[]): number {
	const buf = Buffer.allocUnsafe(64 * 1024);
	let bytes = 0;
	for (const f of files) {
		const fd = openSync(f, 'r');
		try {
			for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) bytes += n;
		} finally {
			closeSync(fd);
		}
	}
	return bytes;
}

if (!isMainThread) {
	parentPort!.postMessage(readAll(workerData as string[]));
} else {
	const root = process.argv[2]!;
	const threadsAt = process.argv.indexOf('--threads');
	const threads = threadsAt > 0 ? Number(process.argv[threadsAt + 1]) : 1;
	const started = performance.now();
	const files: string[] = [];
	const listFiles = (dir: string): void => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			if (e.isDirectory()) listFiles(join(dir, e.name));
			else files.push(join(dir, e.name));
		}
	};
	listFiles(root);
	let bytes = 0;
	if (threads <= 1) bytes = readAll(files);
	else {
		const shares = Array.from({ length: threads }, (_, t) => files.filter((_, i) => i % threads === t));
		const counts = await Promise.all(
			shares.map(
				(share) =>
					new Promise<number>((resolve, reject) => {
						const worker = new Worker(new URL(import.meta.url), { workerData: share });
						worker.once('message', resolve);
						worker.once('error', reject);
					}),
			),
		);
		bytes = counts.reduce((a, b) => a + b, 0);
	}
	const ms = performance.now() - started;
	process.stdout.write(JSON.stringify({ ms, threads, files: files.length, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}
