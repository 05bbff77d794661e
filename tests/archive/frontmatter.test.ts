import { describe, expect, test } from 'vitest';
import { parseFrontmatter, parseYaml } from '../../src/archive/frontmatter.ts';

describe('parseFrontmatter', () => {
	test('splits data from body and maps fields to file lines', () => {
		const text = '---\ntitle: A\naffects:\n  config:\n    - optimizer.lr\n    - augment.mixup_alpha\n---\n# Body\n';
		const parsed = parseFrontmatter(text);
		expect(parsed.data).toEqual({ title: 'A', affects: { config: ['optimizer.lr', 'augment.mixup_alpha'] } });
		expect(parsed.body).toBe('# Body\n');
		expect(parsed.bodyLine).toBe(8);
		expect(parsed.lineOf(['title'])).toBe(2);
		expect(parsed.lineOf(['affects', 'config', 1])).toBe(6);
	});

	test('keeps dates and months as text, so no time zone can shift them', () => {
		expect(parseFrontmatter('---\ndate: 2026-02-14\nmonth: 2026-02\n---\n').data).toEqual({ date: '2026-02-14', month: '2026-02' });
	});

	test('reports a YAML syntax error with its file line', () => {
		const parsed = parseFrontmatter('---\ntitle: ok\nstatus: [accepted\n---\nbody');
		expect(parsed.error?.line).toBeGreaterThanOrEqual(3);
		expect(parsed.error?.message).toBeTruthy();
	});

	test('a file without frontmatter is all body', () => {
		const parsed = parseFrontmatter('# Just prose\n');
		expect(parsed.data).toEqual({});
		expect(parsed.body).toBe('# Just prose\n');
	});

	test('duplicate keys are an error, not a silent overwrite', () => {
		expect(parseYaml('status: accepted\nstatus: rejected\n').error).toBeDefined();
	});
});
