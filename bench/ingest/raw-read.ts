// The raw read: list the store and read every file once, doing nothing with the bytes. Synchronous
// reads into one reused 64 KiB buffer: on a warm page cache a read is a memory copy, and this is the
// fastest plain way Node has to do it. An ingest cannot do less than this.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

function listFiles(dir: string, out: string[]): void {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) listFiles(join(dir, entry.name), out);
		else out.push(join(dir, entry.name));
	}
}

const started = performance.now();
const files: string[] = [];
listFiles(process.argv[2]!, files);
const buffer = Buffer.allocUnsafe(64 * 1024);
let bytes = 0;
for (const file of files) {
	const fd = openSync(file, 'r');
	try {
		for (let n = readSync(fd, buffer, 0, buffer.length, null); n > 0; n = readSync(fd, buffer, 0, buffer.length, null)) bytes += n;
	} finally {
		closeSync(fd);
	}
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms, files: files.length, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
