import { createHash } from 'node:crypto';
import type { RunLesson } from '../schemas/digest.ts';

// Markdown notes often put the lesson in a list item or bold it; accept those spellings too
const LESSON_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?Lesson:(?:\*\*|__)?\s*(.*?)\s*$/;

/** Lines of a note that begin with `Lesson:`, without the prefix; empty lessons are dropped. */
export function extractLessons(note: string | null | undefined): string[] {
	if (!note) return [];
	const lessons: string[] = [];
	for (const line of note.split(/\r?\n/)) {
		const match = LESSON_LINE.exec(line);
		if (match?.[1]) lessons.push(match[1]);
	}
	return lessons;
}

/**
 * A lesson id stable across ingests and unique across digests: the same text from the same run
 * (or experiment) always gives the same id, so links to a lesson survive re-ingesting.
 */
export function makeLessonId(scope: string, origin: RunLesson['origin'], text: string): string {
	const hash = createHash('sha256').update(`${origin}\n${scope}\n${text}`).digest('hex');
	return `run-lesson-${hash.slice(0, 12)}`;
}
