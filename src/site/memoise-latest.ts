/**
 * A memo of one async value against a key that says which version of its inputs is current: while the
 * key stays the same every call shares one promise; a new key calls `load` and forgets the old value.
 * `load` is passed on each call, not kept, so that a caller whose module was loaded again (Vite reloads
 * every page module after an edit in `npm run dev`) loads through its own, current imports.
 * A load that fails is not kept, so the next call tries again (a half-saved file in `npm run dev`).
 */
export type LatestMemo<T> = (key: string, load: () => Promise<T>) => Promise<T>;

export function memoiseLatest<T>(): LatestMemo<T> {
	let latest: { key: string; value: Promise<T> } | undefined;
	return (key, load) => {
		if (latest?.key === key) return latest.value;
		const entry = { key, value: load() };
		latest = entry;
		entry.value.catch(() => {
			// Only this load is forgotten: a newer one may have replaced it meanwhile.
			if (latest === entry) latest = undefined;
		});
		return entry.value;
	};
}

/** A map that empties itself when the key of its inputs changes: a cache that holds for one version of the archive. */
export function createKeyedMap<K, V>(): (key: string) => Map<K, V> {
	let current = { key: '', map: new Map<K, V>() };
	return (key) => {
		if (current.key !== key) current = { key, map: new Map<K, V>() };
		return current.map;
	};
}
