import { describe, expect, test } from 'vitest';
import type { CollectionName } from '../../src/archive/content-dir.ts';
import { parseEntries } from '../../src/archive/parse-entries.ts';
import { parseEntry } from '../../src/archive/read-archive.ts';
import { makeMetric, makeRunInput } from '../model/run-fixture.ts';

const check = (collection: CollectionName, id: string, text: string) => {
	const file = `content/${collection}/${id}`;
	return parseEntries([parseEntry(collection, id, file, text)]);
};

const decision = (fields: string) => `---
id: DR-0007
title: Clip gradients
date: 2026-03-02
status: accepted
summary: Clip the gradient norm.
deciders: [ada]
impact: [training]
${fields}---
Body
`;

describe('decision schema', () => {
	test('a complete record is valid and gets defaults', () => {
		const { archive, issues } = check('decisions', '0007-clip', decision('affects:\n  config: [train.grad_clip_norm]\n'));
		expect(issues).toEqual([]);
		expect(archive.decisions[0]?.data).toMatchObject({
			breaksComparability: false,
			visibility: 'internal',
			supersedes: [],
			affects: { config: ['train.grad_clip_norm'], code: [] },
		});
	});

	test('an invalid status names the file, the field, its line, the allowed values and what was found', () => {
		const { issues } = check('decisions', '0007-clip', decision('').replace('status: accepted', 'status: aproved'));
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatchObject({ file: 'content/decisions/0007-clip', field: 'status', line: 5 });
		expect(issues[0]?.message).toMatch(/accepted/);
		expect(issues[0]?.message).toMatch(/found "aproved"/);
	});

	test('every problem of a file is reported, not only the first', () => {
		const text = decision('impact: [vibes]\n').replace('date: 2026-03-02', 'date: March 2').replace('impact: [training]\n', '');
		const { issues } = check('decisions', '0007-clip', text);
		expect(issues.map((issue) => issue.field).sort()).toEqual(['date', 'impact[0]']);
	});

	test('a missing required field says it is missing', () => {
		const { issues } = check('decisions', '0007-clip', decision('').replace('deciders: [ada]\n', ''));
		expect(issues).toEqual([expect.objectContaining({ field: 'deciders', message: expect.stringMatching(/required but missing/) })]);
	});

	test('a record may name no deciders only when it says they were not recorded', () => {
		const empty = check('decisions', '0007-clip', decision('').replace('deciders: [ada]\n', 'deciders: []\n'));
		expect(empty.issues).toEqual([expect.objectContaining({ field: 'deciders', message: expect.stringMatching(/decidersNotRecorded: true/) })]);
		const marked = check('decisions', '0007-clip', decision('decidersNotRecorded: true\n').replace('deciders: [ada]\n', ''));
		expect(marked.issues).toEqual([]);
		expect(marked.archive.decisions[0]?.data).toMatchObject({ deciders: [], decidersNotRecorded: true });
	});

	test('a misspelt field is rejected instead of silently ignored', () => {
		const { issues } = check('decisions', '0007-clip', decision('breaksComparabilty: true\n'));
		expect(issues[0]?.message).toMatch(/breaksComparabilty/);
	});

	test('malformed ids and commits are rejected', () => {
		const { issues } = check('decisions', '0007-clip', decision('commits: [not-a-hash]\nsupersedes: [DR-7]\n'));
		expect(issues.map((issue) => issue.field).sort()).toEqual(['commits[0]', 'supersedes[0]']);
	});
});

describe('retro schema', () => {
	const retro = (extra = '') => `---\nmonth: 2026-02\ntitle: T\nauthors: [ada, cleo]\nsummary: S\n${extra}---\nBody\n`;

	test('a retro with lessons, exchanges and rejected ideas is valid', () => {
		const extra =
			'lessons:\n  - id: check-stats\n    title: Check statistics\n    detail: D\n    related: [DR-0001, "@cleo", exp:warmup]\nexchanges:\n  - with: [cleo]\n    topic: Review\n    outcome: Found a leak\n    kind: review\n    date: 2026-02-18\nrejectedIdeas:\n  - idea: Keep old stats\n    reason: Wrong numbers\n';
		const { archive, issues } = check('retros', '2026-02', retro(extra));
		expect(issues).toEqual([]);
		expect(archive.retros[0]?.data.exchanges[0]?.kind).toBe('review');
	});

	test('a bad month, an empty author list and a malformed reference are all reported', () => {
		const text = retro('lessons:\n  - id: x\n    title: T\n    detail: D\n    related: [DR12]\n')
			.replace('month: 2026-02', 'month: 2026-13')
			.replace('authors: [ada, cleo]', 'authors: []');
		const { issues } = check('retros', '2026-02', text);
		expect(issues.map((issue) => issue.field).sort()).toEqual(['authors', 'lessons[0].related[0]', 'month']);
		expect(issues.every((issue) => issue.file === 'content/retros/2026-02')).toBe(true);
	});
});

describe('experiment, person and digest schemas', () => {
	test('an experiment with an unknown status is rejected with its field', () => {
		const text = '---\ntitle: T\nhypothesis: H\nstatus: done\nsummary: S\nowners: [ada]\nstarted: 2026-01-01\n---\n';
		const { issues } = check('experiments', 'warmup', text);
		expect(issues).toEqual([expect.objectContaining({ field: 'status', line: 4 })]);
	});

	test('a person needs a name, role and affiliation', () => {
		const { issues } = check('people', 'ada', 'name: Ada\nrole: Engineer\n');
		expect(issues).toEqual([expect.objectContaining({ file: 'content/people/ada', field: 'affiliation' })]);
	});

	test('a digest keeps NaN and infinities written as strings, and rejects unknown statuses', () => {
		const metric = makeMetric('NaN', { best: 'Infinity', min: '-Infinity', nanCount: 1, series: [[0, 'NaN']] });
		const run = makeRunInput('manifest:a', { nativeId: 'a', name: null, experiment: null, metrics: { loss: metric } });
		const digest = { schemaVersion: 1, month: '2026-02', sources: [], runs: [run], lessons: [] };
		const ok = check('runs', '2026-02', JSON.stringify(digest));
		expect(ok.issues).toEqual([]);
		const summary = ok.archive.runs[0]?.data.runs[0]?.metrics['loss'];
		expect(Number.isNaN(summary?.final)).toBe(true);
		expect(summary?.best).toBe(Number.POSITIVE_INFINITY);
		const bad = check('runs', '2026-02', JSON.stringify({ ...digest, runs: [{ ...run, status: 'done' }] }));
		expect(bad.issues).toEqual([expect.objectContaining({ field: 'runs[0].status' })]);
	});

	test('a truncated digest is reported as invalid JSON', () => {
		const { issues } = check('runs', '2026-02', '{"schemaVersion": 1, "month": "2026-');
		expect(issues[0]?.message).toMatch(/not valid JSON/);
	});
});

test('a digest series with a bad point is reported with its path', () => {
	// A point the schema must refuse, which the fixture's types would not let through.
	const metric = makeMetric(1, {
		series: [
			[0, 1],
			[1, 'oops' as never],
		],
	});
	const run = makeRunInput('manifest:a', { nativeId: 'a', name: null, experiment: null, metrics: { loss: metric } });
	const { issues } = check('runs', '2026-02', JSON.stringify({ schemaVersion: 1, month: '2026-02', sources: [], runs: [run], lessons: [] }));
	expect(issues).toEqual([
		expect.objectContaining({ field: 'runs[0].metrics.loss.series[1][1]', message: expect.stringMatching(/expected a finite number, "NaN"/) }),
	]);
});
