import type { DigestInput, RunInput, RunLesson, RunSource } from '../schemas/digest.ts';
import { DIGEST_SCHEMA_VERSION, digestSchema, runSchema } from '../schemas/digest.ts';
import { takeOutSeries } from '../lib/digest-series.ts';

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

/** A problem found by {@link checkDigest} or {@link checkRun}: where (a dotted path) and what. */
export interface DigestProblem {
	path: string;
	message: string;
}

/**
 * Checks a digest just built against `digestSchema`, or returns the first problem. The series (most
 * of a digest) are checked by hand against the schema's rule for them (at most 64 `[finite step,
 * metric value]` pairs; a packed series holds doubles, all of which are valid values); the rest of
 * the digest goes through the schema itself with the series left empty. Runs in `checked` passed
 * {@link checkRun} already and are not checked again.
 */
export function checkDigest(digest: DigestInput, checked?: { has(run: RunInput): boolean }): DigestProblem | null {
	const envelope = digestSchema.safeParse({ ...digest, runs: [] });
	if (!envelope.success) return firstIssue(envelope.error.issues, []);
	for (let index = 0; index < digest.runs.length; index++) {
		const run = digest.runs[index]!;
		if (checked?.has(run)) continue;
		const problem = checkRun(run, index);
		if (problem) return problem;
	}
	return null;
}

/** Checks one run, at `index` in its digest's `runs`, as {@link checkDigest} does. */
export function checkRun(run: RunInput, index = 0): DigestProblem | null {
	const { rest, problems } = takeOutSeries({ runs: [run] });
	const [problem] = problems;
	if (problem) return { path: ['runs', index, ...problem.path.slice(2)].join('.'), message: problem.message };
	const checked = runSchema.safeParse((rest as { runs: unknown[] }).runs[0]);
	return checked.success ? null : firstIssue(checked.error.issues, ['runs', index]);
}

function firstIssue(issues: readonly { path: PropertyKey[]; message: string }[], prefix: (string | number)[]): DigestProblem {
	const issue = issues[0]!;
	return { path: [...prefix, ...issue.path.map(String)].join('.'), message: issue.message };
}
