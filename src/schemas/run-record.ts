import { z } from 'astro/zod';
import { directionSchema } from './common.ts';
import { runSchema, runStatusSchema } from './digest.ts';

/** A metric value as a tool logged it: any double, NaN and the infinities included. */
const loggedValueSchema = z.union([z.number(), z.nan(), z.literal(Infinity), z.literal(-Infinity)]);

/**
 * How the source tool picks a metric's "final" value (run-formats.md §8.4):
 * - `mlflow`: the point with the largest (step, timestamp, value), compared as Python compares tuples
 *   (a NaN never wins a tie), as MLflow's file store does;
 * - `mlflow-sql`: the same with NaN compared as 0, as MLflow's SQL store keeps it (`value=0, is_nan=1`);
 * - `highest-step`: the point with the largest step, the later logged one on equal steps;
 * - `last-logged`: the last point in the order it was logged.
 */
export const finalRuleSchema = z.enum(['mlflow', 'mlflow-sql', 'highest-step', 'last-logged']);

/** One metric of one run, every point as the tool logged it, in logging order (three columns of equal length). */
export const runMetricSchema = z.strictObject({
	/** The step of each point; tools that log no step get 0, 1, 2… from their adapter. */
	steps: z.array(z.number()),
	/** The value of each point, NaN and infinities included. */
	values: z.array(loggedValueSchema),
	/** When each point was logged, epoch milliseconds, or null where the tool kept no time. */
	timestamps: z.array(z.number().nullable()),
	/** The source's own rule for the final value. */
	finalRule: finalRuleSchema,
	/** A final point the source stored itself (MLflow SQL's `latest_metrics`), which wins over the rule. */
	final: z.strictObject({ step: z.number(), value: loggedValueSchema }).nullable(),
	/** Whether smaller or larger is better, when the source says so; null lets the name decide. */
	direction: directionSchema.nullable(),
});

/** A lesson written in a run's own notes or manifest, before it gets its id in a digest. */
export const foundLessonSchema = z.strictObject({
	/** The lesson's text, without the `Lesson:` prefix. */
	text: z.string().min(1),
	/** Where in the run store it was written. */
	origin: z.enum(['run-note', 'experiment-note', 'manifest']),
});

/**
 * A run as the tool recorded it, the one shape every adapter produces and the digest writer reads
 * (run-formats.md §1). It shares the digest's fields that say what the run is (ids, names, user, git,
 * params, tags, notes; documented in `runSchema`); metrics are whole point lists here, where the digest
 * keeps only their summaries.
 */
export const runRecordSchema = runSchema
	.pick({
		id: true,
		source: true,
		nativeId: true,
		name: true,
		experiment: true,
		experimentId: true,
		statusRaw: true,
		user: true,
		git: true,
		params: true,
		tags: true,
		notes: true,
		deleted: true,
		parentId: true,
		warnings: true,
	})
	.extend({
		/** Groups the runs of one experiment within one store, for lessons written on the experiment. */
		experimentKey: z.string().nullable(),
		/** Normalised status, before the stale rule turns a silent `running` run into `crashed`. */
		status: runStatusSchema,
		/** Start time, ISO 8601 in UTC; decides the run's month. Null only for a run that cannot be filed. */
		startedAt: z.iso.datetime().nullable(),
		/** End time, ISO 8601 in UTC, when the run ended. */
		endedAt: z.iso.datetime().nullable(),
		/** The newest sign of life (start, a logged point, a heartbeat), ISO 8601 in UTC; judges staleness. */
		lastActivityAt: z.iso.datetime().nullable(),
		/** Every metric's points, by key as the tool wrote it (`val/loss`). */
		metrics: z.record(z.string(), runMetricSchema),
		/** Lessons from the run's notes or manifest. */
		lessons: z.array(foundLessonSchema),
	});

export type FinalRule = z.infer<typeof finalRuleSchema>;
export type RunMetric = z.infer<typeof runMetricSchema>;
export type FoundLesson = z.infer<typeof foundLessonSchema>;
export type RunRecord = z.infer<typeof runRecordSchema>;
