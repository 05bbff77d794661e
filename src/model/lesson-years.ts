/**
 * The lesson archive paged by year: which years have lessons, the lessons of each, and the values its
 * filters offer within one year. Tags span years, so each tag also gets its own page of lessons.
 */

/** What the paging and the filters read of a lesson. */
export interface DatedLesson {
	month: string;
	tags: readonly string[];
	people: readonly string[];
}

/** The year a lesson is filed under in the archive: that of its month. */
export const yearOfLesson = (lesson: Pick<DatedLesson, 'month'>) => lesson.month.slice(0, 4);

/**
 * Groups lessons by year, newest year first, keeping their order within each year; a year without
 * lessons has no group, so it gets no page.
 */
export function groupLessonsByYear<T extends DatedLesson>(lessons: readonly T[]): Map<string, T[]> {
	const byYear = new Map<string, T[]>();
	for (const year of [...new Set(lessons.map(yearOfLesson))].sort().reverse()) byYear.set(year, []);
	for (const lesson of lessons) byYear.get(yearOfLesson(lesson))!.push(lesson);
	return byYear;
}

/** Groups lessons by each of their tags, tags in alphabetical order, lessons in their order. */
export function groupLessonsByTag<T extends DatedLesson>(lessons: readonly T[]): Map<string, T[]> {
	const byTag = new Map<string, T[]>();
	for (const tag of [...new Set(lessons.flatMap((lesson) => lesson.tags))].sort()) byTag.set(tag, []);
	for (const lesson of lessons) for (const tag of new Set(lesson.tags)) byTag.get(tag)!.push(lesson);
	return byTag;
}

/** The values a page's filters offer: only those its lessons carry, months newest first. */
export interface LessonFilterValues {
	months: string[];
	tags: string[];
	people: string[];
}

/** Lists the months, tags and people of a set of lessons (one year's), for that page's filters. */
export function listLessonFilterValues(lessons: readonly DatedLesson[]): LessonFilterValues {
	return {
		months: [...new Set(lessons.map((lesson) => lesson.month))].sort().reverse(),
		tags: [...new Set(lessons.flatMap((lesson) => lesson.tags))].sort(),
		people: [...new Set(lessons.flatMap((lesson) => lesson.people))].sort(),
	};
}
