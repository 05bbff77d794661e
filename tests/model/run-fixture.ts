import { type Run, type RunInput, runSchema } from '../../src/schemas/index.ts';

type MetricInput = RunInput['metrics'][string];

/** A digest run with every field empty but its id (also its name), finished, in experiment `x`; `fields` set what a test is about. */
export function makeRun(id: string, fields: Partial<RunInput> = {}): Run {
	return runSchema.parse(makeRunInput(id, fields));
}

/** {@link makeRun} as a digest file holds it, before its schema reads it. */
export function makeRunInput(id: string, fields: Partial<RunInput> = {}): RunInput {
	return {
		id,
		source: 'manifest',
		nativeId: id,
		name: id,
		experiment: 'x',
		experimentId: null,
		status: 'finished',
		statusRaw: null,
		startedAt: null,
		endedAt: null,
		durationMs: null,
		user: null,
		git: null,
		params: {},
		metrics: {},
		tags: {},
		notes: null,
		deleted: false,
		parentId: null,
		warnings: [],
		...fields,
	};
}

/** A metric summary holding its final value alone (one point, no series) unless `fields` say more. */
export function makeMetric(final: MetricInput['final'], fields: Partial<MetricInput> = {}): MetricInput {
	return { final, best: null, bestStep: null, direction: null, min: null, max: null, count: 1, nanCount: 0, lastStep: null, series: [], ...fields };
}
