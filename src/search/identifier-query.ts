/**
 * A query that names an identifier rather than asks in words: one token holding `.`, `/`, `_`, `-` or a
 * digit (`val/loss`, `optimizer.lr`, `normalize.py`, `DR-0042`). Pagefind matches such a query by its
 * parts, which finds pages that only share a part; these are checked against the text as written.
 */
export function isIdentifierQuery(query: string): boolean {
	const text = query.trim();
	return text !== '' && !/\s/.test(text) && /[./_\-\d]/.test(text);
}

/** The words Pagefind indexes an identifier under: `src/data/normalize.py` → `src data normalize py`. */
export function splitIdentifier(identifier: string): string {
	return identifier
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.join(' ');
}

/**
 * The results whose text holds `identifier` as written (ignoring case), in the order given, or an empty
 * list when none does. A trailing part of a path (`normalize.py`) is held by every page that mentions
 * the whole path.
 */
export function keepExactMatches<T extends { content: string }>(results: readonly T[], identifier: string): T[] {
	const needle = identifier.toLowerCase();
	return results.filter((result) => result.content.toLowerCase().includes(needle));
}

const DECISION_ID = /^DR-(\d{4})$/;

/**
 * When the query is a decision id that names no record in this edition: the id and the nearest ids that
 * exist (by number, at most `count`), so the page can say so instead of listing loose matches.
 */
export function findMissingRecord(query: string, knownIds: readonly string[], count = 3): { id: string; nearest: string[] } | undefined {
	const match = DECISION_ID.exec(query.trim());
	if (!match || knownIds.includes(query.trim())) return undefined;
	const number = Number(match[1]);
	const distance = (id: string) => Math.abs(Number(DECISION_ID.exec(id)?.[1] ?? Number.POSITIVE_INFINITY) - number);
	const nearest = [...knownIds]
		.filter((id) => DECISION_ID.test(id))
		.sort((a, b) => distance(a) - distance(b) || a.localeCompare(b))
		.slice(0, count)
		.sort();
	return { id: query.trim(), nearest };
}
