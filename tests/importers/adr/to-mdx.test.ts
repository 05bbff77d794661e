import { expect, test } from 'vitest';
import { summarise } from '../../../src/importers/adr/summary.ts';
import { convertToMdx } from '../../../src/importers/adr/to-mdx.ts';

const keep = () => ({ kind: 'keep' as const });

test('braces, angle brackets, autolinks and ESM-looking lines are made safe; code is left alone', () => {
	const markdown = [
		'A set {a, b} where x < y and <br> breaks.',
		'See <https://example.org/a?b=1> or <team@example.org>.',
		'import data from the lake every night.',
		'',
		'```python',
		'config = {"lr": 3e-4}  # <keep>',
		'```',
		'',
		'Inline `{not: escaped} <x>` stays.',
	].join('\n');
	const { text, notes } = convertToMdx(markdown, keep);
	expect(text).toContain('A set \\{a, b\\} where x &lt; y and &lt;br> breaks.');
	expect(text).toContain('See [https://example.org/a?b=1](https://example.org/a?b=1) or [team@example.org](mailto:team@example.org).');
	expect(text).toContain('&#105;mport data from the lake');
	expect(text).toContain('config = {"lr": 3e-4}  # <keep>');
	expect(text).toContain('Inline `{not: escaped} <x>` stays.');
	expect(notes.map(({ message }) => message)).toContain('1 raw HTML tag(s) escaped; they show as text');
});

test('template comments are dropped, other comments become MDX comments without braces or references', () => {
	const { text, notes } = convertToMdx(
		'## Drivers <!-- optional -->\n\n<!-- This is an optional element. Feel free to remove. -->\nText <!-- ask @ops about {x} */ -->.',
		keep
	);
	expect(text).toBe('## Drivers \n\n\nText {/* ask `@ops` about (x) * / */}.');
	expect(notes.map(({ message }) => message)).toEqual([
		'2 template comment(s) (<!-- optional -->, …) dropped',
		'1 HTML comment(s) kept as MDX comments {/* … */}',
		'quoted in backticks so Hindsight does not read them as references: @ops',
	]);
});

test('references Hindsight would check are quoted, e-mail addresses and paths are not', () => {
	const { text } = convertToMdx('Ask @infra or read DR-0099 and exp:foo; mail a@b.org, see src/@types.', keep);
	expect(text).toBe('Ask `@infra` or read `DR-0099` and `exp:foo`; mail a@b.org, see src/@types.');
});

test('links to imported ADRs become record ids; other relative links and images keep only their text', () => {
	const resolve = (href: string) =>
		href.startsWith('0002')
			? { kind: 'record' as const, id: 'DR-0007' }
			: href.startsWith('http')
				? { kind: 'keep' as const }
				: { kind: 'drop' as const, reason: 'not among the imported ADRs' };
	const { text, notes } = convertToMdx(
		'[ADR-0002](0002-x.md), [the parquet decision](0002-x.md#context), [README](../README.md), [site](https://x.org "t"), ![diagram](img/a.png), ![logo](https://x.org/l.png)',
		resolve
	);
	expect(text).toBe(
		'DR-0007, the parquet decision (DR-0007), README, [site](https://x.org "t"), *(image not imported: diagram, `img/a.png`)*, ![logo](https://x.org/l.png)'
	);
	expect(notes.filter(({ level }) => level === 'warning')).toHaveLength(2);
});

test('the summary is the first sentence of the first prose paragraph, at most 400 characters', () => {
	expect(summarise('\n<!-- c -->\nWe want to record decisions, e.g. formats. Which format?\n')).toBe('We want to record decisions, e.g. formats.');
	expect(summarise('* a list\n\nThe [store](x.md) is **slow**. More.')).toBe('The store is slow.');
	expect(summarise('- only a list item. Second.')).toBe('only a list item.');
	expect(summarise('')).toBeUndefined();
	const long = summarise(`${'word '.repeat(120)}end.`)!;
	expect(long.length).toBeLessThanOrEqual(400);
	expect(long.endsWith('…')).toBe(true);
});
