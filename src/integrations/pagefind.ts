import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { readSearchablePages } from '../search/search-pages.ts';

/** Settings of the search index; the site's layout marks what is indexed with `data-pagefind-*`. */
export interface SearchIndexOptions {
	/** Language of the archive, ISO 639-1; one language keeps the index small. */
	language: string;
}

/**
 * Indexes the built site with Pagefind's Node API and writes the index and its UI to `<dist>/pagefind/`.
 * Any error Pagefind reports fails the build; the Pagefind service is closed whatever happens.
 */
export async function writeSearchIndex(dir: URL, logger: AstroIntegrationLogger, options: SearchIndexOptions) {
	const log = logger.fork('hindsight:search');
	const started = performance.now();
	try {
		const { index, errors } = await pagefind.createIndex({ forceLanguage: options.language });
		assertNoErrors('create the index', errors, log);
		if (!index) throw new Error('Pagefind returned no index.');
		const added = await addSearchablePages(index, fileURLToPath(dir));
		assertNoErrors('index the built pages', added.errors, log);
		if (added.page_count === 0) throw new Error('Pagefind found no page to index in the build output.');
		const outputPath = fileURLToPath(new URL('pagefind/', dir));
		const written = await index.writeFiles({ outputPath });
		assertNoErrors('write the index', written.errors, log);
		await removeUnusedUi(outputPath);
		log.info(`Indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms.`);
	} catch (cause) {
		throw new Error('Failed to build the search index.', { cause });
	} finally {
		await pagefind.close();
	}
}

/**
 * Hands Pagefind the built pages that mark a search body, with their ignored parts emptied
 * (`readSearchablePages`): the same index as `addDirectory` would make, from about a quarter of the
 * HTML. A site with no search body at all is left to `addDirectory`, which then indexes every page.
 */
async function addSearchablePages(index: pagefind.PagefindIndex, dir: string): Promise<{ errors: string[]; page_count: number }> {
	const pending: Promise<pagefind.NewFileResponse>[] = [];
	// Not awaited one by one: the service takes the files in the order they are sent.
	for await (const { path, content } of readSearchablePages(dir)) pending.push(index.addHTMLFile({ sourcePath: path, content }));
	if (pending.length === 0) return index.addDirectory({ path: dir });
	const responses = await Promise.all(pending);
	return { errors: responses.flatMap((response) => response.errors), page_count: responses.length };
}

// The search page has its own UI on Pagefind's JS API, runs Pagefind on the main thread, and result
// links mark the searched words with text fragments; one forced language never needs the fallback WASM.
// So Pagefind's prebuilt UIs, worker, highlighter and generic WASM would only be dead weight on the server.
const UNUSED_UI_FILES = [
	...['pagefind-ui', 'pagefind-component-ui', 'pagefind-modular-ui'].flatMap((name) => [`${name}.js`, `${name}.css`]),
	'pagefind-highlight.js',
	'pagefind-worker.js',
	'wasm.unknown.pagefind',
];

async function removeUnusedUi(outputPath: string) {
	await Promise.all(UNUSED_UI_FILES.map((name) => rm(`${outputPath}/${name}`, { force: true })));
}

function assertNoErrors(step: string, errors: readonly string[], log: AstroIntegrationLogger) {
	if (errors.length === 0) return;
	for (const error of errors) log.error(error);
	throw new Error(`Pagefind could not ${step}: ${errors.join('; ')}`);
}
