import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateArchive } from '../../bench/archive/generate.ts';
import { type DevServer, fetchPage, startDevServer, waitForPage } from '../../bench/dev/dev-server.ts';
import { updateRunIndex } from '../../src/archive/run-index.ts';
import { cleanEnv } from '../build/build-site.ts';
import { PROJECT_ROOT } from '../helpers.ts';

// `npm run dev` on an archive of several busy years (the benchmark generator's): a month page is served
// whole, the archive's problems are reported, and an edit to its retro or its digests shows on a later request.
const MONTH = '2025-06';
let work: string;
let archiveDir: string;
let server: DevServer | undefined;
let url: string;

beforeAll(async () => {
	work = await mkdtemp(join(tmpdir(), 'hindsight-dev-large-'));
	archiveDir = join(work, 'archive');
	await generateArchive({ outDir: archiveDir, seed: 7, years: 3 });
	// A reference in prose to a record that does not exist: reported once the first page is served.
	const other = join(archiveDir, 'retros', '2024-02.mdx');
	await writeFile(other, `${await readFile(other, 'utf8')}\n\nAs DR-9999 settled.\n`);
	// A digest edited by hand to a status no tool writes, its size unchanged so that the run index still
	// vouches for it: the digests are checked once the server is quiet, and this is reported then.
	const edited = join(archiveDir, 'runs', '2023-03.json');
	await writeFile(edited, (await readFile(edited, 'utf8')).replace('"status":"finished"', '"status":"finishez"'));
	const port = 4500 + Math.floor(Math.random() * 400);
	url = `http://127.0.0.1:${port}/months/${MONTH}/`;
	server = startDevServer([process.execPath, 'node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port), '--host', '127.0.0.1'], {
		cwd: PROJECT_ROOT,
		env: cleanEnv({ HINDSIGHT_CONTENT: archiveDir, HINDSIGHT_CACHE_DIR: join(work, 'cache'), ASTRO_DISABLE_UPDATE_CHECK: 'true' }),
		logFile: join(work, 'dev.log'),
		pollMs: 1000,
	});
}, 60_000);

afterAll(async () => {
	await server?.stop();
	await rm(work, { recursive: true, force: true });
});

const untilShown = (word: string, pageUrl = url) => waitForPage(pageUrl, (text) => text.includes(word), performance.now(), { timeoutMs: 60_000, pollMs: 100 });

test('a month page of a large archive is served whole, and edits to its retro and digest show', async () => {
	const first = await waitForPage(url, (text) => text.includes('</html>'), server!.startedAt, { timeoutMs: 150_000, pollMs: 250 }).catch(
		async (error: Error) => {
			throw new Error(`${error.message}\n${await readFile(join(work, 'dev.log'), 'utf8')}`);
		}
	);
	expect(first.errors).toEqual([]);
	expect(first.page.text).toContain('<h2 id="runs">Runs</h2>');
	expect(first.page.text).toMatch(/<tr id="/);
	expect(first.page.text).not.toContain('vite-error-overlay');
	await expect.poll(() => readFile(join(work, 'dev.log'), 'utf8'), { timeout: 30_000 }).toMatch(/2024-02\.mdx:\d+: unknown decision "DR-9999" in the text/);
	const log = await readFile(join(work, 'dev.log'), 'utf8');
	expect(log).toMatch(/runs\/2023-03\.json runs\[\d+\]\.status: .*finishez/);
	// Each problem is reported once: not by the first check and again by the one run when quiet.
	expect(log.match(/DR-9999/g)).toHaveLength(1);

	const retro = join(archiveDir, 'retros', `${MONTH}.mdx`);
	await writeFile(retro, `${await readFile(retro, 'utf8')}\n\nA sentence added while the server runs: quillwort.\n`);
	const edited = await untilShown('quillwort');
	expect(edited.errors).toEqual([]);
	expect(edited.page.text).toContain('</html>');

	// A re-ingest of the month: its digest and the run index rewritten.
	const digest = join(archiveDir, 'runs', `${MONTH}.json`);
	const text = await readFile(digest, 'utf8');
	const name = /"name":"([^"]+)"/.exec(text)![1]!;
	await writeFile(digest, text.replace(`"name":"${name}"`, `"name":"renamed-${name}"`));
	await updateRunIndex(join(archiveDir, 'runs'), new Set([MONTH]));
	const renamed = await untilShown(`renamed-${name}`);
	expect(renamed.errors).toEqual([]);
	expect((await fetchPage(url)).text).toContain('</html>');

	// Another month's digest is edited by hand, leaving the run index out of date: the pages read every digest
	// again, and both months show what their files hold.
	const otherMonth = '2025-05';
	const otherDigest = join(archiveDir, 'runs', `${otherMonth}.json`);
	const otherText = await readFile(otherDigest, 'utf8');
	const otherName = /"name":"([^"]+)"/.exec(otherText)![1]!;
	await writeFile(otherDigest, otherText.replace(`"name":"${otherName}"`, `"name":"renamed-${otherName}"`));
	const otherShown = await untilShown(`renamed-${otherName}`, url.replace(MONTH, otherMonth));
	expect(otherShown.errors).toEqual([]);
	expect((await fetchPage(url)).text).toContain(`renamed-${name}`);
}, 240_000);
