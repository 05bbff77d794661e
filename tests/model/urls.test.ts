import { expect, test } from 'vitest';
import { decisionPath, lessonMonthPath, lessonPath, lessonTagPath, lessonViewPath, lessonYearPath, runPath, withBase } from '../../src/model/urls.ts';

test('joins any base path and a site path with exactly one slash', () => {
	expect(withBase('/', 'decisions/')).toBe('/decisions/');
	expect(withBase('/research/retros/', 'decisions/')).toBe('/research/retros/decisions/');
	expect(withBase('/research/retros', '/decisions/')).toBe('/research/retros/decisions/');
	expect(withBase('/research/retros/')).toBe('/research/retros/');
});

test('decision paths are lower case, run paths point at the run row of its month', () => {
	expect(decisionPath('DR-0012')).toBe('decisions/dr-0012/');
	expect(runPath('2026-02', 'mlflow:3f2a/b')).toBe('months/2026-02/#run-mlflow-3f2a-b');
});

test("a lesson's path is its anchor on the page of its month's year; a month's lessons are that page's view of the month", () => {
	expect(lessonPath({ id: 'check-normalisation-first', month: '2025-11' })).toBe('lessons/2025/#check-normalisation-first');
	expect(lessonYearPath('2026')).toBe('lessons/2026/');
	expect(lessonMonthPath('2026-02')).toBe('lessons/2026/#month:2026-02');
	expect(lessonViewPath('2024', 'tag', 'data-quality')).toBe('lessons/2024/#tag:data-quality');
	expect(lessonTagPath('data-quality')).toBe('lessons/tags/data-quality/');
});
