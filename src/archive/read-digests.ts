import { readdir, readFile } from 'node:fs/promises';
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
