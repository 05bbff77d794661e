import { z } from 'astro/zod';
import { daySchema } from './common.ts';

/** Options of the site, `hindsight.yaml` at the top of the archive folder; every field is optional. */
export const siteOptionsSchema = z.strictObject({
	/** The site's name, shown in the header, page titles and feeds. */
	title: z.string().min(1).default('Hindsight'),
	/** One line on what the archive holds, for the home page and feeds. */
	description: z
		.string()
		.min(1)
		.default("The team's monthly retrospectives, decision records and experiments, with the runs behind them."),
	/** The team's name, shown on the home page. */
	team: z.string().min(1).optional(),
	/** Days off (`YYYY-MM-DD`) that are not counted as workdays on month pages. */
	holidays: z.array(daySchema).default([]),
});

export type SiteOptions = z.infer<typeof siteOptionsSchema>;
