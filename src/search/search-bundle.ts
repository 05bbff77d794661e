/** The archive's language: the pages' `lang`, the search index's language and the WASM Pagefind loads for it. */
export const SITE_LANGUAGE = 'en';

/**
 * What the search page fetches from the Pagefind bundle before it can answer a first query, so the
 * page can ask for them while its own script is still loading instead of one after another.
 * `cacheTag` is the build's tag for `pagefind-entry.json` (Pagefind's `metaCacheTag`); without one
 * Pagefind adds a fresh timestamp to that URL and it cannot be fetched ahead.
 */
export function listSearchPreloads(bundle: string, cacheTag: string | null): { href: string; module: boolean }[] {
	return [
		{ href: `${bundle}pagefind.js`, module: true },
		...(cacheTag === null ? [] : [{ href: `${bundle}pagefind-entry.json?ts=${cacheTag}`, module: false }]),
		{ href: `${bundle}wasm.${SITE_LANGUAGE}.pagefind`, module: false },
	];
}
