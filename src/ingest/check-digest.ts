import { takeOutSeries } from '../archive/digest-series.ts';
import { digestSchema, type DigestInput } from '../schemas/digest.ts';

/** A problem found in a digest: where (a dotted path) and what. */
export interface DigestProblem {
	path: string;
	message: string;
}

/**
 * Checks a digest just built against `digestSchema` and returns the first problem, or null. The
 * series are checked by the archive check's own rule (`takeOutSeries`), the rest by the schema.
 */
export function checkDigest(digest: DigestInput): DigestProblem | null {
	const { rest, problems } = takeOutSeries(digest);
	if (problems[0]) return { path: problems[0].path.join('.'), message: problems[0].message };
	const checked = digestSchema.safeParse(rest);
	if (checked.success) return null;
	const issue = checked.error.issues[0]!;
	return { path: issue.path.map(String).join('.') || '(top level)', message: issue.message };
}
