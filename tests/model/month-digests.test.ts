import { describe, expect, test } from 'vitest';
import { listMonthDigests } from '../../src/model/month-digests.ts';
import { experimentSchema, type RunIndex, retroSchema } from '../../src/schemas/index.ts';

const run = (id: string, experiment: string | null, extra: { name?: string; tags?: Record<string, string> } = {}) => ({
	id,
	name: extra.name ?? null,
	experiment,
	tags: extra.tags ?? {},
});

// Seven months: 2025-03 has no digest at all, 2025-04 a digest without runs.
const index: RunIndex = {
	schemaVersion: 1,
	digests: [
		{ month: '2025-01', bytes: 1, runs: [run('m:a1', 'alpha'), run('m:n1', null, { name: 'named-one' })], lessons: ['run-lesson-n1'] },
		{ month: '2025-02', bytes: 1, runs: [run('m:b2', 'beta'), run('m:t2', null, { tags: { team: 'vision' } })], lessons: [] },
		{ month: '2025-04', bytes: 1, runs: [], lessons: [] },
		{ month: '2025-05', bytes: 1, runs: [run('m:a5', 'alpha'), run('m:x5', 'gamma')], lessons: [] },
		{ month: '2025-06', bytes: 1, runs: [run('m:g6', 'gamma'), run('m:t6', null, { tags: { team: 'vision' } })], lessons: [] },
		{ month: '2025-07', bytes: 1, runs: [run('m:d7', 'delta')], lessons: [] },
	],
};

const experiment = (id: string, runs: object, extra: object = {}) => ({
	id,
	data: experimentSchema.parse({ title: id, hypothesis: 'h', status: 'running', summary: 's', owners: ['ana'], started: '2025-01-01', runs, ...extra }),
});
const retro = (month: string, extra: object = {}, body = '') => ({
	data: retroSchema.parse({ month, title: month, authors: ['ana'], summary: 's', ...extra }),
	body,
});

const experiments = [
	experiment('alpha-exp', { experiments: ['alpha'] }),
	experiment('gamma-exp', { experiments: ['gamma'] }),
	experiment('vision-exp', { tags: { team: 'vision' } }),
	experiment(
		'delta-exp',
		{ experiments: ['delta'] },
		{ started: '2025-07-01', lessons: [{ id: 'delta-lesson', title: 't', detail: 'd', related: ['run:m:b2'] }] }
	),
];
const sorted = (months: Set<string>) => [...months].sort();

describe('the digests a month page needs', () => {
	test('its own, the latest earlier month with runs, and every month of the experiments its runs belong to', () => {
		// 2025-05's runs are alpha's and gamma's: alpha ran in 2025-01 too, gamma in 2025-06; 2025-04 is empty.
		expect(sorted(listMonthDigests('2025-05', index, { experiments, retros: [] }))).toEqual(['2025-01', '2025-02', '2025-05', '2025-06']);
		// Runs picked by tag bring the experiment's other months.
		expect(sorted(listMonthDigests('2025-06', index, { experiments: experiments.slice(2, 3), retros: [] }))).toEqual(['2025-02', '2025-05', '2025-06']);
	});

	test('a month without a digest needs none of its own, only the month it is compared with', () => {
		expect(sorted(listMonthDigests('2025-03', index, { experiments, retros: [] }))).toEqual(['2025-02']);
		expect(sorted(listMonthDigests('2024-12', index, { experiments, retros: [] }))).toEqual([]);
	});

	test("the months of what its retro names: runs by id or name, run lessons, the components' experiments", () => {
		const body = [
			'<MetricValue run="named-one" metric="loss" />',
			'<RunTable experiment="delta-exp" />',
			'```',
			'<MetricChart experiment="gamma-exp" metric="x" />',
			'```',
		].join('\n');
		const retros = [retro('2025-04', { exchanges: [{ with: ['bo'], topic: 't', outcome: 'o', related: ['run:m:b2'] }] }, body)];
		expect(sorted(listMonthDigests('2025-04', index, { experiments: [], retros }))).toEqual(['2025-01', '2025-02', '2025-04']);
		expect(sorted(listMonthDigests('2025-04', index, { experiments, retros }))).toEqual(['2025-01', '2025-02', '2025-04', '2025-07']);
		const withLesson = [retro('2025-04', { rejectedIdeas: [{ idea: 'i', reason: 'r', related: ['lesson:run-lesson-n1'] }] }, '<Lesson id="delta-lesson" />')];
		// The lesson names run m:b2 (2025-02), the run lesson is held by 2025-01.
		expect(sorted(listMonthDigests('2025-04', index, { experiments, retros: withLesson }))).toEqual(['2025-01', '2025-02', '2025-04']);
	});

	test('the months of the runs named by the lessons it lists, an experiment’s among them', () => {
		// delta-exp's lesson belongs to 2025-07, its start, and names run m:b2.
		expect(sorted(listMonthDigests('2025-07', index, { experiments, retros: [] }))).toEqual(['2025-02', '2025-06', '2025-07']);
	});
});
