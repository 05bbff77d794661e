import { expect, test } from 'vitest';
import { decisionPath, runPath, withBase } from '../../src/lib/urls.ts';

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
