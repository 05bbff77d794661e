import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Digest, type DigestInput, decodeMetricValue, type MetricSummary } from '../schemas/index.ts';
import { COLLECTION_DIRS } from './content-dir.ts';

/** A series of one metric: `[step, value]` pairs. */
export type Series = [number, number][];

const VALUE_FIELDS = ['final', 'best', 'min', 'max'] as const;

/**
 * A digest as pages use it: metric values decoded, and the downsampled series left out, because they
 * are most of a digest's size and only charts of one month need them (see `readMonthSeries`).
 * Digests are validated against their schema by the archive check before a build; this decodes
 * without validating again.
 */
export function decodeDigestWithoutSeries(json: DigestInput): Digest {
	const runs = json.runs.map((run) => ({
		...run,
		metrics: Object.fromEntries(
			Object.entries(run.metrics).map(([key, summary]) => {
				const decoded = { ...summary, series: [] } as unknown as MetricSummary;
				for (const field of VALUE_FIELDS) decoded[field] = summary[field] === null ? null : decodeMetricValue(summary[field]);
				return [key, decoded];
			})
		),
	}));
	return { ...json, runs } as Digest;
}

/** A digest's file name, `YYYY-MM.json`. */
export const DIGEST_FILE = /^\d{4}-\d{2}\.json$/;

/** Lists the digest files, `YYYY-MM.json`, of a digest folder (an archive's `runs/`), in month order. */
export async function listDigestFiles(runsDir: string): Promise<string[]> {
	const names = await readdir(runsDir).catch(() => [] as string[]);
	return names.filter((name) => DIGEST_FILE.test(name)).sort();
}

/** A digest as the pages hold it; the id is its month. */
export type ReadDigest = { id: string; data: Digest };

/**
 * Digests already read, by file name, with the stamp of each file when it was read. Every rewrite of a
 * digest changes its stamp: ingest renames a new file into place (a new inode), an editor changes the
 * modification time or the size.
 */
export type DigestFileCache = Map<string, { stamp: string; digest: ReadDigest }>;

// A file modified this close to the moment its digest was read may have changed within the file system's
// time resolution (a second or two on some), so its stamp cannot vouch for what was read.
const STAMP_RESOLUTION_MS = 2000;

async function stampFile(path: string) {
	const { size, mtimeMs, ino } = await stat(path);
	return { stamp: `${size}:${mtimeMs}:${ino}`, mtimeMs };
}

/**
 * Reads every digest of the archive (or those of the months in `only`), one file at a time, without series;
 * ids are the months. A file whose stamp matches the one in `cache` is not read again, so that after one
 * digest changes in `npm run dev` only that one is (reading all of a ten-year archive's takes seconds).
 */
export async function readDigests(contentDir: string, cache: DigestFileCache = new Map(), only?: ReadonlySet<string>): Promise<ReadDigest[]> {
	const names = await listDigestFiles(join(contentDir, COLLECTION_DIRS.runs));
	const digests: ReadDigest[] = [];
	for (const name of names) {
		if (only && !only.has(name.slice(0, 7))) continue;
		const path = join(contentDir, COLLECTION_DIRS.runs, name);
		// Stamped before it is read: a change made meanwhile leaves a stale stamp, which only costs a second read.
		const readSince = Date.now();
		const stamped = await stampFile(path);
		const known = cache.get(name);
		if (known?.stamp === stamped.stamp) {
			digests.push(known.digest);
			continue;
		}
		const json = JSON.parse(await readFile(path, 'utf8')) as DigestInput;
		const digest = { id: name.slice(0, 7), data: decodeDigestWithoutSeries(json) };
		keepIfSettled(cache, name, stamped, readSince, digest);
		digests.push(digest);
	}
	const listed = new Set(names);
	for (const name of cache.keys()) if (!listed.has(name)) cache.delete(name);
	return digests;
}

/**
 * Puts digests read elsewhere (by the archive check) into `cache`, each under its file's stamp, if the
 * file was last modified well before `readSince`, the moment their reading began; a later file is left
 * out, to be read again.
 */
export async function rememberDigests(contentDir: string, digests: readonly ReadDigest[], readSince: number, cache: DigestFileCache): Promise<void> {
	for (const digest of digests) {
		const name = `${digest.id}.json`;
		const stamped = await stampFile(join(contentDir, COLLECTION_DIRS.runs, name)).catch(() => undefined);
		if (stamped) keepIfSettled(cache, name, stamped, readSince, digest);
	}
}

function keepIfSettled(cache: DigestFileCache, name: string, stamped: { stamp: string; mtimeMs: number }, readSince: number, digest: ReadDigest) {
	if (stamped.mtimeMs < readSince - STAMP_RESOLUTION_MS) cache.set(name, { stamp: stamped.stamp, digest });
	else cache.delete(name);
}

/** The series of one metric of one run, by run id and metric key; undefined if the month has no such series. */
export type MonthSeries = (runId: string, metric: string) => Series | undefined;

/** The series of one month's runs, read from its digest (none if there is no digest). */
export async function readMonthSeries(contentDir: string, month: string): Promise<MonthSeries> {
	const text = await readFile(join(contentDir, COLLECTION_DIRS.runs, `${month}.json`), 'utf8').catch(() => undefined);
	if (text === undefined) return () => undefined;
	return seriesOfParsed(JSON.parse(text) as DigestInput);
}

type DigestSeries = DigestInput['runs'][number]['metrics'][string]['series'];

/** {@link MonthSeries} of a digest parsed whole. */
function seriesOfParsed(json: DigestInput): MonthSeries {
	const metricsOf = new Map(json.runs.map((run) => [run.id, run.metrics]));
	return (runId, metric) => {
		const metrics = metricsOf.get(runId);
		if (!metrics || !Object.hasOwn(metrics, metric)) return undefined;
		return decodeSeries(metrics[metric]!.series);
	};
}

function decodeSeries(series: DigestSeries): Series {
	return series.map(([step, value]) => [step, decodeMetricValue(value)] as [number, number]);
}
