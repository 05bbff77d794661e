import { expect, test } from 'vitest';
import { groupDecisionsByMonth } from '../../src/model/decision-timeline.ts';

const record = (id: string, date: string) => ({ id, data: { date } });

test('groups records by month, keeping the order of the records and of the months they first appear in', () => {
	const newestFirst = [record('DR-0004', '2026-02-20'), record('DR-0003', '2026-02-03'), record('DR-0002', '2026-01-31'), record('DR-0001', '2025-11-02')];
	expect(groupDecisionsByMonth(newestFirst).map(({ month, decisions }) => [month, decisions.map(({ id }) => id)])).toEqual([
		['2026-02', ['DR-0004', 'DR-0003']],
		['2026-01', ['DR-0002']],
		['2025-11', ['DR-0001']],
	]);
});

test('no records, no months', () => {
	expect(groupDecisionsByMonth([])).toEqual([]);
});
