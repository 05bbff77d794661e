import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { formatIssues } from '../../src/archive/issues.ts';
import { validateArchive } from '../../src/archive/validate-archive.ts';
import { copyFixtureArchive, editFile, FIXTURE_ARCHIVE } from '../helpers.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
	await cleanup?.();
	cleanup = undefined;
});

async function brokenArchive(edits: (dir: string) => Promise<void>) {
	const copy = await copyFixtureArchive();
	cleanup = copy.cleanup;
	await edits(copy.dir);
	return validateArchive(copy.dir, copy.dir);
}

test('the fixture archive is valid', async () => {
	const { issues, archive } = await validateArchive(FIXTURE_ARCHIVE);
	expect(formatIssues(issues)).toBe('');
	expect(archive.decisions).toHaveLength(4);
});

test('an invalid status and an unknown author in two files are both reported, with file, field and id', async () => {
	const { issues } = await brokenArchive(async (dir) => {
		await editFile(join(dir, 'decisions/0003-write-manifests.mdx'), 'status: accepted', 'status: approved');
		await editFile(join(dir, 'retros/2026-01.mdx'), 'authors: [ada, ben]', 'authors: [ada, zoe]');
	});
	const report = formatIssues(issues);
	expect(issues).toHaveLength(2);
	expect(report).toMatch(/decisions\/0003-write-manifests\.mdx:5 status: .*found "approved"/);
	expect(report).toMatch(/retros\/2026-01\.mdx:4 authors\[1\]: unknown person "zoe"; expected one of ada, ben, cleo/);
});

test('unknown references in every kind of field are reported', async () => {
	const { issues } = await brokenArchive(async (dir) => {
		await editFile(join(dir, 'decisions/0002-use-sqlite-store.mdx'), 'consulted: [cleo]', 'consulted: [cleo, dan]');
		await editFile(join(dir, 'decisions/0004-zscore-inputs.mdx'), 'experiments: [warmup-trial]', 'experiments: [warmup-triall]');
		await editFile(join(dir, 'experiments/warmup-trial.mdx'), 'decisions: [DR-0004]', 'decisions: [DR-0099]');
		await editFile(
			join(dir, 'retros/2026-02.mdx'),
			'related: [DR-0004, exp:warmup-trial, "@cleo"]',
			'related: [DR-0004, exp:nope, "@cleo", "lesson:nope", "run:manifest:zzz"]'
		);
	});
	expect(issues.map((issue) => `${issue.field} ${/unknown (\w+)/.exec(issue.message)?.[1]}`).sort()).toEqual([
		'affects.experiments[0] experiment',
		'consulted[1] person',
		'decisions[0] decision',
		'lessons[0].related[1] experiment',
		'lessons[0].related[3] lesson',
		'lessons[0].related[4] run',
	]);
});

test('supersession rules are checked across files', async () => {
	const { issues } = await brokenArchive(async (dir) => {
		await editFile(join(dir, 'decisions/0003-write-manifests.mdx'), 'date: 2026-02-10', 'date: 2025-12-10');
		await editFile(join(dir, 'decisions/0001-store-runs-on-disk.mdx'), 'tags: [tracking]', 'supersedes: [DR-0002]\ntags: [tracking]');
	});
	const messages = formatIssues(issues);
	expect(messages).toMatch(/0003-write-manifests\.mdx:\d+ date: 2025-12-10 is before 2026-01-05/);
	expect(messages).toMatch(/supersession cycle: DR-0001 → DR-0002 → DR-0001/);
});

test('ids must match file names and lesson ids must be unique', async () => {
	const { issues } = await brokenArchive(async (dir) => {
		await editFile(join(dir, 'decisions/0004-zscore-inputs.mdx'), 'id: DR-0004', 'id: DR-0003');
		await editFile(join(dir, 'retros/2026-01.mdx'), 'id: one-place-for-runs', 'id: review-preprocessing-first');
		await editFile(join(dir, 'retros/2026-01.mdx'), 'month: 2026-01', 'month: 2026-03');
	});
	const report = formatIssues(issues);
	expect(report).toMatch(/0004-zscore-inputs\.mdx:2 id: is DR-0003; expected id: DR-0004/);
	expect(report).toMatch(/DR-0003 is already used by/);
	expect(report).toMatch(/lesson id "review-preprocessing-first" is already used/);
	expect(report).toMatch(/2026-01\.mdx:2 month: is 2026-03 but the file is named 2026-01/);
});

test('a concluded experiment needs an outcome', async () => {
	const { issues } = await brokenArchive((dir) => editFile(join(dir, 'experiments/warmup-trial.mdx'), 'outcome: confirmed\n', ''));
	expect(issues).toEqual([expect.objectContaining({ field: 'outcome', message: expect.stringMatching(/required once status is "concluded"/) })]);
});

test('a file that fails its schema is reported once, not again by every file that names it', async () => {
	const { issues } = await brokenArchive((dir) => editFile(join(dir, 'people/cleo.yaml'), 'role: Visiting researcher\n', ''));
	expect(issues).toEqual([expect.objectContaining({ file: expect.stringMatching(/people\/cleo\.yaml$/), field: 'role' })]);
});

test('an unknown id in prose is reported with file and line; quoted ids are not', async () => {
	const { issues } = await brokenArchive((dir) =>
		editFile(join(dir, 'retros/2026-01.mdx'), 'We decided DR-0001', 'We decided DR-0001, not DR-0042 nor `DR-0043`, with @zed')
	);
	const report = formatIssues(issues);
	expect(issues).toHaveLength(2);
	expect(report).toMatch(/retros\/2026-01\.mdx:15: unknown decision "DR-0042" in the text/);
	expect(report).toMatch(/retros\/2026-01\.mdx:15: unknown person "@zed" in the text/);
});

test('components in MDX must exist and name entries that exist', async () => {
	const { issues } = await brokenArchive((dir) =>
		editFile(
			join(dir, 'retros/2026-01.mdx'),
			'We decided DR-0001',
			'<DecisionRef id="DR-0077" /> <MetricValue run="nope" metric="val_loss" /> <RunTable experiment="warmup-trial" /> <Chart />\nWe decided DR-0001'
		)
	);
	expect(issues.map((issue) => `${issue.line} ${issue.message}`)).toEqual([
		expect.stringMatching(/^15 <DecisionRef id="DR-0077">: unknown decision/),
		expect.stringMatching(/^15 <MetricValue run="nope">: unknown run/),
		expect.stringMatching(/^15 unknown component <Chart>/),
	]);
});

test('a folder that does not exist is a problem, not a valid empty archive', async () => {
	const { issues } = await validateArchive('/tmp/hindsight-no-such-archive', '/tmp');
	expect(issues).toEqual([{ file: 'hindsight-no-such-archive', message: expect.stringMatching(/^no such folder; expected the archive folder/) }]);
});

test('eighteen problems planted across files, some in the same file, are all reported in the first run, each with file, line and field', async () => {
	const { issues } = await brokenArchive(async (dir) => {
		const retro01 = join(dir, 'retros/2026-01.mdx');
		await editFile(retro01, 'month: 2026-01', 'month: 2026-13');
		await editFile(retro01, 'authors: [ada, ben]', 'authors: [ada, zoe]');
		await editFile(retro01, 'We decided DR-0001', 'We decided DR-0077');
		const retro02 = join(dir, 'retros/2026-02.mdx');
		await editFile(retro02, /summary: .*/, 'summary: null');
		await editFile(retro02, 'id: review-preprocessing-first', 'id: Review Preprocessing!');
		await editFile(retro02, 'related: [DR-0004, exp:warmup-trial, "@cleo"]', 'related: [DR-0004, exp:nope, "@cleo"]');
		await editFile(retro02, 'with: [cleo, ada]', 'with: [cleo, yuri]');
		await editFile(retro02, '<Lesson id="warmup-needs-schedule-logging" />', '<Lesson id="warmup-needs-schedule-logging" />\n\n<Chart metric="val_loss" />');
		const dr02 = join(dir, 'decisions/0002-use-sqlite-store.mdx');
		await editFile(dr02, 'visibility: public', 'visibility: secret');
		await editFile(dr02, 'deciders: [ada, ben]', 'deciders: [ada, zed]');
		await editFile(dr02, 'Point `tracking.backend_uri`', 'After exp:ghost, point `tracking.backend_uri`');
		await editFile(join(dir, 'decisions/0001-store-runs-on-disk.mdx'), 'tags: [tracking]', 'supersedes: [DR-0002]\ntags: [tracking]');
		await editFile(join(dir, 'decisions/0003-write-manifests.mdx'), 'supersedes: [DR-0001]', 'supersedes: [DR-0001, DR-0042]');
		const experiment = join(dir, 'experiments/warmup-trial.mdx');
		await editFile(experiment, 'decisions: [DR-0004]', 'decisions: [DR-0099]');
		await editFile(experiment, 'owners: [ada, ben]', 'owners: [ada, bob]');
		await editFile(experiment, '| warmup | 0.41 |', '| warmup | 0.41 |\n\nAsked @nobody about it.');
		await writeFile(join(dir, 'decisions/0005-broken.mdx'), '---\nid: DR-0005\ntitle: [unclosed\n---\nSee DR-0088.\n');
		await writeFile(join(dir, 'retros/2026-10b.mdx'), '---\nmonth: 2026-10\ntitle: A misnamed month\nauthors: [ada]\nsummary: Named wrongly.\n---\nText.\n');
	});
	const planted: [file: string, field: string | undefined, message: RegExp][] = [
		['retros/2026-01.mdx', 'month', /expected a month as YYYY-MM.*found "2026-13"/],
		['retros/2026-01.mdx', 'authors[1]', /unknown person "zoe"/],
		['retros/2026-01.mdx', undefined, /unknown decision "DR-0077" in the text/],
		['retros/2026-02.mdx', 'summary', /found null/],
		['retros/2026-02.mdx', 'lessons[0].id', /found "Review Preprocessing!"/],
		['retros/2026-02.mdx', 'lessons[0].related[1]', /unknown experiment "nope"/],
		['retros/2026-02.mdx', 'exchanges[0].with[1]', /unknown person "yuri"/],
		['retros/2026-02.mdx', undefined, /unknown component <Chart>/],
		['decisions/0002-use-sqlite-store.mdx', 'visibility', /found "secret"/],
		['decisions/0002-use-sqlite-store.mdx', 'deciders[1]', /unknown person "zed"/],
		['decisions/0002-use-sqlite-store.mdx', undefined, /unknown experiment "exp:ghost" in the text/],
		['decisions/0001-store-runs-on-disk.mdx', 'supersedes', /supersession cycle: DR-0001 → DR-0002 → DR-0001/],
		['decisions/0003-write-manifests.mdx', 'supersedes[1]', /unknown decision "DR-0042"/],
		['experiments/warmup-trial.mdx', 'decisions[0]', /unknown decision "DR-0099"/],
		['experiments/warmup-trial.mdx', 'owners[1]', /unknown person "bob"/],
		['experiments/warmup-trial.mdx', undefined, /unknown person "@nobody" in the text/],
		['decisions/0005-broken.mdx', undefined, /^YAML: /],
		['decisions/0005-broken.mdx', undefined, /unknown decision "DR-0088" in the text/],
		['retros/2026-10b.mdx', 'month', /file name "2026-10b" is not a month; expected a file named YYYY-MM\.mdx/],
	];
	const missing = planted.filter(
		([file, field, message]) =>
			!issues.some((issue) => issue.file.endsWith(file) && issue.field === field && message.test(issue.message) && issue.line !== undefined)
	);
	expect(missing, formatIssues(issues)).toEqual([]);
	expect(formatIssues(issues)).not.toMatch(/expected month: 2026-10b/);
});
