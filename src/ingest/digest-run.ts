import type { MetricSummaryInput, RunInput, RunLesson, RunStatus } from '../schemas/digest.ts';
import type { RunRecord } from '../schemas/run-record.ts';
import { sortKeys } from './deterministic.ts';
import { makeLessonId } from './lessons.ts';
import { guessDirection } from './metric-direction.ts';
import { type StaleRule, settleStatus } from './settle-status.ts';
import { summariseMetric } from './summarise-metric.ts';

/** A run as its digest holds it, with its lessons and when a `running` status must be judged again. */
export interface DigestRun {
	run: RunInput;
	lessons: RunLesson[];
	/** Epoch ms at which the run, still running, counts as crashed; null when it cannot. */
	staleAt: number | null;
}

function durationMs(record: RunRecord): number | null {
	return record.startedAt !== null && record.endedAt !== null ? Date.parse(record.endedAt) - Date.parse(record.startedAt) : null;
}

/**
 * Turns a run record into its digest entry: the stale rule applied to its status, each metric
 * summarised (a metric with no points is left out, with a warning), keys sorted so the text is stable.
 */
export function toDigestRun(record: RunRecord, rule: StaleRule): DigestRun {
	const warnings = [...record.warnings];
	const settled = settleStatus(record.status, record.lastActivityAt, rule);
	if (settled.warning) warnings.push(settled.warning);
	const metrics: Record<string, MetricSummaryInput> = {};
	for (const key of Object.keys(record.metrics).sort()) {
		const metric = record.metrics[key]!;
		const summary = summariseMetric(metric, metric.direction ?? guessDirection(key));
		if (summary) metrics[key] = summary;
		else warnings.push(`metric ${key}: no data points; left out`);
	}
	const status: RunStatus = settled.status;
	const run: RunInput = {
		id: record.id,
		source: record.source,
		nativeId: record.nativeId,
		name: record.name,
		experiment: record.experiment,
		experimentId: record.experimentId,
		status,
		statusRaw: record.statusRaw,
		startedAt: record.startedAt,
		endedAt: record.endedAt,
		durationMs: durationMs(record),
		user: record.user,
		git: record.git,
		params: sortKeys(record.params),
		metrics,
		tags: sortKeys(record.tags),
		notes: record.notes,
		deleted: record.deleted,
		parentId: record.parentId,
		warnings,
	};
	const lessons = record.lessons.map((lesson) => ({
		id: makeLessonId(record.id, lesson.origin, lesson.text),
		text: lesson.text,
		runId: record.id,
		experiment: record.experiment,
		origin: lesson.origin,
	}));
	return { run, lessons, staleAt: settled.staleAt };
}
