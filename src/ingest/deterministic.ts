// What makes ingest's output the same bytes on every machine and every run: one order for text
// (code units, not the locale's), keys in that order, and paths with forward slashes.
import { sep } from 'node:path';

/** Orders two strings by their UTF-16 code units, as `Array.prototype.sort` does, whatever the locale. */
export function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of `record` with its keys in {@link compareText} order, so `JSON.stringify` writes them so. */
export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
	return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}

/** A path with `/` between its parts, as digests and messages write it on every system. */
export function toPosix(path: string): string {
	return path.split(sep).join('/');
}
