import { randomUUID } from 'node:crypto';
import { DIGEST_SCHEMA_VERSION, type DigestInput, type RunInput, type RunLesson, type RunSource, type RunStatus } from '../schemas/digest.ts';
import { compareText } from './deterministic.ts';

/**
 * One run placed in a month: what orders and counts it, its text as the digest holds it, its lessons
 * and the store it came from. A month of thousands of runs is held as their texts rather than as
 * objects (a series is 64 small arrays as objects, one short line as text), which keeps a large
 * ingest's memory to a fraction.
 */
export interface MonthRun {
	id: string;
	startedAt: string;
	status: RunStatus;
	deleted: boolean;
	/** The run as the digest writes it (`formatRunText`). */
	text: string;
	lessons: RunLesson[];
	/** The store's path relative to the working folder, with `/`. */
	storePath: string;
	storeKind: RunSource;
}

/** A month's digest before it is written: the digest's fields, with its runs as {@link MonthRun}s in order. */
export type MonthDigest = Omit<DigestInput, 'runs'> & { runs: MonthRun[] };

// Stands in for a series or the run list while a digest is stringified; the nonce keeps a user's string from matching
const NONCE = randomUUID();
const SERIES_NEEDLE = new RegExp(`"series-${NONCE}:(\\d+)"`, 'g');
const RUNS_NEEDLE = `"runs": "runs-${NONCE}"`;
// A run sits in the digest's `runs` list, four spaces in
const RUN_INDENT = '    ';

/**
 * A run as its digest holds it: `JSON.stringify(run, null, 2)` indented to its place in the digest's
 * `runs` list, except that each metric's `series` sits on one line (`"series": [[0, 0.5], [12, 0.25]]`),
 * so a digest reads as a list of runs rather than thousands of lines of numbers.
 */
export function formatRunText(run: RunInput): string {
	const series: string[] = [];
	const metrics: Record<string, unknown> = {};
	for (const [key, metric] of Object.entries(run.metrics)) {
		// A series holds numbers and the strings "NaN", "Infinity", "-Infinity": its only commas are JSON's own
		series.push(JSON.stringify(metric.series).slice(1, -1).replaceAll(',', ', '));
		metrics[key] = { ...metric, series: `series-${NONCE}:${series.length - 1}` };
	}
	const text = RUN_INDENT + JSON.stringify({ ...run, metrics }, null, 2).replaceAll('\n', `\n${RUN_INDENT}`);
	return text.replace(SERIES_NEEDLE, (_, index: string) => `[${series[Number(index)]}]`);
}

/** A run of a digest as a {@link MonthRun}: the facts that order and count it, and its text. */
export function toMonthRun(run: RunInput, lessons: RunLesson[], storePath: string, storeKind: RunSource): MonthRun {
	return { id: run.id, startedAt: run.startedAt ?? '', status: run.status, deleted: run.deleted, text: formatRunText(run), lessons, storePath, storeKind };
}

/**
 * Assembles a month's digest: runs by start time then id, each run's lessons after it, an
 * experiment's note lessons after the experiment's first run (`experimentLessonsAfter`, by run id),
 * and the stores that gave runs, by path.
 */
export function buildMonthDigest(month: string, runs: MonthRun[], experimentLessonsAfter: ReadonlyMap<string, RunLesson[]>): MonthDigest {
	const ordered = [...runs].sort((a, b) => compareText(a.startedAt, b.startedAt) || compareText(a.id, b.id));
	const lessons: RunLesson[] = [];
	const seen = new Set<string>();
	const counts = new Map<string, { kind: RunSource; path: string; runs: number }>();
	for (const entry of ordered) {
		for (const lesson of [...entry.lessons, ...(experimentLessonsAfter.get(entry.id) ?? [])]) {
			if (seen.has(lesson.id)) continue;
			seen.add(lesson.id);
			lessons.push(lesson);
		}
		const key = `${entry.storePath}\u0000${entry.storeKind}`;
		const count = counts.get(key) ?? { kind: entry.storeKind, path: entry.storePath, runs: 0 };
		count.runs++;
		counts.set(key, count);
	}
	const sources = [...counts.values()].sort((a, b) => compareText(a.path, b.path) || compareText(a.kind, b.kind));
	return { schemaVersion: DIGEST_SCHEMA_VERSION, month, sources, runs: ordered, lessons };
}

/**
 * A digest's text: `JSON.stringify(digest, null, 2)` and a trailing newline, with each run as
 * {@link formatRunText} writes it. Deterministic: the same digest always gives the same bytes.
 */
export function formatDigest(digest: MonthDigest): string {
	const head = JSON.stringify({ ...digest, runs: `runs-${NONCE}` }, null, 2);
	const runs = digest.runs.length === 0 ? '"runs": []' : `"runs": [\n${digest.runs.map((r) => r.text).join(',\n')}\n  ]`;
	return `${head.replace(RUNS_NEEDLE, () => runs)}\n`;
}
