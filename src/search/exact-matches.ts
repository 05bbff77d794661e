import { keepExactMatches } from './identifier-query.ts';

/** A search result as Pagefind gives it: its text is fetched (one fragment file) only when asked for. */
export interface CandidateResult {
	id: string;
	data: () => Promise<{ content: string }>;
}

/** The results of an identifier query that hold it as written, read only as far as the page has asked. */
export interface ExactMatches<T> {
	/** The matches found so far, in ranking order. */
	readonly found: readonly T[];
	/** Whether every candidate has been read, so `found` is all there is. */
	readonly done: boolean;
	/** Reads on, in ranking order, until `count` matches are found or no candidate is left. */
	take(count: number): Promise<readonly T[]>;
}

// The most candidates read at once: enough to fill a page in one round trip, few enough that a new query
// never waits behind a long batch of the last one.
const BATCH = 10;

/**
 * Checks the candidates of an identifier query against their text, lazily: each result's text is one
 * fetch, and a first screen of results needs only the first few, not the hundred a full count reads.
 * `sources` are the candidate lists in ranking order (the query, then its parts), each asked for only once
 * the ones before it are used up; a result in two lists counts once, and at most `limit` are read.
 */
export function createExactMatches<T extends CandidateResult>(identifier: string, sources: (() => Promise<readonly T[]>)[], limit: number): ExactMatches<T> {
	const candidates: T[] = [];
	const seen = new Set<string>();
	const found: T[] = [];
	const pending = [...sources];
	let read = 0;
	const exhausted = () => read >= Math.min(candidates.length, limit) && pending.length === 0;

	async function readBatch(size: number): Promise<void> {
		while (read >= candidates.length && pending.length > 0) {
			for (const result of await pending.shift()!()) if (!seen.has(result.id) && seen.add(result.id)) candidates.push(result);
		}
		const batch = candidates.slice(read, Math.min(read + size, limit));
		read += batch.length;
		if (read >= limit) pending.length = 0;
		const texts = await Promise.all(batch.map(async (result) => ({ result, content: (await result.data()).content })));
		found.push(...keepExactMatches(texts, identifier).map(({ result }) => result));
	}

	return {
		get found() {
			return found;
		},
		get done() {
			return exhausted();
		},
		async take(count) {
			while (found.length < count && !exhausted()) await readBatch(Math.min(Math.max(count - found.length, 1), BATCH));
			return found;
		},
	};
}
