import { expect, test } from 'vitest';
import { draftDecision, nextDecisionId, slugify } from '../../src/archive/drafts.ts';
import { parseFrontmatter } from '../../src/archive/frontmatter.ts';
import { decisionSchema } from '../../src/schemas/index.ts';

test('slugs are lower-case ASCII words joined by hyphens', () => {
	expect(slugify('Warm up the LR!')).toBe('warm-up-the-lr');
	expect(slugify('  Évaluer la  «normalisation» ')).toBe('evaluer-la-normalisation');
	expect(slugify('???')).toBe('untitled');
	expect(slugify('a'.repeat(80)).length).toBe(60);
});

test('the next decision id follows the highest one, gaps included', () => {
	expect(nextDecisionId(['DR-0001', 'DR-0016', 'DR-0003'])).toBe('DR-0017');
	expect(nextDecisionId([])).toBe('DR-0001');
});

test('a decision draft parses as a valid proposed record', () => {
	const text = draftDecision({ id: 'DR-0017', title: 'Use: colons & "quotes"', date: '2026-03-01', deciders: ['ada'], supersedes: ['DR-0003'] });
	const { data, error } = parseFrontmatter(text);
	expect(error).toBeUndefined();
	expect(decisionSchema.parse(data)).toMatchObject({
		id: 'DR-0017',
		title: 'Use: colons & "quotes"',
		status: 'proposed',
		date: '2026-03-01',
		supersedes: ['DR-0003'],
	});
});
