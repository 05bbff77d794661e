import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildEditUrl } from '../../src/model/edit-url.ts';
import { siteOptionsSchema } from '../../src/schemas/index.ts';
import { copyFixtureArchive } from '../helpers.ts';
import { type BuildResult, buildSite } from './build-site.ts';
import { readText } from './inspect-dist.ts';

// A self-hosted forge that is neither GitHub nor GitLab, to show the pattern assumes no host.
const PATTERN = 'https://forge.lab.internal/ml/archive/src/branch/main/{path}?mode=edit';

test('an edit address fills the file path into the pattern, escaped part by part; no pattern, no address', () => {
	expect(buildEditUrl(PATTERN, 'decisions/0002-use-sqlite-store.mdx')).toBe(
		'https://forge.lab.internal/ml/archive/src/branch/main/decisions/0002-use-sqlite-store.mdx?mode=edit'
	);
	expect(buildEditUrl('https://git.example.org/-/edit/main/{path}', 'people/a b#c.yaml')).toBe('https://git.example.org/-/edit/main/people/a%20b%23c.yaml');
	expect(buildEditUrl(undefined, 'retros/2026-02.mdx')).toBeUndefined();
});

test('hindsight.yaml rejects an edit pattern without {path}', () => {
	expect(siteOptionsSchema.safeParse({ editUrl: 'https://git.example.org/edit/main/' }).success).toBe(false);
	expect(siteOptionsSchema.safeParse({ editUrl: PATTERN }).success).toBe(true);
});

let outDir: string;
let build: BuildResult;
let archive: Awaited<ReturnType<typeof copyFixtureArchive>>;

beforeAll(async () => {
	archive = await copyFixtureArchive();
	await writeFile(join(archive.dir, 'hindsight.yaml'), `title: Fixture Lab archive\neditUrl: ${PATTERN}\n`);
	outDir = await mkdtemp(join(tmpdir(), 'hindsight-edit-'));
	build = await buildSite(archive.dir, outDir);
});
afterAll(() => Promise.all([rm(outDir, { recursive: true, force: true }), archive.cleanup()]));

const editLinkOf = async (file: string) =>
	/<p class="edit-link[^"]*"><a href="([^"]+)">Edit this page<\/a>/.exec(await readText(outDir, file))?.[1]?.replaceAll('&amp;', '&');

test.each([
	['decisions/dr-0002/index.html', 'decisions/0002-use-sqlite-store.mdx'],
	['months/2026-02/index.html', 'retros/2026-02.mdx'],
	['experiments/warmup-trial/index.html', 'experiments/warmup-trial.mdx'],
	['people/ada/index.html', 'people/ada.yaml'],
])('%s links to where %s is edited', async (page, file) => {
	expect(build.code, build.output).toBe(0);
	expect(await editLinkOf(page)).toBe(PATTERN.replace('{path}', file));
});

test('pages not made from one file have no edit link', async () => {
	expect(build.code, build.output).toBe(0);
	for (const page of ['index.html', 'decisions/index.html', 'lessons/2026/index.html']) expect(await editLinkOf(page), page).toBeUndefined();
});
