import { expect, test } from 'vitest';
import { countByStatus, formatMetric, groupRunsByExperiment, rankRuns } from '../../src/model/run-summary.ts';
import { matchesSelector } from '../../src/model/select-runs.ts';
import { type Run, runSelectorSchema } from '../../src/schemas/index.ts';
import { makeMetric, makeRun } from './run-fixture.ts';

const run = (id: string, experiment: string | null, status: Run['status'], valLoss: number | 'NaN' | null, extra: Partial<Run> = {}): Run =>
	makeRun(id, {
		experiment,
		status,
		statusRaw: status,
		startedAt: '2026-02-01T00:00:00.000Z',
		metrics: valLoss === null ? {} : { val_loss: makeMetric(valLoss, { direction: 'min', lastStep: 1 }) },
		...extra,
	});

test('counts runs by status', () => {
	expect(countByStatus([run('a', 'x', 'finished', 1), run('b', 'x', 'failed', 1), run('c', 'x', 'finished', 1)])).toEqual({ finished: 2, failed: 1 });
});

test('ranks runs by final value in the metric direction, skipping NaN, missing and deleted runs', () => {
	const runs = [
		run('a', 'x', 'finished', 0.5),
		run('b', 'x', 'finished', 0.3),
		run('c', 'x', 'finished', 'NaN'),
		run('d', 'x', 'finished', null),
		run('e', 'x', 'finished', 0.1, { deleted: true }),
	];
	expect(rankRuns(runs, 'val_loss', 'min').map(({ run: { id } }) => id)).toEqual(['b', 'a']);
	expect(rankRuns(runs, 'val_loss', 'max', 1).map(({ value }) => value)).toEqual([0.5]);
});

test('groups runs by experiment, runs without one last', () => {
	const groups = groupRunsByExperiment([run('a', 'zeta', 'finished', 1), run('b', null, 'finished', 1), run('c', 'alpha', 'finished', 1)]);
	expect(groups.map(({ experiment }) => experiment)).toEqual(['alpha', 'zeta', null]);
});

test('formats metric values compactly and spells out non-finite ones', () => {
	expect(formatMetric(0.123456)).toBe('0.1235');
	expect(formatMetric(1234.5678)).toBe('1235');
	expect(formatMetric(Number.NaN)).toBe('NaN');
	expect(formatMetric(Number.NEGATIVE_INFINITY)).toBe('−∞');
	expect(formatMetric(null)).toBe('—');
	expect(formatMetric(0.00001234)).toBe('1.23e-5');
});

test('a run selector matches by experiment name, run id or all tags', () => {
	const target = run('manifest:a', 'mixup-sweep', 'finished', 1, { tags: { team: 'lumen', stage: 'eval' } });
	expect(matchesSelector(target, runSelectorSchema.parse({ experiments: ['mixup-sweep'] }))).toBe(true);
	expect(matchesSelector(target, runSelectorSchema.parse({ runIds: ['manifest:a'] }))).toBe(true);
	expect(matchesSelector(target, runSelectorSchema.parse({ tags: { team: 'lumen', stage: 'eval' } }))).toBe(true);
	expect(matchesSelector(target, runSelectorSchema.parse({ tags: { team: 'lumen', stage: 'train' } }))).toBe(false);
	expect(matchesSelector(target, runSelectorSchema.parse({}))).toBe(false);
});

test('selecting many experiments through the index gives what one selector at a time gives', async () => {
	const { createRunSelector, selectRuns } = await import('../../src/model/select-runs.ts');
	const runs = [
		run('a', 'x', 'finished', 1),
		run('b', 'y', 'finished', 1, { tags: { stage: 'eval' } }),
		run('c', 'x', 'failed', 1),
		run('d', null, 'finished', 1),
	];
	const select = createRunSelector(runs);
	for (const rules of [{ experiments: ['x'] }, { experiments: ['y', 'x'], runIds: ['d'] }, { tags: { stage: 'eval' } }, {}]) {
		const selector = runSelectorSchema.parse(rules);
		expect(select(selector).map(({ id }) => id)).toEqual(selectRuns(runs, selector).map(({ id }) => id));
	}
});
