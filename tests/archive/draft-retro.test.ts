// Drafts of a month's retro on the shipped example archive: a quiet month, a busy one and an empty one.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countOf, draftRetro } from '../../src/archive/draft-retro.ts';
import { parseFrontmatter } from '../../src/archive/frontmatter.ts';
import { formatIssues } from '../../src/archive/issues.ts';
import { type ValidatedArchive, validateArchive } from '../../src/archive/validate-archive.ts';
import { buildSite, cleanEnv } from '../build/build-site.ts';
import { PROJECT_ROOT } from '../helpers.ts';

const EXAMPLE = join(PROJECT_ROOT, 'content');
let example: ValidatedArchive['archive'];
beforeAll(async () => {
	({ archive: example } = await validateArchive(EXAMPLE));
});
const cleanups: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(cleanups.map((cleanup) => cleanup())));

function draft(month: string, authors: string[] = []) {
	const lessonIds = new Set([...example.retros, ...example.experiments].flatMap(({ data }) => data.lessons.map(({ id }) => id)));
	for (const { data } of example.runs) for (const { id } of data.lessons) lessonIds.add(id);
	const text = draftRetro({
		month,
		digests: example.runs.map(({ data }) => data),
		decisions: example.decisions.map(({ data }) => data),
		experiments: example.experiments,
		people: example.people,
		authors,
		lessonIds,
	});
	return { text, data: parseFrontmatter(text).data };
}

test('counts are written with correct plurals', () => {
	expect([countOf(0, 'run'), countOf(1, 'run'), countOf(2, 'run'), countOf(1, 'lesson')]).toEqual(['no runs', '1 run', '2 runs', '1 lesson']);
});

describe('a draft retro holds every fact the archive knows about its month', () => {
	test('a quiet month (2026-10: one experiment, one proposed decision, one run-note lesson)', () => {
		const { text, data } = draft('2026-10');
		expect(data['summary']).toBe('5 runs in 1 experiment; 1 decision proposed.');
		expect(data['experiments']).toEqual(['label-noise-audit']);
		// Everyone who took part: the owners of the month's runs and the deciders and people consulted on DR-0016.
		const decision = example.decisions.find(({ data: item }) => item.id === 'DR-0016')!.data;
		expect(data['authors']).toEqual(expect.arrayContaining([...decision.deciders, ...decision.consulted]));
		expect(text).toContain(`## Who took part\n\n${(data['authors'] as string[]).map((id) => `@${id}`).join(', ')}.`);
		expect(text).toContain('- exp:label-noise-audit: 5 runs (4 finished, 1 crashed).');
		// Each best result beside the experiment's best in its previous month with runs, both as live values.
		expect(text).toMatch(
			/^\| exp:label-noise-audit \| `noise_rate` \(lower is better\) \| <MetricValue run="[^"]+" metric="noise_rate" \/> \(`[^`]+`\) \| <MetricValue run="[^"]+" metric="noise_rate" \/> \(`[^`]+`\) in 2026-09 \|$/m
		);
		expect(text).toMatch(/^<MetricChart experiment="label-noise-audit" metric="[^"]+" \/>$/m);
		expect(text).toContain('Proposed (1):\n\n- <DecisionRef id="DR-0016" />');
		expect(text).not.toContain('Comparability breaks');
		const lessons = data['lessons'] as { id: string; related: string[] }[];
		expect(lessons).toHaveLength(1);
		expect(lessons[0]!.related).toEqual([expect.stringMatching(/^run:/), 'exp:label-noise-audit']);
		expect(text).toContain('1 lesson from the run notes is in `lessons` above, with the run it came from. Keep, reword or delete it:');
	});

	test('a busy month (2026-02: three experiments, decisions, a comparability break, run-note lessons)', () => {
		const { text, data } = draft('2026-02');
		const digest = example.runs.find(({ data: item }) => item.month === '2026-02')!.data;
		expect(data['summary']).toBe(`${digest.runs.length} runs in 3 experiments; 3 decisions made.`);
		// Run owners and the deciders and people consulted on the month's decisions.
		const deciders = example.decisions
			.filter(({ data: item }) => item.date.startsWith('2026-02'))
			.flatMap(({ data: item }) => [...item.deciders, ...item.consulted]);
		expect(data['authors']).toEqual(expect.arrayContaining([...new Set(deciders)]));
		for (const id of ['DR-0005', 'DR-0006', 'DR-0007']) expect(text).toContain(`- <DecisionRef id="${id}" />`);
		expect(text).toContain('### Comparability breaks');
		expect(text).toContain('- <DecisionRef id="DR-0006" /> (2026-02-13)');
		for (const slug of ['lr-warmup', 'normalize-per-channel', 'mixup-sweep'])
			expect(text).toMatch(new RegExp(`^<MetricChart experiment="${slug}" metric="[^"]+" />$`, 'm'));
		// Each best result beside the same experiment's best in its previous month with runs.
		expect(text).toMatch(
			/^\| exp:lr-warmup \| `val_loss` \(lower is better\) \| <MetricValue run="[^"]+" metric="val_loss" \/> \(`[^`]+`\) \| <MetricValue run="[^"]+" metric="val_loss" \/> \(`[^`]+`\) in 2026-01 \|$/m
		);
		const lessons = data['lessons'] as { id: string; related: string[]; detail: string }[];
		expect(lessons).toHaveLength(2);
		expect(lessons[0]).toMatchObject({ related: ['run:mlflow:abefa65ac15f5fee5b27b3993dec6194', 'exp:normalize-per-channel'] });
		expect(lessons[0]!.detail).toContain('(From the notes of run `mlflow:abefa65ac15f5fee5b27b3993dec6194`.)');
		expect(text).toContain('2 lessons from the run notes are in `lessons` above, each with the run it came from.');
		for (const { id } of lessons) expect(text).toContain(`- <Lesson id="${id}" />`);
	});

	test('a month with nothing recorded says so', () => {
		const { text, data } = draft('2026-12', ['amara']);
		expect(data['summary']).toBe('Nothing was recorded this month: no run and no decision.');
		expect(text).toContain('No runs were recorded for December 2026.');
		expect(text).toContain('No decision was recorded this month.');
	});
});

test('drafts written by npm run new for a quiet, a busy and an empty month pass the check and build unchanged', { timeout: 600_000 }, async () => {
	const dir = await mkdtemp(join(tmpdir(), 'hindsight-drafts-'));
	cleanups.push(() => rm(dir, { recursive: true, force: true }));
	await cp(EXAMPLE, dir, { recursive: true });
	// 2026-05 is busy (nine runs, four run-note lessons, a comparability break), 2026-10 quiet; no other entry
	// cites the lessons of their retros.
	await rm(join(dir, 'retros/2026-05.mdx'));
	await rm(join(dir, 'retros/2026-10.mdx'));
	const run = promisify(execFile);
	for (const args of [
		['retro', '2026-05'],
		['retro', '2026-10'],
		['retro', '2026-12', '--by', 'amara'],
	]) {
		await run(process.execPath, ['scripts/new.ts', ...args, '--content', dir], { cwd: PROJECT_ROOT, env: cleanEnv({}) });
	}
	expect(formatIssues((await validateArchive(dir)).issues)).toBe('');
	const outDir = await mkdtemp(join(tmpdir(), 'hindsight-drafts-site-'));
	cleanups.push(() => rm(outDir, { recursive: true, force: true }));
	const build = await buildSite(dir, outDir);
	expect(build.code, build.output).toBe(0);
	const busy = await readFile(join(outDir, 'months/2026-05/index.html'), 'utf8');
	expect(busy).toContain('Comparability breaks');
	expect(busy).toMatch(/<data value="[0-9.e-]+">/);
	expect(busy).toContain('DR-0012');
	const quiet = await readFile(join(outDir, 'months/2026-10/index.html'), 'utf8');
	expect(quiet).toContain('Who took part');
	expect(quiet).toContain('DR-0016');
	expect(quiet).toMatch(/<svg[^>]*>/);
	const empty = await readFile(join(outDir, 'months/2026-12/index.html'), 'utf8');
	expect(empty).toContain('Nothing was recorded this month');
});
