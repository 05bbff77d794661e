import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

// One buffer for every small file (a run's params, tags, meta.yaml): reads are synchronous, so no
// two ever share it at once. It grows for a larger file (a long note) and shrinks back after it.
const SMALL = 16 * 1024;
let shared = Buffer.allocUnsafe(SMALL);

/**
 * Fills in the size and mtime of a file a walk left unlooked-at (`walkFilesSync` without `statFiles`)
 * from its open descriptor; returns the size.
 */
export function statOpenFile(fd: number, file: { size: number; mtimeMs: number }): number {
	const info = fstatSync(fd);
	file.size = info.size;
	file.mtimeMs = info.mtimeMs;
	return info.size;
}

/**
 * Reads a small file as UTF-8, whole, as `readFileSync(path, 'utf8')` would, in fewer system calls:
 * the listing knows the file's size, so there is no `fstat`, and a read that comes back short at that
 * size is taken as the end (no second read to see 0 bytes). A file that grew since it was listed is
 * read on to its new end. A run's params and tags are five of these on average. A file the listing
 * did not look at (`unlisted`, size NaN) gets its size and mtime from the open file, filled in there.
 */
export function readSmallTextFile(path: string, listedSize: number, unlisted?: { size: number; mtimeMs: number }): string {
	const fd = openSync(path, 'r');
	try {
		if (unlisted && Number.isNaN(unlisted.size)) listedSize = statOpenFile(fd, unlisted);
		// Room for one byte past the listed size, so that a read stopping short proves the end
		if (shared.length <= listedSize) shared = Buffer.allocUnsafe(Math.max(listedSize + 1, shared.length * 2));
		let total = 0;
		for (;;) {
			if (total === shared.length) {
				const bigger = Buffer.allocUnsafe(shared.length * 2);
				shared.copy(bigger, 0, 0, total);
				shared = bigger;
			}
			const wanted = shared.length - total;
			const n = readSync(fd, shared, total, wanted, null);
			total += n;
			if (n === 0 || (n < wanted && total === listedSize)) break;
		}
		const text = shared.toString('utf8', 0, total);
		if (shared.length > 64 * SMALL) shared = Buffer.allocUnsafe(SMALL);
		return text;
	} finally {
		closeSync(fd);
	}
}
