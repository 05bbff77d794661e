import { expect, test } from 'vitest';
import { checkDecisionLifecycle, findSupersessionCycles, mapSuccessors } from '../../src/model/decision-graph.ts';
import { type Decision, decisionSchema } from '../../src/schemas/index.ts';

const decision = (id: string, date: string, status: Decision['status'], supersedes: string[] = []): Decision =>
	decisionSchema.parse({ id, title: id, date, status, summary: 's', deciders: ['ada'], impact: ['data'], supersedes });

test('derives successors, several per record, from supersedes', () => {
	const successors = mapSuccessors([
		decision('DR-0001', '2026-01-01', 'superseded'),
		decision('DR-0003', '2026-02-01', 'accepted', ['DR-0001']),
		decision('DR-0002', '2026-02-01', 'accepted', ['DR-0001']),
	]);
	expect(successors.get('DR-0001')).toEqual(['DR-0002', 'DR-0003']);
	expect(successors.has('DR-0002')).toBe(false);
});

test('a valid one-to-two supersession has no problem', () => {
	expect(
		checkDecisionLifecycle([
			decision('DR-0001', '2026-01-01', 'superseded'),
			decision('DR-0002', '2026-02-01', 'accepted', ['DR-0001']),
			decision('DR-0003', '2026-02-02', 'accepted', ['DR-0001']),
		])
	).toEqual([]);
});

test('a superseded record without successor is reported on its status', () => {
	const [problem] = checkDecisionLifecycle([decision('DR-0001', '2026-01-01', 'superseded')]);
	expect(problem).toMatchObject({ id: 'DR-0001', field: 'status' });
	expect(problem?.message).toMatch(/no record lists DR-0001/);
});

test('a successor dated before its predecessor is reported on its date', () => {
	const problems = checkDecisionLifecycle([decision('DR-0001', '2026-03-01', 'superseded'), decision('DR-0002', '2026-02-01', 'accepted', ['DR-0001'])]);
	expect(problems).toEqual([expect.objectContaining({ id: 'DR-0002', field: 'date' })]);
});

test('an accepted successor requires its predecessor to be marked superseded', () => {
	const problems = checkDecisionLifecycle([decision('DR-0001', '2026-01-01', 'accepted'), decision('DR-0002', '2026-02-01', 'accepted', ['DR-0001'])]);
	expect(problems).toEqual([expect.objectContaining({ id: 'DR-0001', field: 'status' })]);
});

test('finds a cycle once and names every record on it', () => {
	const records = [
		decision('DR-0001', '2026-01-01', 'superseded', ['DR-0003']),
		decision('DR-0002', '2026-01-01', 'superseded', ['DR-0001']),
		decision('DR-0003', '2026-01-01', 'superseded', ['DR-0002']),
	];
	expect(findSupersessionCycles(records)).toEqual([['DR-0001', 'DR-0003', 'DR-0002', 'DR-0001']]);
	expect(checkDecisionLifecycle(records).filter((problem) => problem.message.includes('cycle'))).toHaveLength(1);
});

test('a record superseding itself is reported', () => {
	const problems = checkDecisionLifecycle([decision('DR-0001', '2026-01-01', 'accepted', ['DR-0001'])]);
	expect(problems.some((problem) => problem.message.includes('cannot supersede itself'))).toBe(true);
});

test('a predecessor with two accepted successors is reported once, naming both', () => {
	const problems = checkDecisionLifecycle([
		decision('DR-0001', '2026-01-01', 'accepted'),
		decision('DR-0002', '2026-02-01', 'accepted', ['DR-0001']),
		decision('DR-0003', '2026-02-02', 'accepted', ['DR-0001']),
	]);
	expect(problems).toEqual([{ id: 'DR-0001', field: 'status', message: 'is "accepted" but accepted DR-0002 and DR-0003 supersede it; expected "superseded"' }]);
});
