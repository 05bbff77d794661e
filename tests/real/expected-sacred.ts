// Expected values for the real Sacred stores, worked out without the code under test: plain
// JSON.parse of what FileStorageObserver wrote (Python's bare NaN tokens quoted first) and Sacred's
// own rules as run-formats.md §4 states them: naive times are UTC, the final value is the one at the
// highest step.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExpectedSacredRun {
	id: string;
	statusRaw: string;
	startedAt: string;
	endedAt: string | null;
	experiment: string;
	params: Record<string, unknown>;
	/** Metrics whose values are all numbers: point count and the value at the highest step. */
	metrics: Record<string, { count: number; final: number }>;
	/** Metrics Sacred logged with list values, which the digest cannot hold. */
	listValued: string[];
}

interface SacredRunJson {
	status: string;
	start_time: string;
	stop_time?: string;
	experiment: { name: string };
}

type SacredMetricsJson = Record<string, { steps: number[]; values: unknown[] }>;

function readJson<T>(path: string): T {
	return JSON.parse(readFileSync(path, 'utf8').replace(/\bNaN\b/g, 'null')) as T;
}

function flatten(config: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
	for (const [k, v] of Object.entries(config)) {
		const key = prefix + k;
		if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, `${key}.`, out);
		else out[key] = Array.isArray(v) ? JSON.stringify(v) : v;
	}
	return out;
}

/** Every run folder (a folder with run.json) of a FileStorageObserver folder. */
export function expectedSacredRuns(root: string): ExpectedSacredRun[] {
	const runs: ExpectedSacredRun[] = [];
	for (const id of readdirSync(root)) {
		if (!existsSync(join(root, id, 'run.json'))) continue;
		const run = readJson<SacredRunJson>(join(root, id, 'run.json'));
		const metrics: ExpectedSacredRun['metrics'] = {};
		const listValued: string[] = [];
		const file = join(root, id, 'metrics.json');
		for (const [name, m] of Object.entries(existsSync(file) ? readJson<SacredMetricsJson>(file) : {})) {
			if (m.values.some((v) => Array.isArray(v))) {
				listValued.push(name);
				continue;
			}
			let at = 0;
			m.steps.forEach((s, i) => {
				if (s >= m.steps[at]!) at = i;
			});
			metrics[name] = { count: m.values.length, final: m.values[at] as number };
		}
		runs.push({
			id,
			statusRaw: run.status,
			startedAt: new Date(`${run.start_time}Z`).toISOString(),
			endedAt: run.stop_time ? new Date(`${run.stop_time}Z`).toISOString() : null,
			experiment: run.experiment.name,
			params: flatten(readJson<Record<string, unknown>>(join(root, id, 'config.json'))),
			metrics,
			listValued,
		});
	}
	return runs;
}
