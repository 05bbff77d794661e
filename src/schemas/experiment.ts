import { z } from 'astro/zod';
import { daySchema, decisionIdSchema, directionSchema, personIdSchema, tagSchema, visibilitySchema } from './common.ts';
import { lessonSchema } from './lesson.ts';

/** Which runs of the digests belong to an experiment; a run matching any rule belongs. */
export const runSelectorSchema = z.strictObject({
	/** Experiment names as the run store has them (MLflow experiment name, manifest `experiment`). */
	experiments: z.array(z.string().min(1)).default([]),
	/** Tags a run must carry, `key: value`; all must match. */
	tags: z.record(z.string(), z.string()).default({}),
	/** Individual run ids (`mlflow:<run uuid>`, `manifest:<id>`). */
	runIds: z.array(z.string().min(1)).default([]),
});

/** A metric an experiment is judged by. */
export const experimentMetricSchema = z.strictObject({
	/** Metric key as the run store names it, for example `val_loss`. */
	key: z.string().min(1),
	/** Whether smaller or larger is better. */
	direction: directionSchema,
	/** A human label, for example "Validation loss". */
	label: z.string().optional(),
});

/** Frontmatter of an experiment summary, `content/experiments/<slug>.mdx`; the slug is its id. */
export const experimentSchema = z.strictObject({
	/** The experiment's name. */
	title: z.string().min(1),
	/** What the experiment set out to show, as a falsifiable statement. */
	hypothesis: z.string().min(1),
	/** Where the experiment stands. */
	status: z.enum(['planned', 'running', 'concluded', 'abandoned']),
	/** What the evidence said; required once `concluded`. */
	outcome: z.enum(['confirmed', 'rejected', 'inconclusive']).optional(),
	/** One or two sentences for listings, feeds and search results. */
	summary: z.string().min(1).max(400),
	/** Who ran it, by person id; all are credited equally. */
	owners: z.array(personIdSchema).min(1),
	/** First day of work, `YYYY-MM-DD`. */
	started: daySchema,
	/** Last day of work, `YYYY-MM-DD`, once it is concluded or abandoned. */
	ended: daySchema.optional(),
	/** Which runs in the digests belong to it. */
	runs: runSelectorSchema.prefault({}),
	/** The metrics it is judged by, with their direction. */
	metrics: z.array(experimentMetricSchema).default([]),
	/** Decisions that came out of it or shaped it. */
	decisions: z.array(decisionIdSchema).default([]),
	/** What it taught; each gets a stable link in the lesson archive. */
	lessons: z.array(lessonSchema).default([]),
	/** Tags for search filters. */
	tags: z.array(tagSchema).default([]),
	/** Who may read this summary. */
	visibility: visibilitySchema.default('internal'),
});

export type Experiment = z.infer<typeof experimentSchema>;
export type ExperimentMetric = z.infer<typeof experimentMetricSchema>;
export type RunSelector = z.infer<typeof runSelectorSchema>;
