import { z } from 'astro/zod';

/**
 * One rule of `hindsight.yaml`'s `experiments`: which runs it renames (`path`, `from` or both, all
 * given must match) and the experiment name they get. Ingest applies the first rule that matches.
 */
export const experimentRuleSchema = z
	.strictObject({
		/**
		 * A path or glob (`*`, `**`, `?`, `[…]`, `{a,b}`) matched against the run's path relative to the
		 * folder ingest runs in, as ingest's messages and the digests' `stores` write it
		 * (`examples/tensorboard/lightning/lightning_logs/version_0`), or against its full path when it
		 * starts with `/`. A run matches when its path or any folder above it does, so a folder's name
		 * alone covers every run below it.
		 */
		path: z
			.string()
			.min(1, 'expected a path or glob, for example runs/vision/** or examples/tensorboard')
			.refine((value) => !value.includes('\\'), 'expected / between folders, found \\ (a glob reads \\ as an escape)')
			.optional(),
		/** The experiment name the tool gave (a Lightning project folder, a W&B project, an MLflow experiment), matched exactly. */
		from: z.string().min(1, 'expected the experiment name the tool gave, for example lightning_logs').optional(),
		/** The experiment name the matched runs get in the digests, as experiments' `runs.experiments` select them. */
		experiment: z.string().trim().min(1, 'expected the experiment name the runs should get, for example lr-warmup'),
	})
	.refine((rule) => rule.path !== undefined || rule.from !== undefined, 'expected path, from or both: a rule with neither would rename every run');

export type ExperimentRule = z.infer<typeof experimentRuleSchema>;
