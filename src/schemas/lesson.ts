import { z } from 'astro/zod';
import { entryRefSchema, tagSchema } from './common.ts';

/** A lesson learned, written in a retro or an experiment; it gets a stable link in the lesson archive. */
export const lessonSchema = z.strictObject({
	/** Stable id, unique across the archive; the lesson's anchor is `/lessons/<year>/#<id>`, the year of its month. Never reuse one. */
	id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lesson id in lower case, for example check-normalisation-first'),
	/** The lesson in one sentence. */
	title: z.string().min(1),
	/** What happened and what to do differently, in a few sentences (Markdown allowed). */
	detail: z.string().min(1),
	/** Tags for the lesson archive's filters. */
	tags: z.array(tagSchema).default([]),
	/** Entries the lesson is about or came from: `DR-0012`, `exp:lr-warmup`, `@amara`, `run:<id>`. */
	related: z.array(entryRefSchema).default([]),
});

export type Lesson = z.infer<typeof lessonSchema>;
