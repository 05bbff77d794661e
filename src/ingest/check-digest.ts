import { takeOutSeries } from '../archive/digest-series.ts';
import { digestSchema, type RunInput, runSchema } from '../schemas/digest.ts';
import type { MonthDigest } from './month-digest.ts';

/** A problem found in a digest: where (a dotted path) and what. */
export interface DigestProblem {
	path: string;
	message: string;
}

function firstIssue(issues: readonly { path: PropertyKey[]; message: string }[], prefix: (string | number)[]): DigestProblem {
	const issue = issues[0]!;
	return { path: [...prefix, ...issue.path.map(String)].join('.') || '(top level)', message: issue.message };
}

/**
 * Checks one run's digest entry against the digest schema, or returns the first problem. Its series are
 * checked by the archive check's own rule (`takeOutSeries`), the rest by the schema.
 */
export function checkRun(run: RunInput): DigestProblem | null {
	const { rest, problems } = takeOutSeries({ runs: [run] });
	if (problems[0]) return { path: problems[0].path.slice(2).join('.'), message: problems[0].message };
	const checked = runSchema.safeParse((rest as { runs: unknown[] }).runs[0]);
	return checked.success ? null : firstIssue(checked.error.issues, []);
}

/** Checks a month's digest apart from its runs (each checked by {@link checkRun} when it was made). */
export function checkDigestHead(digest: MonthDigest): DigestProblem | null {
	const checked = digestSchema.safeParse({ ...digest, runs: [] });
	return checked.success ? null : firstIssue(checked.error.issues, []);
}
