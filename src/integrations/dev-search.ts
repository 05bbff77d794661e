import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import type { ViteDevServer } from 'vite';
import { CONTENT_TYPES } from './content-types.ts';
import { SITE_LANGUAGE } from '../search/search-bundle.ts';
import { buildSearchRecords } from '../search/search-records.ts';
import { validateArchive } from '../archive/validate-archive.ts';


/**
 * Search in `npm run dev`: builds a Pagefind index in memory from the archive's entries (no HTML is
 * rendered in dev) and serves it where the built site has it, rebuilding when the archive changes.
 */
export function serveDevSearch(server: ViteDevServer, options: { contentDir: string; root: string; base: string; logger: AstroIntegrationLogger }) {
	const log = options.logger.fork('hindsight:search');
	const prefix = `${options.base.replace(/\/$/, '')}/pagefind/`;
	let files: Promise<Map<string, Uint8Array>> = buildIndex();

	async function buildIndex(): Promise<Map<string, Uint8Array>> {
		const { archive } = await validateArchive(options.contentDir, options.root);
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

	let timer: ReturnType<typeof setTimeout> | undefined;
	server.watcher.on('all', (_event, path) => {
		if (!path.startsWith(options.contentDir)) return;
		clearTimeout(timer);
		timer = setTimeout(() => (files = buildIndex()), 300);
	});
	server.httpServer?.once('close', () => void pagefind.close());

	server.middlewares.use(async (request, response, next) => {
		const url = request.url?.split('?')[0] ?? '';
		if (!url.startsWith(prefix)) return next();
		const content = (await files.catch((error: Error) => (log.error(error.message), new Map<string, Uint8Array>()))).get(url.slice(prefix.length));
		if (!content) return next();
		response.setHeader('content-type', CONTENT_TYPES[`.${url.split('.').pop()}`] ?? 'application/octet-stream');
		response.end(content);
	});
}
