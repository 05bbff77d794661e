import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeMetricValue, type Digest, type DigestInput, type MetricSummary } from '../schemas/index.ts';
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

/** Lists the archive's digest files, `runs/YYYY-MM.json`, in month order. */
async function listDigestFiles(contentDir: string): Promise<string[]> {
	const names = await readdir(join(contentDir, COLLECTION_DIRS.runs)).catch(() => [] as string[]);
	return names.filter((name) => /^\d{4}-\d{2}\.json$/.test(name)).sort();
}

/** Reads every digest of the archive, one file at a time, without series; ids are the months. */
export async function readDigests(contentDir: string): Promise<{ id: string; data: Digest }[]> {
	const digests: { id: string; data: Digest }[] = [];
	for (const name of await listDigestFiles(contentDir)) {
		const json = JSON.parse(await readFile(join(contentDir, COLLECTION_DIRS.runs, name), 'utf8')) as DigestInput;
		digests.push({ id: name.slice(0, 7), data: decodeDigestWithoutSeries(json) });
	}
	return digests;
}

/** The series of every run and metric of one month, by run id then metric key; empty if there is no digest. */
export async function readMonthSeries(contentDir: string, month: string): Promise<Map<string, Map<string, Series>>> {
	const text = await readFile(join(contentDir, COLLECTION_DIRS.runs, `${month}.json`), 'utf8').catch(() => undefined);
	const result = new Map<string, Map<string, Series>>();
	if (text === undefined) return result;
	const json = JSON.parse(text) as DigestInput;
	for (const run of json.runs) {
		result.set(run.id, new Map(Object.entries(run.metrics).map(([key, summary]) => [key, summary.series.map(([step, value]) => [step, decodeMetricValue(value)] as [number, number])])));
	}
	return result;
}
