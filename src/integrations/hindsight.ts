import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { resolveContentDir } from '../lib/content-dir.ts';
import { formatIssues } from '../lib/issues.ts';
import { validateArchive } from '../lib/validate-archive.ts';
import { writeSearchIndex } from './pagefind.ts';

/**
 * The Hindsight integration: checks the whole archive before Astro loads it, so a build with bad
 * content lists every problem at once instead of Astro's first; then indexes the built site for search.
 */
export default function hindsight(): AstroIntegration {
	return {
		name: 'hindsight',
		hooks: {
			'astro:config:setup': async ({ config, command, logger }) => {
				if (command === 'preview') return;
				const root = fileURLToPath(config.root);
				const contentDir = resolveContentDir(root);
				const { issues } = await validateArchive(contentDir, root);
				if (issues.length === 0) return;
				const report = `${issues.length} problem${issues.length === 1 ? '' : 's'} in the archive ${contentDir}:\n${formatIssues(issues)}`;
				// In dev a half-written entry is normal while typing, so report and keep serving.
				if (command === 'dev') {
					logger.warn(report);
					return;
				}
				logger.error(report);
				throw new Error(`The archive has ${issues.length} problem${issues.length === 1 ? '' : 's'}; see the list above.`);
			},
			'astro:build:done': ({ dir, logger }) => writeSearchIndex(dir, logger, { language: 'en' }),
		},
	};
}
