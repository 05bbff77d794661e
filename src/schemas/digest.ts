import { z } from 'astro/zod';
import { directionSchema, monthSchema } from './common.ts';

/** Bumped whenever the digest's shape or meaning changes; ingest rewrites digests of another version. */
export const DIGEST_SCHEMA_VERSION = 1;

import { MAX_SERIES_POINTS } from './series-limit.ts';

export { MAX_SERIES_POINTS };

/**
 * A metric value. JSON has no NaN or infinity, so they are written as the strings `"NaN"`,
 * `"Infinity"` and `"-Infinity"` and read back as numbers.
 */
export const metricValueSchema = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]).transform((value) => decodeMetricValue(value));

/** Reads a metric value as written in a digest: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export function decodeMetricValue(value: number | string): number {
	return typeof value === 'number' ? value : Number(value);
}

/** The tool a run was read from. */
export const runSourceSchema = z.enum(['manifest', 'mlflow-fs', 'mlflow-sqlite', 'wandb', 'sacred', 'dvclive', 'tensorboard', 'lightning-csv', 'hf-trainer']);

/** A run's lifecycle state, normalised across tools. */
export const runStatusSchema = z.enum([
	'scheduled',
	'running',
	'finished',
	'failed',
	'killed',
	/** Started, never reported an end, and went stale (no change for longer than the threshold). */
	'crashed',
	'unknown',
]);

/** One metric of one run, summarised; the full series stays in the run store. */
export const metricSummarySchema = z.strictObject({
	/** The last value by the source tool's own rule (MLflow: highest step, then latest timestamp, then largest value). */
	final: metricValueSchema.nullable(),
	/** The best finite value for the metric's direction; null when the direction is unknown. */
	best: metricValueSchema.nullable(),
	/** The step at which `best` was logged. */
	bestStep: z.number().nullable(),
	/** Whether smaller or larger is better: from the source's hint, the team's config, or the metric's name. */
	direction: directionSchema.nullable(),
	/** Smallest finite value. */
	min: metricValueSchema.nullable(),
	/** Largest finite value. */
	max: metricValueSchema.nullable(),
	/** Number of points logged, NaN included. */
	count: z.number().int().nonnegative(),
	/** Number of NaN points. */
	nanCount: z.number().int().nonnegative(),
	/** Step of the last point, if steps were logged. */
	lastStep: z.number().nullable(),
	/** A downsampled series for charts, `[step, value]` pairs in step order, at most 64 points; ingest writes values to 7 significant digits. */
	series: z.array(z.tuple([z.number(), metricValueSchema])).max(MAX_SERIES_POINTS),
});

/** A run, as the common run model describes it; ids are always strings. */
export const runSchema = z.strictObject({
	/** Globally unique id, `<source>:<native id>`, for example `mlflow:3f2a…`. */
	id: z.string().min(1),
	/** The tool the run was read from. */
	source: runSourceSchema,
	/** The tool's own run id (MLflow run uuid, manifest id). */
	nativeId: z.string().min(1),
	/** The run's display name, if it has one. */
	name: z.string().nullable(),
	/** Experiment name in the source tool, or the team's for it (`hindsight.yaml`'s `experiments`; the tool's is then the tag `source.experiment`). */
	experiment: z.string().nullable(),
	/** Experiment id in the source tool, always a string (MLflow's 18-digit ids exceed 2^53). */
	experimentId: z.string().nullable(),
	/** Normalised status. */
	status: runStatusSchema,
	/** The status exactly as the source wrote it, for debugging. */
	statusRaw: z.string().nullable(),
	/** Start time, ISO 8601 in UTC (`…Z`). */
	startedAt: z.string().nullable(),
	/** End time, ISO 8601 in UTC, when the run ended. */
	endedAt: z.string().nullable(),
	/** Run length in milliseconds, when both ends are known. */
	durationMs: z.number().nullable(),
	/** Who started it, as the source recorded it (mapped to a person through their `aliases`). */
	user: z.string().nullable(),
	/** Git state of the code the run used. */
	git: z
		.object({
			/** Commit hash. */
			commit: z.string().nullable(),
			/** Branch name. */
			branch: z.string().nullable(),
			/** Repository URL. */
			repoUrl: z.string().nullable(),
		})
		.nullable(),
	/** Parameters, flattened with `.`; MLflow's are kept as the strings it stored. */
	params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
	/** Per-metric summaries; keys keep `/` as the tool wrote them (`val/loss`). */
	metrics: z.record(z.string(), metricSummarySchema),
	/** Tags other than the tool's own bookkeeping. */
	tags: z.record(z.string(), z.string()),
	/** Free-text notes (MLflow `mlflow.note.content`, the manifest's `notes`). */
	notes: z.string().nullable(),
	/** True when the run was deleted in the source tool (kept so its lessons are not lost). */
	deleted: z.boolean(),
	/** The parent run's id, in the same `<source>:<native id>` form. */
	parentId: z.string().nullable(),
	/** Problems met while reading the run; the run was still ingested. */
	warnings: z.array(z.string()),
});

/** A lesson found in a run's notes, an experiment's notes, or a manifest's `lessons`. */
export const runLessonSchema = z.strictObject({
	/** Stable id derived from the run and the text, unique across digests. */
	id: z.string().min(1),
	/** The lesson's text, without the `Lesson:` prefix. */
	text: z.string().min(1),
	/** The run it came from (`<source>:<native id>`), or null for an experiment-level note. */
	runId: z.string().nullable(),
	/** The experiment name it belongs to. */
	experiment: z.string().nullable(),
	/** Where in the run store it was written. */
	origin: z.enum(['run-note', 'experiment-note', 'manifest']),
});

/** A run store read to make the digest. */
export const digestSourceSchema = z.strictObject({
	/** The kind of store. */
	kind: runSourceSchema,
	/** Its path relative to the folder ingest ran in, with `/` separators. */
	path: z.string().min(1),
	/** How many of the month's runs came from it. */
	runs: z.number().int().nonnegative(),
});

/** A month of runs, `content/runs/YYYY-MM.json`, written by `npm run ingest`. */
export const digestSchema = z.strictObject({
	/** The digest format's version; see `DIGEST_SCHEMA_VERSION`. */
	schemaVersion: z.literal(DIGEST_SCHEMA_VERSION),
	/** The month, `YYYY-MM`, by each run's start time in UTC; must match the file name. */
	month: monthSchema,
	/** The run stores read. */
	sources: z.array(digestSourceSchema),
	/** The month's runs, sorted by start time then id. */
	runs: z.array(runSchema),
	/** Lessons found in the month's runs, in run order. */
	lessons: z.array(runLessonSchema),
});

export type MetricValueInput = z.input<typeof metricValueSchema>;
export type MetricSummary = z.infer<typeof metricSummarySchema>;
export type MetricSummaryInput = z.input<typeof metricSummarySchema>;
export type Run = z.infer<typeof runSchema>;
export type RunInput = z.input<typeof runSchema>;
export type RunStatus = z.infer<typeof runStatusSchema>;
export type RunSource = z.infer<typeof runSourceSchema>;
export type RunLesson = z.infer<typeof runLessonSchema>;
export type Digest = z.infer<typeof digestSchema>;
export type DigestInput = z.input<typeof digestSchema>;
