import { z } from 'astro/zod';
import { daySchema, decisionIdSchema, impactAreaSchema, personIdSchema, tagSchema, visibilitySchema } from './common.ts';

/** Where a decision's lifecycle stands. `superseded` needs at least one later record that supersedes it. */
export const decisionStatusSchema = z.enum(['proposed', 'accepted', 'rejected', 'deprecated', 'superseded']);

/** What a decision touches; each identifier is searchable by its whole name and linked from the page. */
export const affectsSchema = z.strictObject({
	/** Source files or folders, for example `src/data/normalize.py`. */
	code: z.array(z.string().min(1)).default([]),
	/** Configuration keys, dotted, for example `optimizer.lr` or `augment.mixup_alpha`. */
	config: z.array(z.string().min(1)).default([]),
	/** Metric keys as the run store names them, for example `val_loss` or `val/acc`. */
	metrics: z.array(z.string().min(1)).default([]),
	/** Experiments whose runs the decision changes, by slug. */
	experiments: z.array(z.string()).default([]),
});

/** Frontmatter of a decision record, `content/decisions/NNNN-slug.mdx`. */
export const decisionSchema = z
	.strictObject({
		/** `DR-` and the four digits of the file name, for example `DR-0012` for `0012-mixup.mdx`. */
		id: decisionIdSchema,
		/** The decision, stated as what was decided. */
		title: z.string().min(1),
		/** The day the decision was made (or proposed, while it is `proposed`), `YYYY-MM-DD`. */
		date: daySchema,
		/** Lifecycle status. */
		status: decisionStatusSchema,
		/** One or two sentences for listings, feeds and search results. */
		summary: z.string().min(1).max(400),
		/** Earlier records this one replaces; their pages show this record as a successor. */
		supersedes: z.array(decisionIdSchema).default([]),
		/** Who made the decision, by person id; empty only when `decidersNotRecorded` is true. */
		deciders: z.array(personIdSchema).default([]),
		/**
		 * True for an imported record whose original named no deciders and whose history named none of the
		 * archive's people; the page says so and `npm run check` lists it as a to-do.
		 */
		decidersNotRecorded: z.boolean().default(false),
		/** Who was asked for their view, by person id (outside collaborators included). */
		consulted: z.array(personIdSchema).default([]),
		/** The areas the decision changes. */
		impact: z.array(impactAreaSchema).min(1),
		/** True when results before and after the decision cannot be compared directly; charts mark the date. */
		breaksComparability: z.boolean().default(false),
		/** Code paths, config keys, metric keys and experiments the decision touches. */
		affects: affectsSchema.prefault({}),
		/** Commits that carry the change, as hashes (7 to 40 hex digits). */
		commits: z.array(z.string().regex(/^[0-9a-f]{7,40}$/, 'expected a git commit hash')).default([]),
		/** Tags for search filters. */
		tags: z.array(tagSchema).default([]),
		/** Who may read this record. */
		visibility: visibilitySchema.default('internal'),
	})
	.superRefine((data, context) => {
		if (data.deciders.length === 0 && !data.decidersNotRecorded) {
			context.addIssue({
				code: 'custom',
				path: ['deciders'],
				message:
					'is required but missing: expected at least one person id, for example [ada] (an imported record whose original names none sets decidersNotRecorded: true instead)',
			});
		}
	});

export type Decision = z.infer<typeof decisionSchema>;
export type DecisionStatus = z.infer<typeof decisionStatusSchema>;
export type Affects = z.infer<typeof affectsSchema>;
