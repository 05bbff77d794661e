import { takeOutSeries } from '../archive/digest-series.ts';
import { DIGEST_SCHEMA_VERSION, type DigestInput, digestSchema } from '../schemas/digest.ts';

/** What a file already sitting at `content/runs/YYYY-MM.json` is. */
export type ExistingDigest =
	/** Written by this version of ingest; its runs may be reused. `digest` is the raw JSON (NaN still as strings). */
	| { kind: 'ours'; digest: DigestInput; sources: string[] }
	/** Written by ingest with another digest version: may be rewritten, nothing reused. */
	| { kind: 'older'; sources: string[] }
	/** Not a digest ingest wrote (hand-written or edited out of shape): never overwritten. */
	| { kind: 'foreign'; reason: string };

function sourcePaths(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value.map((s) => (s && typeof s === 'object' && typeof s.path === 'string' ? s.path : null)).filter((p): p is string => p !== null);
}

/**
 * Tells a digest written by ingest from a hand-written file. The marker is a numeric
 * `schemaVersion` and, for the current version, a file that passes the digest schema.
 */
export function classifyExistingDigest(text: string, month: string): ExistingDigest {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { kind: 'foreign', reason: 'it is not JSON' };
	}
	if (!data || typeof data !== 'object' || Array.isArray(data)) return { kind: 'foreign', reason: 'it is not a JSON object' };
	const record = data as Record<string, unknown>;
	if (typeof record['schemaVersion'] !== 'number') return { kind: 'foreign', reason: 'it has no numeric schemaVersion' };
	if (record['month'] !== month) return { kind: 'foreign', reason: `its month is ${JSON.stringify(record['month'])}, not ${month}` };
	if (record['schemaVersion'] !== DIGEST_SCHEMA_VERSION) {
		if (!Array.isArray(record['runs'])) return { kind: 'foreign', reason: 'it has no runs list' };
		return { kind: 'older', sources: sourcePaths(record['sources']) };
	}
	// The series (most of a digest) are checked by hand, the rest by the schema: the schema over a whole
	// month of series took seconds and hundreds of MB
	const { rest, problems } = takeOutSeries(data);
	if (problems[0]) return { kind: 'foreign', reason: `it does not match the digest schema at ${problems[0].path.join('.')}: ${problems[0].message}` };
	const checked = digestSchema.safeParse(rest);
	if (!checked.success) {
		const issue = checked.error.issues[0]!;
		return { kind: 'foreign', reason: `it does not match the digest schema at ${issue.path.join('.') || '(top level)'}: ${issue.message}` };
	}
	return { kind: 'ours', digest: data as DigestInput, sources: sourcePaths(record['sources']) };
}
