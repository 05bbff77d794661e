// End to end: every fixture folder through `scripts/import-adrs.ts` into one copy of the fixture archive,
// which must then pass the archive check and build (one build for all formats; builds are slow).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { parseFrontmatter } from '../../../src/archive/frontmatter.ts';
import { formatIssues } from '../../../src/archive/issues.ts';
import { validateArchive } from '../../../src/archive/validate-archive.ts';
import { buildSite, cleanEnv } from '../../build/build-site.ts';
import { copyFixtureArchive, PROJECT_ROOT } from '../../helpers.ts';
import { ADR_FIXTURES } from './helpers.ts';

const run = promisify(execFile);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
	await Promise.all(cleanups.map((cleanup) => cleanup()));
});

async function temporaryDir(prefix: string) {
	const dir = await mkdtemp(join(tmpdir(), prefix));
	cleanups.push(() => rm(dir, { recursive: true, force: true }));
	return dir;
}

/** Runs `npm run import-adrs -- …`; resolves with exit code and output. */
async function importAdrs(...args: string[]) {
	try {
		const { stdout, stderr } = await run(process.execPath, ['scripts/import-adrs.ts', ...args], { cwd: PROJECT_ROOT, env: cleanEnv({}) });
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const failure = error as { code: number; stdout: string; stderr: string };
		return { code: failure.code, output: failure.stdout + failure.stderr };
	}
}

/** The frontmatter of every decision record in the archive, by id. */
async function readDecisions(dir: string) {
	const files = (await readdir(join(dir, 'decisions'))).filter((file) => file.endsWith('.mdx'));
	const records = await Promise.all(files.map(async (file) => ({ file, ...parseFrontmatter(await readFile(join(dir, 'decisions', file), 'utf8')) })));
	return new Map(records.map((record) => [record.data['id'] as string, record]));
}

test('an ADR folder in each supported format imports into records that pass the archive check and build', { timeout: 120_000 }, async () => {
	const { dir, cleanup } = await copyFixtureArchive();
	cleanups.push(cleanup);
	// MADR without metadata dates its records by file modification day; fix it so the test does not depend on the checkout.
	const undated = join(await temporaryDir('hindsight-adrs-'), 'madr-no-frontmatter');
	await cp(join(ADR_FIXTURES, 'madr-no-frontmatter'), undated, { recursive: true });
	for (const file of await readdir(undated)) await utimes(join(undated, file), new Date(2024, 6, 1, 12), new Date(2024, 6, 1, 12));

	const outputs: Record<string, string> = {};
	for (const [name, folder] of [
		['madr2', join(ADR_FIXTURES, 'madr2')],
		['madr3', join(ADR_FIXTURES, 'madr3')],
		['madr4', join(ADR_FIXTURES, 'madr4')],
		['madr-no-frontmatter', undated],
		['adr-tools', join(ADR_FIXTURES, 'adr-tools')],
		['log4brains', join(ADR_FIXTURES, 'log4brains')],
		['folder-per-record', join(ADR_FIXTURES, 'folder-per-record')],
	] as const) {
		// The fixtures sit in this project's repository, whose history is not theirs. adr-tools names no
		// deciders, and is imported without --decider: its records say their deciders were not recorded.
		const credit = name === 'adr-tools' ? [] : ['--decider', 'ada'];
		const result = await importAdrs(folder, '--content', dir, '--no-history', ...credit, '--impact', 'training');
		expect(result.code, result.output).toBe(0);
		outputs[name] = result.output;
	}
	expect(outputs['madr2']).toContain("Ids: numbered from DR-0005 in the ADRs' order, because the archive already uses DR-0001, DR-0002, DR-0003, DR-0004.");
	expect(outputs['madr2']).toMatch(
		/madr2\/0002-store-training-data-as-parquet-shards\.md \[MADR 2\.x\]: became decisions\/0006-store-training-data-as-parquet-shards\.mdx \(DR-0006, superseded\)\n.*\n {4}! deciders: not a person of the archive \(by id, name or alias\): Priya Raman/
	);
	expect(outputs['madr2']).toContain('madr2/README.md: not an ADR, left out');
	expect(outputs['madr2']).toContain('Imported 4, skipped 0, not ADRs 2; 1 warning(s), 0 error(s).');
	expect(outputs['madr3']).toContain('Ids: every ADR keeps its own number.');
	expect(outputs['madr4']).toContain('! deciders: none of the deciders the ADR names is a person of the archive; set to ada (--decider)');
	expect(outputs['adr-tools']).toContain('! deciders: none named, and the file has no version history; marked as not recorded (decidersNotRecorded: true)');
	expect(outputs['madr-no-frontmatter']).toContain("! date: no date in the ADR; used 2024-07-01, the file's modification day");
	expect(outputs['madr-no-frontmatter']).toContain('! status: no status in the ADR; set to proposed');
	expect(outputs['adr-tools']).toContain('! body: image diagrams/storage-layout.png (no such file in the ADR folder)');
	expect(outputs['log4brains']).toContain('- status: "draft" read as proposed');

	const decisions = await readDecisions(dir);
	const summary = (id: string) => {
		const data = decisions.get(id)?.data ?? {};
		return `${data['status']} ${data['date']} [${(data['supersedes'] as string[]).join(',')}] ${(data['deciders'] as string[]).join(',')}`;
	};
	// MADR 2, renumbered: ADR 2 superseded by ADR 4.
	expect(summary('DR-0006')).toBe('superseded 2024-03-11 [] ada');
	expect(summary('DR-0008')).toBe('accepted 2024-06-17 [DR-0006] ada,ben');
	// MADR 3, own numbers: ADR 11 superseded by ADR 13; consulted by name.
	expect(summary('DR-0011')).toBe('superseded 2024-05-20 [] ada');
	expect(summary('DR-0013')).toBe('accepted 2024-09-09 [DR-0011] ada');
	expect(decisions.get('DR-0013')!.data['consulted']).toEqual(['cleo']);
	expect(summary('DR-0012')).toBe('rejected 2024-06-03 [] ben');
	// MADR 4: "superseded by ADR-0023" and "Supersedes ADR-0021."
	expect(summary('DR-0021')).toBe('superseded 2025-02-10 [] ada');
	expect(summary('DR-0023')).toBe('accepted 2025-04-14 [DR-0021] ada');
	expect(summary('DR-0022')).toBe('proposed 2025-03-03 [] ada');
	// MADR without front matter: defaults everywhere, the link still carried over.
	expect(summary('DR-0032')).toBe('proposed 2024-07-01 [DR-0031] ada');
	// adr-tools, renumbered after the highest id: ADR 2 "Superceded by" ADR 4.
	expect(summary('DR-0034')).toBe('superseded 2023-11-20 [] ');
	expect(summary('DR-0036')).toBe('accepted 2024-02-12 [DR-0034] ');
	expect(decisions.get('DR-0036')!.data['decidersNotRecorded']).toBe(true);
	// Log4brains, numbered by date: FP16 superseded by BF16; the draft is proposed.
	expect(summary('DR-0039')).toBe('superseded 2024-01-15 [] ada');
	expect(summary('DR-0041')).toBe('accepted 2024-03-01 [DR-0039] ada,ben');
	expect(summary('DR-0040')).toBe('proposed 2024-02-20 [] cleo');
	expect(decisions.get('DR-0040')!.data['tags']).toEqual(['regularisation', 'label-noise']);
	expect(decisions.size).toBe(4 + 4 + 4 + 4 + 3 + 5 + 5 + 3);
	// One record per folder, numbered after the others: the tokenizer (no date in its name) first, then by date.
	expect(summary('DR-0044')).toBe('superseded 2024-02-05 [] ada');
	expect(summary('DR-0045')).toBe('accepted 2024-04-10 [DR-0044] ada,ben');

	const imported = await readFile(join(dir, 'decisions', '0008-store-training-data-in-delta-tables.mdx'), 'utf8');
	expect(imported).toContain('DR-0006 gave us Parquet shards');
	expect(imported).toMatch(
		/^summary: DR-0006 gave us Parquet shards, but relabelling a crop means rewriting its whole shard, and we cannot tell which labels a past run trained on\.$/m
	);

	const { issues } = await validateArchive(dir);
	expect(formatIssues(issues)).toBe('');

	const outDir = await temporaryDir('hindsight-adr-build-');
	const build = await buildSite(dir, outDir);
	expect(build.code, build.output).toBe(0);
	const page = await readFile(join(outDir, 'decisions/dr-0007/index.html'), 'utf8');
	expect(page).toMatch(/cuDNN 8\.9 (&lt;|&#x3C;)= the version in the other\. Unpinned/);
	expect(page).toContain('nvidia/cuda@sha256:{digest}');
	expect(await readFile(join(outDir, 'decisions/dr-0036/index.html'), 'utf8')).toContain('Deciders not recorded in the original record.');
	// References in code nested in lists, inline code, comments and link URLs are not read as mentions.
	const annotated = await readFile(join(outDir, 'decisions/dr-0042/index.html'), 'utf8');
	expect(annotated).toMatch(/<code>@deprecated<\/code>/);
	expect(annotated.replace(/<[^>]+>/g, '')).toContain('@param path the shard, e.g. exp:not-an-experiment');
	const cached = await readFile(join(outDir, 'decisions/dr-0044/index.html'), 'utf8');
	const image = cached.match(/<img\b[^>]*>/g)?.find((tag) => tag.includes('alt="Cache layout"'));
	expect(image, 'the image a folder record shows').toMatch(/src="[^"]+\.(png|webp)"/);
	expect(annotated).not.toMatch(/href="[^"]*people\/(param|see|code|return)/);

	// A second import of the same folder finds every ADR already there and writes nothing.
	const again = await importAdrs(join(ADR_FIXTURES, 'madr3'), '--content', dir);
	expect(again.code).toBe(1);
	expect(again.output).toContain('already imported as DR-0010 (same content); skipped');
	expect(again.output).toContain('Nothing was imported.');
	expect((await readDecisions(dir)).size).toBe(decisions.size);
});

test('--dry-run writes nothing; bad input is refused with a non-zero exit', { timeout: 60_000 }, async () => {
	const { dir, cleanup } = await copyFixtureArchive();
	cleanups.push(cleanup);
	const before = await readdir(join(dir, 'decisions'));
	const dry = await importAdrs(join(ADR_FIXTURES, 'log4brains'), '--content', dir, '--dry-run');
	expect(dry.code, dry.output).toBe(0);
	expect(dry.output).toContain('20240301-train-in-bf16.md [Log4brains]: would become decisions/0008-train-in-bf16.mdx (DR-0008, accepted)');
	expect(dry.output).toContain('Dry run, nothing written: would import 5, skipped 0, not ADRs 2');
	expect(await readdir(join(dir, 'decisions'))).toEqual(before);

	const proposed = await importAdrs(join(ADR_FIXTURES, 'madr2'), '--content', dir, '--no-history', '--dry-run');
	expect(proposed.code, proposed.output).toBe(0);
	expect(proposed.output).toContain(
		'person(s) the ADRs or their history name are not in the archive. Save these files (or run again with --write-people) to credit them:'
	);
	expect(proposed.output).toMatch(
		/ {2}people\/priya-raman\.yaml \(from 0002-store-training-data-as-parquet-shards\.md\)\n {4}# Proposed by npm run import-adrs/
	);
	expect(await readdir(join(dir, 'people'))).not.toContain('priya-raman.yaml');

	const missing = await importAdrs(join(ADR_FIXTURES, 'no-such-folder'), '--content', dir);
	expect(missing.code).toBe(2);
	expect(missing.output).toMatch(/Could not read the ADR folder .*no-such-folder: ENOENT/);

	const badOptions = await importAdrs(join(ADR_FIXTURES, 'madr3'), '--content', dir, '--impact', 'speed', '--decider', 'zed');
	expect(badOptions.code).toBe(2);
	expect(badOptions.output).toContain(
		'--impact "speed" is not an impact area; expected one of assumptions, data, preprocessing, training, evaluation, outputs, infrastructure.'
	);
	expect(badOptions.output).toContain('--decider "zed" is not a person of the archive; expected one of ada, ben, cleo.');
});
