// Credit from the version history of ADR files, through a git repository the test makes.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseFrontmatter } from '../../../src/archive/frontmatter.ts';
import { listTodos } from '../../../src/archive/list-todos.ts';
import { validateArchive } from '../../../src/archive/validate-archive.ts';
import { readFileHistory } from '../../../src/importers/adr/file-history.ts';
import { importAdrFolder } from '../../../src/importers/adr/import-folder.ts';
import { copyFixtureArchive } from '../../helpers.ts';
import { readArchiveState } from './helpers.ts';

const run = promisify(execFile);
const hasGit = await run('git', ['--version']).then(
	() => true,
	() => false
);
const cleanups: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(cleanups.map((cleanup) => cleanup())));

const ADR = (title: string, body = 'We had to choose.') =>
	`# ${title}\n\nDate: 2024-01-0${title.length % 9}\n\n## Status\n\nAccepted\n\n## Context\n\n${body}\n`;

let repo: string;
beforeAll(async () => {
	repo = await mkdtemp(join(tmpdir(), 'hindsight-adr-git-'));
	cleanups.push(() => rm(repo, { recursive: true, force: true }));
	if (!hasGit) return;
	const git = (author: [string, string] | undefined, ...args: string[]) =>
		run('git', ['-C', repo, ...args], {
			env: {
				...process.env,
				GIT_CONFIG_GLOBAL: '/dev/null',
				GIT_CONFIG_NOSYSTEM: '1',
				...(author
					? {
							GIT_AUTHOR_NAME: author[0],
							GIT_AUTHOR_EMAIL: author[1],
							GIT_COMMITTER_NAME: author[0],
							GIT_COMMITTER_EMAIL: author[1],
							GIT_AUTHOR_DATE: '2023-05-06T10:00:00Z',
						}
					: {}),
			},
		});
	const commit = async (author: [string, string], file: string, text: string) => {
		await mkdir(join(repo, 'docs/adr'), { recursive: true });
		await writeFile(join(repo, 'docs/adr', file), text);
		await git(author, 'add', '.');
		await git(author, 'commit', '-q', '-m', `Write ${file}`);
	};
	await git(undefined, 'init', '-q', '-b', 'main');
	// Ben writes the first ADR and Ada (known by her alias as committer name `apark`) amends it;
	// an outsider writes the second; the third is never committed.
	await commit(['Ben Ito', 'ben@fixture.org'], '0001-record-decisions.md', ADR('1. Record decisions'));
	await commit(['apark', 'ada@fixture.org'], '0001-record-decisions.md', ADR('1. Record decisions', 'We had to choose, and we chose.'));
	await commit(['Olu Outside', 'olu@elsewhere.org'], '0002-use-yaml.md', ADR('2. Use YAML'));
	await writeFile(join(repo, 'docs/adr', '0003-not-committed.md'), ADR('3. Not committed'));
});

it.skipIf(!hasGit)('reads the authors of a file from its git history, first author first, and nothing for a file never committed (needs git)', async () => {
	const history = await readFileHistory(join(repo, 'docs/adr/0001-record-decisions.md'));
	expect(history).toEqual({
		authors: [
			{ name: 'Ben Ito', email: 'ben@fixture.org' },
			{ name: 'apark', email: 'ada@fixture.org' },
		],
		firstDay: '2023-05-06',
	});
	expect(await readFileHistory(join(repo, 'docs/adr/0003-not-committed.md'))).toBeUndefined();
});

it('has no history, without failing, for a folder outside any repository', async () => {
	const outside = await mkdtemp(join(tmpdir(), 'hindsight-adr-nogit-'));
	cleanups.push(() => rm(outside, { recursive: true, force: true }));
	await writeFile(join(outside, '0001-x.md'), ADR('1. X'));
	expect(await readFileHistory(join(outside, '0001-x.md'))).toBeUndefined();
});

it.skipIf(!hasGit)(
	'credits the authors in the history, proposes person files for outsiders and writes them only with --write-people (needs git)',
	{ timeout: 30_000 },
	async () => {
		const { dir, cleanup } = await copyFixtureArchive();
		cleanups.push(cleanup);
		const options = { fallbackDeciders: [], impact: ['assumptions' as const] };
		const plan = await importAdrFolder(join(repo, 'docs/adr'), dir, await readArchiveState(dir), { ...options, dryRun: true });
		expect(plan.records.map(({ source, data }) => [source, data.deciders, data.decidersNotRecorded ?? false])).toEqual([
			['0001-record-decisions.md', ['ben', 'ada'], false],
			['0002-use-yaml.md', [], true],
			['0003-not-committed.md', [], true],
		]);
		expect(plan.people.map(({ file, sources }) => `${file} ${sources.join(',')}`)).toEqual(['olu-outside.yaml 0002-use-yaml.md']);
		expect(await readdir(join(dir, 'people'))).not.toContain('olu-outside.yaml');

		const written = await importAdrFolder(join(repo, 'docs/adr'), dir, await readArchiveState(dir), { ...options, writePeople: true });
		expect(written.records.map(({ data }) => data.deciders)).toEqual([['ben', 'ada'], ['olu-outside'], []]);
		const person = parseFrontmatter(`---\n${await readFile(join(dir, 'people/olu-outside.yaml'), 'utf8')}---\n`).data;
		expect(person).toMatchObject({ name: 'Olu Outside', aliases: ['Olu Outside', 'olu@elsewhere.org'] });
		const { archive, issues } = await validateArchive(dir);
		expect(issues).toEqual([]);
		expect(listTodos(archive).map(({ file, field }) => `${file.split('/').pop()} ${field}`)).toEqual([
			expect.stringMatching(/^\d{4}-not-committed\.mdx deciders$/),
		]);
	}
);
