import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const CHILD = fileURLToPath(new URL('./memory/heap-child.ts', import.meta.url));

test('releaseFreedMemory gives the pages of collected garbage back to the system', () => {
	const { beforeMB, afterMB } = JSON.parse(execFileSync(process.execPath, [CHILD], { encoding: 'utf8' })) as { beforeMB: number; afterMB: number };
	// A plain full collection leaves them pooled: the process would stay near `beforeMB`.
	expect(beforeMB - afterMB).toBeGreaterThan(200);
	expect(afterMB).toBeLessThan(beforeMB / 2);
});
