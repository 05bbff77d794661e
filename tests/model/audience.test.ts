import { expect, test } from 'vitest';
import { canSee, resolveAudience, selectForAudience } from '../../src/model/audience.ts';

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
	const archive = { people: [entry('public'), entry('internal')], decisions: [entry('restricted'), entry('public')], experiments: [entry('internal')], retros: [entry('public')], runs: [{}] };
	const internal = selectForAudience(archive, 'internal');
	expect([internal.people.length, internal.decisions.length, internal.experiments.length, internal.runs.length]).toEqual([2, 1, 1, 1]);
	const open = selectForAudience(archive, 'public');
	expect([open.people.length, open.decisions.length, open.experiments.length, open.retros.length, open.runs.length]).toEqual([1, 1, 0, 1, 0]);
});
