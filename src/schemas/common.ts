import { z } from 'astro/zod';

/** A calendar month, `YYYY-MM`; the unit a retro and a run digest cover. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM, for example 2026-02');

/**
 * A calendar day, `YYYY-MM-DD`, kept as text so that no time zone can shift it. YAML 1.1 parsers
 * (Astro's frontmatter parser among them) turn an unquoted date into a timestamp; it is read back as its UTC day.
 */
export const daySchema = z.preprocess(
	(value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
	z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date as YYYY-MM-DD, for example 2026-02-14')
);

/** The id of a person: the name of their file in `people/` without `.yaml`, for example `amara`. */
export const personIdSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a person id in lower case, for example amara or li-wei');

/** The id of a decision record, `DR-` and four digits, for example `DR-0012`. */
export const decisionIdSchema = z.string().regex(/^DR-\d{4}$/, 'expected a decision id such as DR-0012');

/** The id of an experiment: the slug its file is named after, for example `lr-warmup`. */
export const experimentIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected an experiment slug in lower case, for example lr-warmup');

/** A free-form tag; lower case words joined by hyphens. */
export const tagSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a tag in lower case, for example data-quality');

/** Who may read an entry: everyone, the organisation, or only the team. */
export const visibilitySchema = z.enum(['public', 'internal', 'restricted']);

/**
 * A typed reference to another entry: `DR-0012` (decision), `exp:lr-warmup` (experiment),
 * `@amara` (person), `run:<run id>` (a run in a digest) or `lesson:<lesson id>`.
 */
export const entryRefSchema = z
	.string()
	.regex(
		/^(DR-\d{4}|exp:[a-z0-9][a-z0-9-]*|@[a-z][a-z0-9-]*|run:\S+|lesson:[a-z0-9][a-z0-9-]*)$/,
		'expected a reference such as DR-0012, exp:lr-warmup, @amara, run:<run id> or lesson:<lesson id>'
	);

/** The areas a change can affect; a decision names all that apply. */
export const impactAreaSchema = z.enum(['assumptions', 'data', 'preprocessing', 'training', 'evaluation', 'outputs', 'infrastructure']);

/** Whether a smaller or a larger value of a metric is better. */
export const directionSchema = z.enum(['min', 'max']);

export type Month = z.infer<typeof monthSchema>;
export type Visibility = z.infer<typeof visibilitySchema>;
export type ImpactArea = z.infer<typeof impactAreaSchema>;
export type Direction = z.infer<typeof directionSchema>;
