/** The filters the search page offers, in the order it shows them. */
export const SEARCH_FILTERS = ['kind', 'status', 'impact', 'person', 'tag', 'year', 'month'] as const;

export type SearchFilterName = (typeof SEARCH_FILTERS)[number];

/** What a search asks for; also what its shareable URL holds. */
export interface SearchState {
	query: string;
	/** Chosen values per filter; values of one filter combine with OR, filters with AND. */
	filters: Partial<Record<SearchFilterName, string[]>>;
	sort: 'relevance' | 'date-desc' | 'date-asc';
}

/** Reads a search from URL parameters: `?q=val_loss&kind=decision&kind=retro&sort=date-desc`. */
export function parseSearchState(params: URLSearchParams): SearchState {
	const filters: SearchState['filters'] = {};
	for (const name of SEARCH_FILTERS) {
		const values = [...new Set(params.getAll(name).filter((value) => value !== ''))];
		if (values.length > 0) filters[name] = values;
	}
	const sort = params.get('sort');
	return { query: params.get('q')?.trim() ?? '', filters, sort: sort === 'date-desc' || sort === 'date-asc' ? sort : 'relevance' };
}

/** Writes a search as URL parameters, omitting defaults, so that equal searches give equal URLs. */
export function formatSearchState(state: SearchState): URLSearchParams {
	const params = new URLSearchParams();
	if (state.query) params.set('q', state.query);
	for (const name of SEARCH_FILTERS) for (const value of [...(state.filters[name] ?? [])].sort()) params.append(name, value);
	if (state.sort !== 'relevance') params.set('sort', state.sort);
	return params;
}

/** Pagefind's filter object: `any` within a filter (OR), all filters together (AND). */
export function toPagefindFilters(filters: SearchState['filters'], without?: SearchFilterName): Record<string, { any: string[] }> {
	const result: Record<string, { any: string[] }> = {};
	for (const name of SEARCH_FILTERS) {
		const values = filters[name];
		if (name !== without && values && values.length > 0) result[name] = { any: values };
	}
	return result;
}

/** Pagefind's sort option for a sort choice; relevance is Pagefind's default order. */
export function toPagefindSort(sort: SearchState['sort']): Record<string, 'asc' | 'desc'> | undefined {
	if (sort === 'date-desc') return { date: 'desc' };
	if (sort === 'date-asc') return { date: 'asc' };
	return undefined;
}

/**
 * What the reader typed, made to match how identifiers are indexed: a decision id written `DR 42`,
 * `dr42` or `DR-42` becomes `DR-0042`; a typed reference (`exp:lr-warmup`, `@farah`) loses its prefix.
 */
export function normaliseQuery(query: string): string {
	return query
		.replace(/\bDR[\s-]?0*(\d{1,4})\b/gi, (_, digits: string) => `DR-${digits.padStart(4, '0')}`)
		.replace(/(^|\s)(?:exp:|@)([a-z0-9][a-z0-9-]*)/g, '$1$2');
}
