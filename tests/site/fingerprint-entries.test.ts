import { expect, test } from 'vitest';
import { fingerprintEntries } from '../../src/site/fingerprint-entries.ts';

const retro = (summary: string, body = 'Prose.') => ({ id: '2025-06', data: { month: '2025-06', summary, started: new Date('2025-06-01') }, body });

test('an edit to an entry body leaves the fingerprint as it was', () => {
	expect(fingerprintEntries({ retros: [retro('A month.', 'First draft.')] })).toBe(
		fingerprintEntries({ retros: [retro('A month.', 'Second draft, longer.')] })
	);
});

test('an edit to the frontmatter, an entry added, or an entry moved to another collection changes it', () => {
	const base = fingerprintEntries({ retros: [retro('A month.')], decisions: [] });
	expect(fingerprintEntries({ retros: [retro('A busy month.')], decisions: [] })).not.toBe(base);
	expect(fingerprintEntries({ retros: [retro('A month.'), { id: '2025-07', data: {} }], decisions: [] })).not.toBe(base);
	expect(fingerprintEntries({ retros: [], decisions: [retro('A month.')] })).not.toBe(base);
	expect(
		fingerprintEntries({ retros: [{ ...retro('A month.'), data: { ...retro('A month.').data, started: new Date('2025-06-02') } }], decisions: [] })
	).not.toBe(base);
});

test('the order of the collections does not matter, the order of entries does', () => {
	const a = { id: 'a', data: { x: 1 } };
	const b = { id: 'b', data: { x: 2 } };
	expect(fingerprintEntries({ people: [a], retros: [b] })).toBe(fingerprintEntries({ retros: [b], people: [a] }));
	expect(fingerprintEntries({ people: [a, b] })).not.toBe(fingerprintEntries({ people: [b, a] }));
});
