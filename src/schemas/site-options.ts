import { z } from 'astro/zod';
import { daySchema } from './common.ts';
import { experimentRuleSchema } from './experiment-rule.ts';

/** Options of the site, `hindsight.yaml` at the top of the archive folder; every field is optional. */
export const siteOptionsSchema = z.strictObject({
	/** The site's name, shown in the header, page titles and feeds. */
	title: z.string().min(1).default('Hindsight'),
	/** One line on what the archive holds, for the home page and feeds. */
	description: z.string().min(1).default("The team's monthly retrospectives, decision records and experiments, with the runs behind them."),
	/** The team's name, shown on the home page. */
	team: z.string().min(1).optional(),
	/** Days off (`YYYY-MM-DD`) that are not counted as workdays on month pages. */
	holidays: z.array(daySchema).default([]),
	/**
	 * Where an entry's file is edited on the team's git host, with `{path}` for the file's path inside the
	 * archive folder (`decisions/0006-normalize.mdx`): each page made from a file links there as "Edit this
	 * page". Any host: `https://gitlab.example.org/ml/archive/-/edit/main/{path}`,
	 * `https://gitea.example.org/ml/archive/_edit/main/{path}`. Unset, pages have no such link.
	 */
	editUrl: z
		.string()
		.regex(
			/^https?:\/\/[^\s]*\{path\}/,
			'expected an http(s) URL with {path} where the file goes, for example https://git.example.org/ml/archive/-/edit/main/{path}'
		)
		.optional(),
	/**
	 * Experiment names the team gives runs in place of the tool's (a Lightning project folder, a
	 * Trainer output folder, a W&B project); ingest applies the first rule that matches each run.
	 */
	experiments: z.array(experimentRuleSchema).default([]),
});

export type SiteOptions = z.infer<typeof siteOptionsSchema>;
