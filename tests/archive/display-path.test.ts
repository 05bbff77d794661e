import { describe, expect, test } from 'vitest';
import { displayPath } from '../../src/archive/display-path.ts';

describe('displayPath', () => {
	test('names a path below the working directory relative to it', () => {
		expect(displayPath('/work/team', '/work/team/content/decisions/dr-0001.mdx')).toBe('content/decisions/dr-0001.mdx');
		expect(displayPath('/work/team', '/work/team')).toBe('.');
	});

	test('names a path elsewhere in full, not as a climb out of the working directory', () => {
		expect(displayPath('/work/team', '/nonexistent')).toBe('/nonexistent');
		expect(displayPath('/work/team', '/work/other/content')).toBe('/work/other/content');
	});

	test('keeps a folder whose name only starts with two dots below the working directory', () => {
		expect(displayPath('/work/team', '/work/team/..archive')).toBe('..archive');
	});
});
