import { z } from 'astro/zod';
import { daySchema, visibilitySchema } from './common.ts';

/** A person who takes part in the team's work; outside collaborators are people too. */
export const personSchema = z.strictObject({
	/** Full name as it should appear in credits. */
	name: z.string().min(1),
	/** What they do on or with the team, for example "Research engineer". */
	role: z.string().min(1),
	/** Their organisation; differs from the team's for outside collaborators. */
	affiliation: z.string().min(1),
	/** True for someone outside the team (a collaborator, a reviewer from another group). */
	external: z.boolean().default(false),
	/** Names they use in run stores (`mlflow.user`, the manifest's `user`), so runs are credited to them. */
	aliases: z.array(z.string().min(1)).default([]),
	/** When they joined the team, `YYYY-MM-DD`, if known. */
	joined: daySchema.optional(),
	/** Who may see this person's page. */
	visibility: visibilitySchema.default('internal'),
});

export type Person = z.infer<typeof personSchema>;
