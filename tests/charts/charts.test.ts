import { expect, test } from 'vitest';
import { collectSeries, collectTrend, selectMarkers } from '../../src/charts/chart-data.ts';
import { layoutSeries, layoutTrend } from '../../src/charts/chart-layout.ts';
import { decisionSchema, type Run } from '../../src/schemas/index.ts';
import { makeMetric, makeRun } from '../model/run-fixture.ts';

const run = (id: string, startedAt: string, final: number, series: [number, number | 'NaN'][] = []): Run =>
	makeRun(id, { startedAt, metrics: { val_loss: makeMetric(final, { direction: 'min', series }) } });

const decision = (id: string, date: string, extra: Record<string, unknown>) =>
	decisionSchema.parse({ id, title: id, date, status: 'accepted', summary: 's', deciders: ['a'], impact: ['data'], ...extra });

test('the trend holds the best value per month in month order', () => {
	const runs = [run('c', '2026-02-03T00:00:00Z', 0.4), run('a', '2026-01-05T00:00:00Z', 0.6), run('b', '2026-01-20T00:00:00Z', 0.5)];
	expect(collectTrend(runs, 'val_loss', 'min')).toEqual([
		{ month: '2026-01', era: 0, value: 0.5, runName: 'b', date: '2026-01-20' },
		{ month: '2026-02', era: 0, value: 0.4, runName: 'c', date: '2026-02-03' },
	]);
});

test('a comparability break splits a month into a point per side, and eras are never joined', () => {
	const runs = [run('a', '2026-02-02T00:00:00Z', 0.3), run('b', '2026-02-20T00:00:00Z', 0.5), run('c', '2026-03-05T00:00:00Z', 0.45)];
	const points = collectTrend(runs, 'val_loss', 'min', ['2026-02-13']);
	expect(points.map(({ era, value }) => [era, value])).toEqual([
		[0, 0.3],
		[1, 0.5],
		[1, 0.45],
	]);
	const geometry = layoutTrend(points, [{ id: 'DR-0006', title: 't', date: '2026-02-13' }], '2026-02', '2026-03');
	expect(geometry.lines.map((entry) => entry.points.length)).toEqual([1, 2]);
	expect(geometry.lines[0]!.points[0]!.x).toBeLessThan(geometry.markers[0]!.x);
	expect(geometry.lines[1]!.points[0]!.x).toBeGreaterThan(geometry.markers[0]!.x);
});

test('markers are decisions that break comparability for the experiment or metric, within the range', () => {
	const decisions = [
		decision('DR-0001', '2026-01-10', { breaksComparability: true, affects: { experiments: ['x'] } }),
		decision('DR-0002', '2026-01-11', { breaksComparability: true, affects: { metrics: ['val_loss'] } }),
		decision('DR-0003', '2026-01-12', { breaksComparability: false, affects: { experiments: ['x'] } }),
		decision('DR-0004', '2026-01-13', { breaksComparability: true, affects: { experiments: ['y'] } }),
		decision('DR-0005', '2025-11-13', { breaksComparability: true, affects: { experiments: ['x'] } }),
		decision('DR-0006', '2026-01-14', { breaksComparability: true, status: 'rejected', affects: { experiments: ['x'] } }),
	];
	expect(selectMarkers(decisions, 'x', 'val_loss', '2026-01-01', '2026-02-28').map(({ id }) => id)).toEqual(['DR-0001', 'DR-0002']);
});

test('a trend layout places points and markers at their day, inside the plot', () => {
	const geometry = layoutTrend(
		[
			{ month: '2026-01', era: 0, value: 0.5, runName: 'a', date: '2026-01-15' },
			{ month: '2026-02', era: 0, value: 0.4, runName: 'b', date: '2026-02-10' },
		],
		[{ id: 'DR-0001', title: 't', date: '2026-02-20' }],
		'2026-01',
		'2026-02'
	);
	const [first, second] = geometry.lines[0]!.points;
	expect(first!.x).toBeLessThan(geometry.markers[0]!.x);
	expect(second!.x).toBeLessThan(geometry.markers[0]!.x);
	expect(second!.y).toBeGreaterThan(first!.y); // a lower value sits lower on the chart
	expect(geometry.lines[0]!.path).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
	expect(geometry.markers[0]!.x).toBeLessThanOrEqual(geometry.plot.right);
	expect(geometry.yTicks.length).toBeGreaterThan(1);
});

test('series skip non-finite points and rank runs by final value in the direction', () => {
	const runs = [
		run('worse', '2026-01-01T00:00:00Z', 0.9, [
			[0, 1],
			[1, 0.9],
		]),
		run('better', '2026-01-01T00:00:00Z', 0.2, [
			[0, 1],
			[1, 'NaN'],
			[2, 0.2],
		]),
		run('flat', '2026-01-01T00:00:00Z', 0.1, [[0, 0.1]]),
	];
	const seriesOf = (runId: string) => runs.find((candidate) => candidate.id === runId)?.metrics['val_loss']?.series as [number, number][] | undefined;
	const series = collectSeries(runs, 'val_loss', 'min', seriesOf);
	expect(series.map(({ label }) => label)).toEqual(['better', 'worse']);
	expect(series[0]!.points).toEqual([
		[0, 1],
		[2, 0.2],
	]);
	expect(layoutSeries(series).lines).toHaveLength(2);
});

test('chart coordinates carry at most one decimal, so that pages with many charts stay small', () => {
	const series = layoutSeries([
		{
			runId: 'r',
			label: 'r',
			points: [
				[0, 1 / 3],
				[7, 2 / 7],
				[13, 1 / 9],
			],
		},
	]);
	const trend = layoutTrend(
		[{ month: '2026-01', era: 0, value: 1 / 3, runName: 'a', date: '2026-01-15' }],
		[{ id: 'DR-0001', title: 't', date: '2026-01-20' }],
		'2026-01',
		'2026-01'
	);
	const numbers = [
		...[series, trend].flatMap((geometry) => [...geometry.xTicks, ...geometry.yTicks].map((tick) => tick.position)),
		...trend.lines.flatMap((entry) => entry.points.flatMap((point) => [point.x, point.y])),
		trend.markers[0]!.x,
	];
	for (const value of numbers) expect(String(value)).toMatch(/^-?\d+(\.\d)?$/);
	for (const path of [series, trend].flatMap((geometry) => geometry.lines.map((entry) => entry.path))) {
		expect(path).toMatch(/^M[\d.,LMZ-]+$/);
		expect(path).not.toMatch(/\.\d\d/);
	}
});

test.each([
	['2026-02', '2026-03', /^[A-Z][a-z]{2} \d{1,2}$/],
	['2026-01', '2026-06', /^[A-Z][a-z]{2} \d{2}$/],
	['2025-01', '2026-12', /^[A-Z][a-z]{2} \d{2}$|^\d{4}$/],
	['2016-01', '2026-12', /^\d{4}$/],
])('a time axis from %s to %s has ticks at the grain of its span and never repeats a label', (first, last, label) => {
	// Ten points, as a busy experiment has: enough for the axis to ask for many ticks.
	const points = Array.from({ length: 10 }, (_, index) => ({
		month: first,
		era: 0,
		value: 0.5 + index / 100,
		runName: `r${index}`,
		date: `${first}-${String(index + 10)}`,
	}));
	const geometry = layoutTrend(points, [], first, last);
	const labels = geometry.xTicks.map((tick) => tick.label);
	expect(labels.length).toBeGreaterThanOrEqual(3);
	expect(new Set(labels).size).toBe(labels.length);
	for (const text of labels) expect(text).toMatch(label);
});
