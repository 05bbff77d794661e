import { expect, test } from 'vitest';
import { groupLessonsByTag, groupLessonsByYear, listLessonFilterValues, yearOfLesson } from '../../src/model/lesson-years.ts';

const lesson = (id: string, month: string, tags: string[] = [], people: string[] = []) => ({ id, month, tags, people });
// In the archive's order: newest month first.
const lessons = [
	lesson('a', '2026-02', ['data-quality', 'training'], ['ada']),
	lesson('b', '2026-01', ['tracking'], ['ben', 'ada']),
	lesson('c', '2024-12', ['data-quality'], ['cleo']),
	lesson('d', '2024-03'),
];

test('a lesson is filed under the year of its month', () => {
	expect(yearOfLesson({ month: '2024-12' })).toBe('2024');
});

test('lessons are grouped by year, newest year first, in their order, and a year without lessons has no group', () => {
	const byYear = groupLessonsByYear(lessons);
	expect([...byYear.keys()]).toEqual(['2026', '2024']);
	expect(byYear.get('2026')!.map(({ id }) => id)).toEqual(['a', 'b']);
	expect(byYear.get('2024')!.map(({ id }) => id)).toEqual(['c', 'd']);
	expect(byYear.has('2025')).toBe(false);
	// Whatever order the lessons come in, the years are newest first.
	expect([...groupLessonsByYear([...lessons].reverse()).keys()]).toEqual(['2026', '2024']);
	expect(groupLessonsByYear([]).size).toBe(0);
});

test('lessons are grouped by each of their tags across years, tags in alphabetical order', () => {
	const byTag = groupLessonsByTag([...lessons, lesson('e', '2023-05', ['tracking', 'tracking'])]);
	expect([...byTag.keys()]).toEqual(['data-quality', 'tracking', 'training']);
	expect(byTag.get('data-quality')!.map(({ id }) => id)).toEqual(['a', 'c']);
	// A tag written twice on one lesson lists it once.
	expect(byTag.get('tracking')!.map(({ id }) => id)).toEqual(['b', 'e']);
});

test("a year's filters offer only the months, tags and people of its lessons", () => {
	expect(listLessonFilterValues(groupLessonsByYear(lessons).get('2026')!)).toEqual({
		months: ['2026-02', '2026-01'],
		tags: ['data-quality', 'tracking', 'training'],
		people: ['ada', 'ben'],
	});
	expect(listLessonFilterValues([])).toEqual({ months: [], tags: [], people: [] });
});
