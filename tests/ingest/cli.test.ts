import { tmpdir } from 'node:os';
import { expect, it, vi } from 'vitest';
import { parseIngestArgs, runIngestCli } from '../../src/ingest/cli.ts';

it('a store path that does not exist is a usage error naming it, and nothing is read', async () => {
	const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
	try {
		expect(await runIngestCli(['no/such/store', 'nor/this'], tmpdir())).toBe(2);
		expect(stderr.mock.calls.map(([text]) => String(text)).join('')).toBe('ingest: no such file or folder: no/such/store, nor/this\n');
	} finally {
		stderr.mockRestore();
	}
});

it('--full-check asks the ingest to check every file of every run', () => {
	const withFlag = parseIngestArgs(['store', '--full-check'], tmpdir());
	const without = parseIngestArgs(['store'], tmpdir());
	expect('options' in withFlag && withFlag.options.fullCheck).toBe(true);
	expect('options' in without && without.options.fullCheck).toBe(false);
});
