import { z } from 'astro/zod';
import { daySchema, entryRefSchema, monthSchema, personIdSchema, tagSchema, visibilitySchema } from './common.ts';
import { lessonSchema } from './lesson.ts';

/** A discussion, review or outside idea that moved the work forward, and who took part. */
export const exchangeSchema = z.strictObject({
	/** Everyone who took part, by person id (the team's own people and outsiders alike). */
	with: z.array(personIdSchema).min(1),
	/** What it was about, in a few words. */
	topic: z.string().min(1),
	/** What came out of it: the change it led to, or why nothing changed. */
	outcome: z.string().min(1),
	/** The form it took. */
	kind: z.enum(['review', 'discussion', 'reading-group', 'pairing', 'talk', 'email', 'other']).default('discussion'),
	/** When it happened, `YYYY-MM-DD`, if known. */
	date: daySchema.optional(),
	/** Entries it led to or was about: `DR-0012`, `exp:lr-warmup`. */
	related: z.array(entryRefSchema).default([]),
});

/** An idea the team considered and set aside, kept so that nobody spends a month rediscovering why. */
export const rejectedIdeaSchema = z.strictObject({
	/** The idea, in a sentence. */
	idea: z.string().min(1),
	/** Why it was set aside. */
	reason: z.string().min(1),
	/** Entries that hold the evidence: `DR-0012`, `exp:lr-warmup`, `run:<id>`. */
	related: z.array(entryRefSchema).default([]),
});

/** Frontmatter of a monthly retrospective, `content/retros/YYYY-MM.mdx`. */
export const retroSchema = z.strictObject({
	/** The month the retro covers, `YYYY-MM`; must match the file name. */
	month: monthSchema,
	/** A headline for the month. */
	title: z.string().min(1),
	/** Everyone who contributed to the month's work, by person id; all are credited equally and in full. */
	authors: z.array(personIdSchema).min(1),
	/** One or two sentences for listings, feeds and search results. */
	summary: z.string().min(1).max(400),
	/** The month's lessons; each gets a stable link in the lesson archive. */
	lessons: z.array(lessonSchema).default([]),
	/** Discussions, reviews and outside ideas that moved the work forward. */
	exchanges: z.array(exchangeSchema).default([]),
	/** Ideas considered and set aside this month, with the reason. */
	rejectedIdeas: z.array(rejectedIdeaSchema).default([]),
	/** Experiments the month worked on, by slug, in addition to those whose runs fall in the month. */
	experiments: z.array(z.string()).default([]),
	/** Tags for search filters. */
	tags: z.array(tagSchema).default([]),
	/** Who may read this retro. */
	visibility: visibilitySchema.default('internal'),
});

export type Retro = z.infer<typeof retroSchema>;
export type Exchange = z.infer<typeof exchangeSchema>;
export type RejectedIdea = z.infer<typeof rejectedIdeaSchema>;
