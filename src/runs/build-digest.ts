import type { DigestInput, RunInput, RunLesson, RunSource } from '../schemas/digest.ts';
import { DIGEST_SCHEMA_VERSION, digestSchema } from '../schemas/digest.ts';
import { isPackedSeries, MAX_SERIES_POINTS } from './metric-summary.ts';

/** One run placed in a month, with the lessons that go with it. */
export interface MonthRun {
	run: RunInput;
	lessons: RunLesson[];
	/** The store it came from, relative to the working folder. */
	storePath: string;
	storeKind: RunSource;
}

function compareRuns(a: RunInput, b: RunInput): number {
	const sa = a.startedAt ?? '';
	const sb = b.startedAt ?? '';
	if (sa !== sb) return sa < sb ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Assembles a month's digest: runs by start time then id, each run's lessons after it, an
 * experiment's note lessons after the experiment's first run (`experimentLessonsAfter`), and the
 * stores that contributed runs, by path.
 */
export function buildDigest(month: string, runs: MonthRun[], experimentLessonsAfter: Map<string, RunLesson[]>): DigestInput {
	const ordered = [...runs].sort((a, b) => compareRuns(a.run, b.run));
	const lessons: RunLesson[] = [];
	const seen = new Set<string>();
	const push = (lesson: RunLesson) => {
		if (seen.has(lesson.id)) return;
		seen.add(lesson.id);
		lessons.push(lesson);
	};
	const counts = new Map<string, { kind: RunSource; path: string; runs: number }>();
	for (const entry of ordered) {
		entry.lessons.forEach(push);
		experimentLessonsAfter.get(entry.run.id)?.forEach(push);
		const key = `${entry.storePath}\u0000${entry.storeKind}`;
		const count = counts.get(key) ?? { kind: entry.storeKind, path: entry.storePath, runs: 0 };
		count.runs++;
		counts.set(key, count);
	}
	const sources = [...counts.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
	return { schemaVersion: DIGEST_SCHEMA_VERSION, month, sources, runs: ordered.map((e) => e.run), lessons };
}

const METRIC_VALUE_NAMES = new Set(['NaN', 'Infinity', '-Infinity']);

function seriesProblem(series: unknown): { at: string; message: string } | null {
	if (isPackedSeries(series)) {
		if (series.length / 2 > MAX_SERIES_POINTS) return { at: '', message: `more than ${MAX_SERIES_POINTS} points` };
		for (let i = 0; i < series.length; i += 2) if (!Number.isFinite(series[i])) return { at: `.${i / 2}.0`, message: 'step is not a finite number' };
		return null;
	}
	if (!Array.isArray(series)) return { at: '', message: 'expected a list of [step, value] pairs' };
	if (series.length > MAX_SERIES_POINTS) return { at: '', message: `more than ${MAX_SERIES_POINTS} points` };
	for (let i = 0; i < series.length; i++) {
		const pair: unknown = series[i];
		if (!Array.isArray(pair) || pair.length !== 2) return { at: `.${i}`, message: 'expected a [step, value] pair' };
		if (typeof pair[0] !== 'number' || !Number.isFinite(pair[0])) return { at: `.${i}.0`, message: 'step is not a finite number' };
		const v: unknown = pair[1];
		if (!(typeof v === 'number' && Number.isFinite(v)) && !(typeof v === 'string' && METRIC_VALUE_NAMES.has(v))) {
			return { at: `.${i}.1`, message: 'value is not a finite number, "NaN", "Infinity" or "-Infinity"' };
		}
	}
	return null;
}

/**
 * Checks a digest just built against `digestSchema`, or returns the first problem. The series (most
 * of a digest) are checked by hand against the schema's rule for them (at most 64 `[finite step,
 * metric value]` pairs; a packed series holds doubles, all of which are valid values); the rest of
 * the digest goes through the schema itself with the series left empty.
 */
export function checkDigest(digest: DigestInput): { path: string; message: string } | null {
	let found: { path: string; message: string } | null = null;
	const runs = digest.runs.map((run, r) => {
		if (found || run === null || typeof run !== 'object' || run.metrics === null || typeof run.metrics !== 'object') return run;
		const metrics: Record<string, unknown> = {};
		for (const key of Object.keys(run.metrics)) {
			const metric = run.metrics[key]!;
			if (metric === null || typeof metric !== 'object' || !('series' in metric)) {
				metrics[key] = metric;
				continue;
			}
			const problem = seriesProblem(metric.series);
			if (problem) {
				found = { path: `runs.${r}.metrics.${key}.series${problem.at}`, message: problem.message };
				return run;
			}
			metrics[key] = { ...metric, series: [] };
		}
		return { ...run, metrics };
	});
	if (found) return found;
	const checked = digestSchema.safeParse({ ...digest, runs });
	if (checked.success) return null;
	const issue = checked.error.issues[0]!;
	return { path: issue.path.join('.'), message: issue.message };
}
