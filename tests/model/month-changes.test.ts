import { expect, test } from 'vitest';
import { compareMetrics, compareParams, formatDelta } from '../../src/model/month-changes.ts';
import { listWorkdays } from '../../src/model/workdays.ts';
import type { Run } from '../../src/schemas/index.ts';
import { makeMetric, makeRun } from './run-fixture.ts';

const run = (id: string, experiment: string, metrics: Record<string, number>, params: Record<string, string> = {}): Run =>
	makeRun(id, { experiment, params, metrics: Object.fromEntries(Object.entries(metrics).map(([key, final]) => [key, makeMetric(final)])) });

const direction = (metric: string) => (metric.includes('loss') ? 'min' : metric.includes('acc') ? 'max' : null);

test('compares best values per experiment and judges the change by the metric direction', () => {
	const january = [run('a', 'mixup', { val_loss: 0.5, 'val/acc': 0.8 }), run('b', 'mixup', { val_loss: 0.45, 'val/acc': 0.82 })];
	const february = [run('c', 'mixup', { val_loss: 0.4, 'val/acc': 0.81 })];
	const changes = compareMetrics(january, february, direction);
	const byMetric = Object.fromEntries(changes.map((change) => [change.metric, change]));
	expect(byMetric['val_loss']).toMatchObject({ previous: 0.45, current: 0.4, improved: true });
	expect(byMetric['val_loss']?.delta).toBeCloseTo(-0.05);
	expect(byMetric['val/acc']).toMatchObject({ previous: 0.82, current: 0.81, improved: false });
});

test('experiments without runs in both months are not compared; an unknown direction is not judged', () => {
	const changes = compareMetrics(
		[run('a', 'old', { val_loss: 1 }), run('b', 'kept', { noise: 1 })],
		[run('c', 'new', { val_loss: 2 }), run('d', 'kept', { noise: 3 })],
		direction
	);
	expect(changes).toEqual([expect.objectContaining({ experiment: 'kept', metric: 'noise', delta: 2, improved: null })]);
});

test('reports parameters whose set of values changed', () => {
	const changes = compareParams(
		[run('a', 'x', {}, { 'optimizer.lr': '0.001', 'model.arch': 'resnet50' })],
		[run('b', 'x', {}, { 'optimizer.lr': '0.0005', 'model.arch': 'resnet50' })]
	);
	expect(changes).toEqual([
		{ experiment: 'x', param: 'model.arch', previous: ['resnet50'], current: ['resnet50'], changed: false },
		{ experiment: 'x', param: 'optimizer.lr', previous: ['0.001'], current: ['0.0005'], changed: true },
	]);
});

test('formats signed deltas', () => {
	expect(formatDelta(0.0123)).toBe('+0.0123');
	expect(formatDelta(-0.3)).toBe('−0.3');
	expect(formatDelta(0)).toBe('±0');
	expect(formatDelta(null)).toBe('—');
});

test('counts weekdays less holidays', () => {
	expect(listWorkdays('2026-02')).toHaveLength(20);
	expect(listWorkdays('2025-12', ['2025-12-25', '2025-12-26', '2025-12-27'])).toHaveLength(21);
	expect(listWorkdays('2026-02')[0]).toBe('2026-02-02');
});
