import { expect, test } from 'vitest';
import { canSee, resolveAudience, selectForAudience } from '../../src/model/audience.ts';
import type { Digest, Run } from '../../src/schemas/index.ts';

test('each audience sees its own and wider visibilities', () => {
	expect(canSee('public', 'public')).toBe(true);
	expect(canSee('public', 'internal')).toBe(false);
	expect(canSee('internal', 'internal')).toBe(true);
	expect(canSee('internal', 'restricted')).toBe(false);
	expect(canSee('restricted', 'restricted')).toBe(true);
});

test('the audience comes from HINDSIGHT_AUDIENCE, defaults to the full edition, and rejects typos', () => {
	expect(resolveAudience({})).toBe('restricted');
	expect(resolveAudience({ HINDSIGHT_AUDIENCE: 'public' })).toBe('public');
	expect(() => resolveAudience({ HINDSIGHT_AUDIENCE: 'publc' })).toThrow(/"publc"; expected one of public, internal, restricted/);
});

test('an edition keeps what its audience may see, and a public one carries no run data', () => {
	const entry = (visibility: 'public' | 'internal' | 'restricted') => ({ data: { visibility } });
	const experiment = { id: 'x', data: { visibility: 'internal' as const, runs: { experiments: ['x'], tags: {}, runIds: [] } } };
	const digest = { data: { runs: [], lessons: [] } as unknown as Digest };
	const archive = {
		people: [entry('public'), entry('internal')],
		decisions: [entry('restricted'), entry('public')],
		experiments: [experiment],
		retros: [entry('public')],
		runs: [digest],
	};
	const internal = selectForAudience(archive, 'internal');
	expect([internal.people.length, internal.decisions.length, internal.experiments.length, internal.runs.length]).toEqual([2, 1, 1, 1]);
	const open = selectForAudience(archive, 'public');
	expect([open.people.length, open.decisions.length, open.experiments.length, open.retros.length, open.runs.length]).toEqual([1, 1, 0, 1, 0]);
});

test('in an edition with runs, the runs of an experiment it may not see are left out with their lessons', () => {
	const run = (id: string, experiment: string | null, tags: Record<string, string> = {}) => ({ id, experiment, tags }) as unknown as Run;
	const selector = (experiments: string[], tags: Record<string, string> = {}, runIds: string[] = []) => ({ experiments, tags, runIds });
	const digest = {
		id: '2026-02',
		data: {
			runs: [run('a', 'open'), run('b', 'secret-src'), run('c', 'open', { project: 'secret' }), run('d', 'secret')],
			lessons: [
				{ id: 'la', text: 'open lesson', runId: 'a', experiment: 'open', origin: 'run-note' },
				{ id: 'lb', text: 'run lesson', runId: 'b', experiment: 'secret-src', origin: 'run-note' },
				{ id: 'lx', text: 'experiment note', runId: null, experiment: 'secret-src', origin: 'experiment-note' },
			],
		} as unknown as Digest,
	};
	const archive = {
		people: [],
		decisions: [],
		retros: [],
		experiments: [
			{ id: 'open', data: { visibility: 'internal' as const, runs: selector(['open']) } },
			{ id: 'secret', data: { visibility: 'restricted' as const, runs: selector(['secret-src'], {}, []) } },
			{ id: 'tagged', data: { visibility: 'restricted' as const, runs: selector([], { project: 'secret' }) } },
		],
		runs: [digest],
	};
	const internal = selectForAudience(archive, 'internal');
	expect(internal.experiments.map((item) => item.id)).toEqual(['open']);
	expect(internal.runs[0]?.data.runs.map((item) => item.id)).toEqual(['a']);
	expect(internal.runs[0]?.data.lessons.map((item) => item.id)).toEqual(['la']);
	expect(selectForAudience(archive, 'restricted').runs[0]?.data.runs).toHaveLength(4);
});
