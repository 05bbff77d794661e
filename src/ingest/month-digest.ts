import { randomUUID } from 'node:crypto';
import { DIGEST_SCHEMA_VERSION, type DigestInput, type RunInput, type RunLesson, type RunSource } from '../schemas/digest.ts';

/** One run placed in a month, with the lessons that go with it and the store it came from. */
export interface MonthRun {
	run: RunInput;
	lessons: RunLesson[];
	/** The store's path relative to the working folder, with `/`. */
	storePath: string;
	storeKind: RunSource;
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Assembles a month's digest: runs by start time then id, each run's lessons after it, an
 * experiment's note lessons after the experiment's first run (`experimentLessonsAfter`, by run id),
 * and the stores that gave runs, by path.
 */
export function buildMonthDigest(month: string, runs: MonthRun[], experimentLessonsAfter: ReadonlyMap<string, RunLesson[]>): DigestInput {
	const ordered = [...runs].sort((a, b) => compareText(a.run.startedAt ?? '', b.run.startedAt ?? '') || compareText(a.run.id, b.run.id));
	const lessons: RunLesson[] = [];
	const seen = new Set<string>();
	const counts = new Map<string, { kind: RunSource; path: string; runs: number }>();
	for (const entry of ordered) {
		for (const lesson of [...entry.lessons, ...(experimentLessonsAfter.get(entry.run.id) ?? [])]) {
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
	return { schemaVersion: DIGEST_SCHEMA_VERSION, month, sources, runs: ordered.map((e) => e.run), lessons };
}

// Stands in for a series while the digest is stringified; the nonce keeps a user's string from matching it
const NONCE = randomUUID();
const SERIES_NEEDLE = new RegExp(`"series-${NONCE}:(\\d+)"`, 'g');

type DigestRunInput = DigestInput['runs'][number];

/** A shallow copy of `run` whose series are markers, each series written out and pushed onto `series`. */
function markSeries(run: DigestRunInput, series: string[]): DigestRunInput {
	const metrics: DigestRunInput['metrics'] = {};
	for (const [key, metric] of Object.entries(run.metrics)) {
		// A series holds numbers and the strings "NaN", "Infinity", "-Infinity": its only commas are JSON's own
		series.push(JSON.stringify(metric.series).slice(1, -1).replaceAll(',', ', '));
		metrics[key] = { ...metric, series: `series-${NONCE}:${series.length - 1}` as unknown as DigestRunInput['metrics'][string]['series'] };
	}
	return { ...run, metrics };
}

/**
 * A digest's text: `JSON.stringify(digest, null, 2)` and a trailing newline, except that each metric's
 * `series` sits on one line (`"series": [[0, 0.5], [12, 0.25]]`), so a digest reads as a list of runs
 * rather than thousands of lines of numbers. Deterministic: the same digest always gives the same bytes.
 */
export function formatDigest(digest: DigestInput): string {
	const series: string[] = [];
	const text = JSON.stringify({ ...digest, runs: digest.runs.map((run) => markSeries(run, series)) }, null, 2);
	return `${text.replace(SERIES_NEEDLE, (_, index: string) => `[${series[Number(index)]}]`)}\n`;
}
