import { join, sep } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import type { ViteDevServer } from 'vite';
import { COLLECTION_DIRS, type CollectionName } from '../archive/content-dir.ts';
import { parseEntries } from '../archive/parse-entries.ts';
import { readCollection } from '../archive/read-archive.ts';
import { SITE_LANGUAGE } from '../search/search-bundle.ts';
import { buildSearchRecords } from '../search/search-records.ts';
import { CONTENT_TYPES } from './content-types.ts';

// What the index holds; the run digests, most of a large archive, are not searched and not read.
const SEARCHED: CollectionName[] = ['retros', 'decisions', 'experiments', 'people'];

/**
 * Search in `npm run dev`: builds a Pagefind index in memory from the archive's entries (no HTML is
 * rendered in dev) and serves it where the built site has it, rebuilt after the archive changes.
 */
export function serveDevSearch(server: ViteDevServer, options: { contentDir: string; root: string; base: string; logger: AstroIntegrationLogger }) {
	const log = options.logger.fork('hindsight:search');
	const prefix = `${options.base.replace(/\/$/, '')}/pagefind/`;
	// Built when the search first asks for it and again after a change, not on every save: on a large
	// archive a rebuild would take the processor from the page being edited.
	let files: Promise<Map<string, Uint8Array>> | undefined;

	async function buildIndex(): Promise<Map<string, Uint8Array>> {
		const raw = await Promise.all(SEARCHED.map((collection) => readCollection(options.contentDir, collection, options.root)));
		const { archive } = parseEntries(raw.flat());
		const { index, errors } = await pagefind.createIndex({ forceLanguage: SITE_LANGUAGE });
		if (!index) throw new Error(`Pagefind could not create the dev index: ${errors.join('; ')}`);
		for (const record of buildSearchRecords(archive, options.base)) {
			const added = await index.addCustomRecord({ ...record, language: SITE_LANGUAGE });
			for (const error of added.errors) log.warn(error);
		}
		const result = await index.getFiles();
		await index.deleteIndex();
		log.info(`Dev search index: ${archive.decisions.length + archive.retros.length + archive.experiments.length + archive.people.length} entries.`);
		return new Map(result.files.map((file) => [file.path.replace(/^\/+/, ''), file.content]));
	}

	server.watcher.on('all', (_event, path) => {
		if (SEARCHED.some((collection) => path.startsWith(join(options.contentDir, COLLECTION_DIRS[collection]) + sep))) files = undefined;
	});
	server.httpServer?.once('close', () => void pagefind.close());

	server.middlewares.use(async (request, response, next) => {
		const url = request.url?.split('?')[0] ?? '';
		if (!url.startsWith(prefix)) return next();
		files ??= buildIndex();
		const content = (
			await files.catch((error: Error) => {
				log.error(error.message);
				return new Map<string, Uint8Array>();
			})
		).get(url.slice(prefix.length));
		if (!content) return next();
		response.setHeader('content-type', CONTENT_TYPES[`.${url.split('.').pop()}`] ?? 'application/octet-stream');
		response.end(content);
	});
}
