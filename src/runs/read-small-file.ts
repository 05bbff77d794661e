import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

// One buffer for every small file (a run's params, tags, meta.yaml): reads are synchronous, so no
// two ever share it at once. It grows for a larger file (a long note) and shrinks back after it.
const SMALL = 16 * 1024;
let shared = Buffer.allocUnsafe(SMALL);

/** A file's size and mtime as a listing saw them; NaN when the listing did not look (`walkFilesSync` without `statFiles`). */
export interface ListedFile {
	size: number;
	mtimeMs: number;
}

/**
 * The size a listing saw of the file open at `fd`: a number as it is, or a {@link ListedFile}, whose size
 * and mtime are filled in from the open descriptor when the listing left them NaN.
 */
export function listedSize(fd: number, listed: number | ListedFile): number {
	if (typeof listed === 'number') return listed;
	if (Number.isNaN(listed.size)) {
		const info = fstatSync(fd);
		listed.size = info.size;
		listed.mtimeMs = info.mtimeMs;
	}
	return listed.size;
}

/**
 * Reads a small file as UTF-8, whole, as `readFileSync(path, 'utf8')` would, in fewer system calls:
 * the listing knows the file's size, so there is no `fstat`, and a read that comes back short at that
 * size is taken as the end (no second read to see 0 bytes). A file that grew since it was listed is
 * read on to its new end. A run's params and tags are five of these on average. A file the listing
 * did not look at (a {@link ListedFile} with NaN) gets its size and mtime from the open file.
 */
export function readSmallTextFile(path: string, listed: number | ListedFile): string {
	const fd = openSync(path, 'r');
	try {
		const size = listedSize(fd, listed);
		// Room for one byte past the listed size, so that a read stopping short proves the end
		if (shared.length <= size) shared = Buffer.allocUnsafe(Math.max(size + 1, shared.length * 2));
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
			if (n === 0 || (n < wanted && total === size)) break;
		}
		const text = shared.toString('utf8', 0, total);
		if (shared.length > 64 * SMALL) shared = Buffer.allocUnsafe(SMALL);
		return text;
	} finally {
		closeSync(fd);
	}
}
