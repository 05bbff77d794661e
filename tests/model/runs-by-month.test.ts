import { expect, test } from 'vitest';
import { summariseRunsByMonth } from '../../src/model/runs-by-month.ts';
import type { Run } from '../../src/schemas/index.ts';
import { makeMetric, makeRun } from './run-fixture.ts';

const run = (id: string, month: string, status: string, valLoss: number, experiment = 'x'): Run =>
	makeRun(id, {
		experiment,
		status: status as Run['status'],
		startedAt: `${month}-05T00:00:00Z`,
		metrics: { val_loss: makeMetric(valLoss, { direction: 'min' }) },
	});

test('runs are summarised by the month that holds them: counts by status, best run per metric, and the group they are listed under', () => {
	const runs = [
		run('c', '2026-02', 'finished', 0.3, 'y'),
		run('a', '2026-01', 'finished', 0.5),
		run('b', '2026-01', 'failed', 0.4),
		run('d', '2026-02', 'finished', 0.2),
		run('e', '2026-02', 'finished', 0.6),
	];
	const months = summariseRunsByMonth(
		runs,
		[
			{ key: 'val_loss', direction: 'min' },
			{ key: 'val/acc', direction: 'max' },
		],
		(item) => item.startedAt?.slice(0, 7)
	);
	expect(months.map(({ month, runs: count, counts, group }) => ({ month, count, counts, group }))).toEqual([
		{ month: '2026-01', count: 2, counts: { finished: 1, failed: 1 }, group: 'x' },
		{ month: '2026-02', count: 3, counts: { finished: 3 }, group: 'x' },
	]);
	expect(months.map(({ best }) => best.map((entry) => entry?.run.id))).toEqual([
		['b', undefined],
		['d', undefined],
	]);
});

test('a run no digest holds is left out', () => {
	expect(summariseRunsByMonth([run('a', '2026-01', 'finished', 0.5)], [], () => undefined)).toEqual([]);
});
