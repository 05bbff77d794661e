// The raw-read limit: list the store and read every file once, doing nothing with the bytes.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimit } from '../../src/runs/pool.ts';

async function listFiles(dir: string, out: string[]): Promise<void> {
	for (const e of await readdir(dir, { withFileTypes: true })) {
		if (e.isDirectory()) await listFiles(join(dir, e.name), out);
		else out.push(join(dir, e.name));
	}
}

const started = performance.now();
const files: string[] = [];
await listFiles(process.argv[2]!, files);
let bytes = 0;
await mapLimit(files, 16, async (f) => {
	const n = (await readFile(f)).length;
	bytes += n;
});
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, files: files.length, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
