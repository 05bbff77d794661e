import { z } from 'astro/zod';

/** Bumped when the manifest's shape changes; ingest reads every version it knows. */
export const MANIFEST_SCHEMA_VERSION = 1;

/** A metric value: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"` (JSON has no literals for them). */
export const manifestValueSchema = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity', 'nan', 'inf', '-inf'])]);

/** One logged point of a metric. */
export const manifestPointSchema = z.union([
	z.tuple([z.number().int(), manifestValueSchema]).describe('`[step, value]`'),
	z.strictObject({
		/** Training step (or epoch) the value belongs to. */
		step: z.number().int(),
		/** The value logged. */
		value: manifestValueSchema,
		/** When it was logged, ISO 8601 with a time zone. */
		timestamp: z.iso.datetime({ offset: true }).optional(),
	}),
]);

/** A metric: a single value, a list of points, or points with a direction hint. */
export const manifestMetricSchema = z.union([
	manifestValueSchema.describe('A single final value (logged at step 0).'),
	z.array(manifestPointSchema).min(1).describe('The points in the order they were logged.'),
	z.strictObject({
		/** Whether smaller or larger is better; overrides the guess from the metric's name. */
		direction: z.enum(['min', 'max']).optional(),
		/** The points in the order they were logged. */
		points: z.array(manifestPointSchema).min(1),
	}),
]);

/** A parameter value; nested mappings are flattened with `.` (`{optimizer: {lr: 3e-4}}` → `optimizer.lr`). */
export type ManifestParam = string | number | boolean | null | { [key: string]: ManifestParam };
export const manifestParamSchema: z.ZodType<ManifestParam> = z.lazy(() =>
	z.union([z.string(), z.number(), z.boolean(), z.null(), z.record(z.string(), manifestParamSchema)])
);

/**
 * Hindsight's own run manifest: one run per file, named `*.run.json`, `*.run.yaml` or `*.run.yml`,
 * written by a training or evaluation script that logs outside a tracking tool.
 */
export const runManifestSchema = z.strictObject({
	/** The URL of this schema, for editors (`schemas/run-manifest.schema.json`); ignored by ingest. */
	$schema: z.string().optional(),
	/** Manifest format version; `1`. */
	manifestVersion: z.literal(MANIFEST_SCHEMA_VERSION),
	/** The run's id, unique across the team's manifests; the digest calls the run `manifest:<id>`. */
	id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected letters, digits, ".", "_" or "-", for example eval-2026-05-12-a'),
	/** A display name. */
	name: z.string().optional(),
	/** The experiment the run belongs to, for example `eval-holdout-v2`. */
	experiment: z.string().optional(),
	/** How the run ended; `running` turns into `crashed` once the run goes stale. */
	status: z.enum(['scheduled', 'running', 'finished', 'failed', 'killed']).default('finished'),
	/** Start time, ISO 8601 with a time zone (`2026-05-12T09:30:00Z`); decides the run's month. */
	startedAt: z.iso.datetime({ offset: true }),
	/** End time, ISO 8601 with a time zone. */
	endedAt: z.iso.datetime({ offset: true }).optional(),
	/** Last sign of life of a run still `running`, ISO 8601 with a time zone. */
	heartbeatAt: z.iso.datetime({ offset: true }).optional(),
	/** Who ran it (a user name; the site maps it to a person). */
	user: z.string().optional(),
	/** The code version. */
	git: z
		.strictObject({
			/** Commit hash. */
			commit: z.string().optional(),
			/** Branch name. */
			branch: z.string().optional(),
			/** Repository URL. */
			repoUrl: z.string().optional(),
		})
		.optional(),
	/** Parameters; nested mappings are flattened with `.`. */
	params: z.record(z.string(), manifestParamSchema).optional(),
	/** Metrics by name; `/` in a name is kept (`holdout/acc`). */
	metrics: z.record(z.string(), manifestMetricSchema).optional(),
	/** Free-form tags. */
	tags: z.record(z.string(), z.string()).optional(),
	/** Free-text notes (Markdown); lines beginning `Lesson:` become lessons too. */
	notes: z.string().optional(),
	/** Lessons learnt, one sentence each; they appear in the month's digest and on the site. */
	lessons: z.array(z.string().min(1)).optional(),
	/** The parent run: another manifest's `id`, or a full run id such as `mlflow:<run uuid>`. */
	parent: z.string().optional(),
});

export type RunManifest = z.infer<typeof runManifestSchema>;
export type RunManifestInput = z.input<typeof runManifestSchema>;

/** The manifest schema as JSON Schema, for editors (`schemas/run-manifest.schema.json`). */
export function makeManifestJsonSchema(): Record<string, unknown> {
	return {
		...z.toJSONSchema(runManifestSchema, { io: 'input', target: 'draft-2020-12' }),
		$id: 'https://hindsight.invalid/schemas/run-manifest.schema.json',
		title: 'Hindsight run manifest',
	};
}
