import { expect, test } from 'vitest';
import { findDecisionsAffecting, keepInEffect } from '../../src/model/decision-impact.ts';
import { layoutSupersessionGraph, shortenTitle } from '../../src/model/supersession-graph.ts';
import { type Decision, decisionSchema } from '../../src/schemas/index.ts';

const decision = (id: string, date: string, extra: Record<string, unknown> = {}): Decision =>
	decisionSchema.parse({ id, title: `Title of ${id}`, date, status: 'accepted', summary: 's', deciders: ['a'], impact: ['data'], ...extra });

test('lays out predecessors left of their successors, one edge per supersession', () => {
	const graph = layoutSupersessionGraph([
		decision('DR-0001', '2026-01-01', { status: 'superseded' }),
		decision('DR-0002', '2026-02-01', { supersedes: ['DR-0001'] }),
		decision('DR-0003', '2026-02-02', { supersedes: ['DR-0001'] }),
		decision('DR-0004', '2026-02-03'),
	])!;
	expect(graph.nodes.map(({ id }) => id)).toEqual(['DR-0001', 'DR-0002', 'DR-0003']);
	const x = Object.fromEntries(graph.nodes.map((node) => [node.id, node.x]));
	expect(x['DR-0001']).toBeLessThan(x['DR-0002']!);
	expect(x['DR-0002']).toBe(x['DR-0003']);
	expect(graph.edges.map(({ from, to }) => `${from}->${to}`)).toEqual(['DR-0001->DR-0002', 'DR-0001->DR-0003']);
	for (const edge of graph.edges) expect(edge.path).toMatch(/^M[\d.]+,[\d.]+/);
	expect(graph.width).toBeGreaterThan(0);
});

test('no supersession, no graph', () => {
	expect(layoutSupersessionGraph([decision('DR-0001', '2026-01-01')])).toBeNull();
});

test('titles are shortened on a word boundary', () => {
	expect(shortenTitle('Track runs in an MLflow file store on shared NFS')).toBe('Track runs in an MLflow file…');
	expect(shortenTitle('Short')).toBe('Short');
});

test('finds decisions touching an experiment, a metric or a config key, by date', () => {
	const items = [
		{ data: decision('DR-0003', '2026-03-01', { affects: { config: ['optimizer.lr'] } }) },
		{ data: decision('DR-0001', '2026-01-01', { affects: { metrics: ['val_loss'] } }) },
		{ data: decision('DR-0002', '2026-02-01', { affects: { experiments: ['mixup'] } }) },
		{ data: decision('DR-0004', '2026-04-01', { affects: { metrics: ['holdout/f1'] } }) },
	];
	const found = findDecisionsAffecting(items, { experiments: ['mixup'], metrics: ['val_loss'], config: ['optimizer.lr'] });
	expect(found.map(({ data }) => data.id)).toEqual(['DR-0001', 'DR-0002', 'DR-0003']);
});

test('a decision is in effect on a day after it was made, until a successor made before that day replaces it', () => {
	const items = [
		{ data: decision('DR-0001', '2026-01-01', { status: 'superseded' }) },
		{ data: decision('DR-0002', '2026-02-10', { supersedes: ['DR-0001'] }) },
		{ data: decision('DR-0003', '2026-01-05', { status: 'rejected' }) },
		{ data: decision('DR-0004', '2026-01-06', { status: 'proposed' }) },
		{ data: decision('DR-0005', '2026-03-01') },
	];
	const archive = { successors: new Map([['DR-0001', ['DR-0002']]]), decisionById: new Map(items.map((item) => [item.data.id, item])) };
	expect(keepInEffect(items, '2026-02-01', archive).map(({ data }) => data.id)).toEqual(['DR-0001']);
	expect(keepInEffect(items, '2026-04-01', archive).map(({ data }) => data.id)).toEqual(['DR-0002', 'DR-0005']);
});
