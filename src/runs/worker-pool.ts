import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkSeries } from '../lib/digest-series.ts';
import { FormattedSeries, formatPackedSeries } from '../lib/series-text.ts';
import { checkRun } from './build-digest.ts';
import { formatRunBytes } from './format-json.ts';
import { settleStatus, type StaleRule } from './settle-status.ts';
import type { ReadOutcome } from './types.ts';

/** A read sent to a worker: the unit's job (`RunUnit.job`), the `--since`/`--until` range and when a RUNNING run is stale. */
export interface PoolRequest {
	id: number;
	job: unknown;
	since: string | null;
	until: string | null;
	stale: StaleRule;
}

/** A worker's answer (posted in batches): the read's outcome (structured clone), or an error the read did not turn into a bad run. */
export type PoolResponse = { id: number; outcome: ReadOutcome } | { id: number; error: { message: string; code?: string | undefined; path?: string | undefined } };

/**
 * In a worker: finishes a run read there as far as it can go without the other runs of its month. A
 * stale RUNNING run is settled (crashed), the run is checked against the schema (`checkRun`) and
 * written as its digest text (`RunDraft.text`, UTF-8 bytes), and its params, metrics, tags and notes
 * are emptied, since the text holds them. The main thread then only orders each month's texts and
 * writes them, with nothing to decode, check or format; posting one buffer costs far less than
 * posting the run's objects. A run that fails the check is sent unwritten, its series formatted
 * ({@link formatOutcomeSeries}), for the main thread's check to report. Returns the buffer to transfer.
 */
export function renderOutcome(outcome: ReadOutcome, stale: StaleRule): ArrayBuffer | null {
	if (outcome.kind !== 'run') return null;
	const { draft } = outcome;
	settleStatus(draft, stale);
	if (checkRun(draft.run) !== null) {
		formatOutcomeSeries(outcome);
		return null;
	}
	draft.text = formatRunBytes(draft.run);
	draft.run = { ...draft.run, params: {}, metrics: {}, tags: {}, notes: null };
	return draft.text.buffer as ArrayBuffer;
}

/**
 * In a worker: writes each packed series of a run's outcome as its digest text (a plain
 * `{ text, points }` until {@link reviveFormattedSeries}), so formatting numbers, the costliest part
 * of writing a digest, happens in parallel with the reads. A series that breaks the schema's rule
 * stays packed, for the main thread's check to report.
 */
export function formatOutcomeSeries(outcome: ReadOutcome): void {
	if (outcome.kind !== 'run') return;
	for (const metric of Object.values(outcome.draft.run.metrics)) {
		const series: unknown = metric.series;
		if (series instanceof Float64Array && checkSeries(series, []) === undefined) (metric as { series: unknown }).series = formatPackedSeries(series);
	}
}

/** On the main thread: turns what {@link formatOutcomeSeries} posted into `FormattedSeries`. */
export function reviveFormattedSeries(outcome: ReadOutcome): void {
	if (outcome.kind !== 'run') return;
	for (const metric of Object.values(outcome.draft.run.metrics)) {
		const series = metric.series as unknown as { text?: unknown; points?: unknown };
		if (typeof series.text === 'string' && typeof series.points === 'number') (metric as { series: unknown }).series = new FormattedSeries(series.text, series.points);
	}
}

/**
 * A worker's young generation. What a worker allocates (a run's objects and texts) dies within the run.
 * With V8's default young generation each worker's heap stood at about 100 MB of mostly garbage; at
 * 16 MB the peak fell by about 80 MB. Since workers write each run's whole text, 16 MB let some of
 * it outlive two scavenges into the old generation: at 32 MB the benchmark's cold ingest peaked at
 * 292-297 MB against 321-362 MB, and took 2.73-2.81 s against 2.85-3.19 s (32, 48 and 64 MB alike).
 */
const WORKER_YOUNG_GENERATION_MB = 32;

/** How many worker threads `--concurrency N` asks for on this machine (1: read on the main thread). */
export function poolSize(concurrency: number): number {
	return Math.max(1, Math.min(Math.floor(concurrency), availableParallelism()));
}

interface Pending {
	resolve: (outcome: ReadOutcome) => void;
	reject: (error: Error) => void;
}

interface Slot {
	worker: Worker;
	pending: Map<number, Pending>;
}

/**
 * A small pool of worker threads that read whole runs (`run-worker.ts`). Each read goes to the
 * worker with the fewest reads outstanding; results come back in any order, and the caller keeps
 * the order (ingest sorts runs before writing), so output does not depend on timing.
 */
export class ReadPool {
	private readonly slots: Slot[] = [];
	private nextId = 0;
	private failure: Error | null = null;

	constructor(size: number) {
		for (let i = 0; i < size; i++) {
			const worker = new Worker(new URL('./run-worker.ts', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
			const slot: Slot = { worker, pending: new Map() };
			worker.on('message', (responses: PoolResponse[]) => {
				for (const response of responses) {
					const pending = slot.pending.get(response.id);
					if (!pending) continue;
					slot.pending.delete(response.id);
					if ('outcome' in response) {
						const { outcome } = response;
						// A transferred Buffer arrives as a plain Uint8Array over the same memory
						if (outcome.kind === 'run' && outcome.draft.text) {
							const text = outcome.draft.text;
							outcome.draft.text = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
						} else reviveFormattedSeries(outcome);
						pending.resolve(outcome);
					} else pending.reject(Object.assign(new Error(response.error.message), { code: response.error.code, path: response.error.path }));
				}
			});
			const fail = (error: Error) => {
				this.failure ??= error;
				for (const pending of slot.pending.values()) pending.reject(error);
				slot.pending.clear();
				const at = this.slots.indexOf(slot);
				if (at >= 0) this.slots.splice(at, 1);
			};
			worker.on('error', fail);
			worker.on('exit', (code) => fail(new Error(`run-worker exited (code ${code})`)));
			this.slots.push(slot);
		}
	}

	/** Reads one run in a worker. */
	read(job: unknown, since: string | null, until: string | null, stale: StaleRule): Promise<ReadOutcome> {
		let slot: Slot | undefined;
		for (const s of this.slots) if (!slot || s.pending.size < slot.pending.size) slot = s;
		if (!slot) return Promise.reject(this.failure ?? new Error('read pool is closed'));
		const id = this.nextId++;
		const target = slot;
		return new Promise<ReadOutcome>((resolve, reject) => {
			target.pending.set(id, { resolve, reject });
			target.worker.postMessage({ id, job, since, until, stale } satisfies PoolRequest);
		});
	}

	/** Stops the workers. */
	async close(): Promise<void> {
		const slots = this.slots.splice(0);
		await Promise.all(slots.map((s) => s.worker.terminate()));
	}
}
