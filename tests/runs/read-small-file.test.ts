// Small run files (params, tags, meta.yaml) are read with the size the listing saw: the text must be
// the file's whole content whether that size is right, too small (the file grew) or too large.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readSmallTextFile } from '../../src/runs/read-small-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'hindsight-small-'));

it('reads the whole file as UTF-8 whatever size the listing saw', () => {
	const cases = ['', 'adam', 'ünïcödé ✓', 'x'.repeat(40_000), 'y'.repeat(2_000_000)];
	cases.forEach((text, i) => {
		const path = join(dir, `f${i}`);
		writeFileSync(path, text);
		const size = Buffer.byteLength(text);
		for (const listed of [size, Math.max(0, size - 3), size + 10, 0]) expect(readSmallTextFile(path, listed), `case ${i}, listed ${listed}`).toBe(text);
	});
});
