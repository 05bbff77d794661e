import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { COLLECTION_DIRS, resolveContentDir } from '../archive/content-dir.ts';
import { formatIssues, type Issue, sortIssues } from '../archive/issues.ts';
import { RUN_INDEX_FILE } from '../archive/run-index.ts';
import { validateArchiveFiles } from '../archive/validate-archive.ts';
import { shareValidatedRuns } from '../archive/validated-runs.ts';
import { type ResolveRef, remarkEntryRefs } from '../markdown/remark-entry-refs.ts';
import { resolveAudience, selectForAudience } from '../model/audience.ts';
import { countNoun } from '../model/count-noun.ts';
import { collectEntryTitles, createRefResolver } from '../model/entry-links.ts';
import { SITE_LANGUAGE } from '../search/search-bundle.ts';
import { watchArchive } from './archive-watch.ts';
import { limitHeapGrowth, releaseBuildMemory } from './build-memory.ts';
import { serveDevSearch } from './dev-search.ts';
import { writeSearchIndex } from './pagefind.ts';
import { createWatchFilter } from './watch-scope.ts';
import { runWhenQuiet } from './when-quiet.ts';

/**
 * The Hindsight integration and the remark plugins that go with it. The integration checks the whole
 * archive before Astro loads it, so a build with bad content lists every problem at once instead of
 * Astro's first, and learns the archive's ids so that the remark plugin can link `DR-0012`, `exp:slug`
 * and `@person` in prose; after the build it indexes the site for search.
 */
export function createHindsight(): {
	integration: AstroIntegration;
	remarkPlugins: [typeof remarkEntryRefs, { resolve: ResolveRef; ready: () => Promise<unknown> }][];
} {
	let resolveRef: ResolveRef = () => undefined;
	let checked: Promise<unknown> = Promise.resolve();
	// In `npm run dev`, the rest of the check (the references in prose, and the digests if they were left), run once the server is quiet.
	let checkRest: () => void = () => {};
	let dev = { contentDir: '', root: '', base: '/' };
	const integration: AstroIntegration = {
		name: 'hindsight',
		hooks: {
			'astro:config:setup': async ({ config, command, logger, updateConfig }) => {
				if (command === 'preview') return;
				// Before the archive check, whose allocations would otherwise set the heap's limit for the build
				if (command === 'build') limitHeapGrowth();
				const root = fileURLToPath(config.root);
				const contentDir = resolveContentDir(root);
				dev = { contentDir, root, base: config.base };
				const readSince = Date.now();
				// A dev server with a current run index checks the digests once it is quiet: the pages need only the index.
				const checking = validateArchiveFiles(contentDir, root, { deferDigests: command === 'dev' }).then((result) => {
					// Prose links only to what this edition contains; other ids stay plain text.
					resolveRef = createRefResolver(collectEntryTitles(selectForAudience(result.archive, resolveAudience())), config.base);
					return result;
				});
				const report = (issues: Issue[]) => `${countNoun(issues.length, 'problem')} in the archive ${contentDir}:\n${formatIssues(issues)}`;
				if (command === 'dev') {
					const kept = [fileURLToPath(config.srcDir), fileURLToPath(config.publicDir), contentDir];
					updateConfig({ vite: { server: { watch: { ignored: [createWatchFilter(root, kept)] } } } });
					// The server starts while the archive is checked; MDX waits for the ids, the pages for the digests.
					// A half-written entry is normal while typing, so problems are reported and the server keeps serving.
					checked = checking.then(
						({ issues, archive, digestsDeferred }) => {
							if (issues.length > 0) logger.warn(report(issues));
							// Without the index a month page waits for every digest; an archive ingested by an earlier version has none.
							if (!digestsDeferred && archive.runs.length > 0 && !existsSync(join(contentDir, COLLECTION_DIRS.runs, RUN_INDEX_FILE)))
								logger.info(`${contentDir}/runs/ has no run index, so pages read every digest; \`npm run ingest -- --index-only\` writes it.`);
						},
						(error: Error) => logger.error(`The archive ${contentDir} could not be checked: ${error.message}`)
					);
					shareValidatedRuns(
						contentDir,
						checking.then(
							({ archive, issues, digestsDeferred }) => (issues.length === 0 && !digestsDeferred ? { runs: archive.runs, readSince } : undefined),
							() => undefined
						)
					);
					// The references in prose (a parse of every body) and deferred digests are checked once the first page
					// is served and the server has been quiet for a while; what the first step reported is not said twice.
					checkRest = () =>
						checking
							.then(async (result) => {
								const reported = new Set(formatIssues(result.issues).split('\n'));
								return (await result.checkRest()).filter((issue) => !reported.has(formatIssues([issue])));
							})
							.then(
								(issues) => issues.length > 0 && logger.warn(report(issues)),
								(error: Error) => logger.error(`The references in ${contentDir} could not be checked: ${error.message}`)
							);
					return;
				}
				const { archive, issues: fileIssues, checkRest: checkRestNow } = await checking;
				const issues = sortIssues([...fileIssues, ...(await checkRestNow())]);
				// The pages take the digests just validated instead of reading them again.
				if (issues.length === 0) {
					shareValidatedRuns(contentDir, { runs: archive.runs, readSince });
					return;
				}
				logger.error(report(issues));
				throw new Error(`The archive has ${countNoun(issues.length, 'problem')}; see the list above.`);
			},
			'astro:server:setup': ({ server, logger }) => {
				watchArchive(server, { contentDir: dev.contentDir, sourceDir: join(dev.root, 'src') });
				serveDevSearch(server, { ...dev, logger });
				runWhenQuiet(server, 3000, () => checkRest());
			},
			'astro:build:done': ({ dir, logger }) => {
				// The search step starts a second process; let this one shrink first, so the two together stay small
				releaseBuildMemory();
				return writeSearchIndex(dir, logger, { language: SITE_LANGUAGE });
			},
		},
	};
	// The processor is configured before the archive is read, so the plugin asks for the resolver late.
	return { integration, remarkPlugins: [[remarkEntryRefs, { resolve: (ref) => resolveRef(ref), ready: () => checked }]] };
}
