// One TensorBoard run: every event file of one folder, read in name order and merged (run-formats.md
// §10.6), into its scalar series, hyper-parameters, texts, times and the warnings met on the way.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import type { RunMetric } from '../../schemas/run-record.ts';
import { type DecodedValue, type EventHead, emptyValue, readEvent, readTensorScalar, readTensorText } from './tensorboard-events.ts';
import { decodeHParamsContent, type HParamValue } from './tensorboard-hparams.ts';
import { scanRecords } from './tensorboard-records.ts';

/**
 * Whether a file name is an event file, by TensorBoard's own test: the name holds `tfevents` and is
 * not a profiler's empty marker (host names may hold dots, so the name is not split into fields).
 */
export function isEventFileName(name: string): boolean {
	return name.includes('tfevents') && !name.endsWith('.profile-empty');
}

/** What a folder of event files recorded. */
export interface EventRun {
	/** Each scalar tag's points, merged across files by wall time (a stable sort keeps file order on ties). */
	scalars: Map<string, RunMetric>;
	/** `session_start_info.hparams` of the hparams plugin, by name as written (Lightning flattens with `/`). */
	hparams: Record<string, HParamValue>;
	/** `session_end_info.status`, the last one seen; null when no session end was written. */
	endStatus: number | null;
	/** The newest text of each `text` plugin tag (`args/text_summary`). */
	texts: Map<string, string>;
	/** Earliest and latest `wall_time` seen, in epoch milliseconds. */
	firstMs: number | null;
	lastMs: number | null;
	/** Whole records read, over all files. */
	records: number;
	warnings: string[];
}

/** A tag's points as read, in three columns (objects per point would cost a collection per million). */
interface Columns {
	steps: number[];
	values: number[];
	wallMs: number[];
	/** Whether the wall times arrived in order, so no sort is needed. */
	ordered: boolean;
}

/** Takes a scalar from a value, by the first plugin its tag was seen with (later values may carry no metadata). */
function scalarOf(value: DecodedValue, plugin: string | null): number | null {
	if (value.other || (plugin !== null && plugin !== 'scalars')) return null;
	if (value.simpleValue !== null) return value.simpleValue;
	return value.tensor ? readTensorScalar(value.tensor) : null;
}

/** One tag's columns ordered by wall time (a stable sort keeps file and record order on ties), as a metric. */
function toMetric(columns: Columns): RunMetric {
	let order: number[] | null = null;
	if (!columns.ordered) order = columns.wallMs.map((_, i) => i).sort((a, b) => columns.wallMs[a]! - columns.wallMs[b]! || a - b);
	const pick = <T>(list: T[]): T[] => (order ? order.map((i) => list[i]!) : list);
	return {
		steps: pick(columns.steps),
		values: pick(columns.values),
		timestamps: pick(columns.wallMs).map((ms) => (ms > 0 ? Math.round(ms) : null)),
		finalRule: 'highest-step',
		final: null,
		direction: null,
	};
}

/** Reads the event files of one run folder (`files`: absolute paths) into one run. */
export async function readEventRun(files: readonly string[]): Promise<EventRun> {
	const run: EventRun = { scalars: new Map(), hparams: {}, endStatus: null, texts: new Map(), firstMs: null, lastMs: null, records: 0, warnings: [] };
	// One entry per tag: the plugin its first value named, and its points if it is a scalar
	const tags = new Map<string, { plugin: string | null; columns: Columns | null }>();
	const head: EventHead = { wallTime: 0, step: 0, fileVersion: null, sessionStatus: null };
	const scratch = emptyValue();
	const onValue = (event: EventHead, value: DecodedValue) => {
		let entry = tags.get(value.tag);
		if (entry === undefined) {
			entry = { plugin: value.pluginName, columns: null };
			tags.set(value.tag, entry);
		}
		const plugin = entry.plugin;
		if (plugin === 'hparams') {
			if (!value.pluginContent) return;
			const info = decodeHParamsContent(value.pluginContent);
			if (info.hparams) Object.assign(run.hparams, info.hparams);
			if (info.endStatus !== null) run.endStatus = info.endStatus;
			return;
		}
		const text = value.tensor && (plugin === 'text' || plugin === null) ? readTensorText(value.tensor) : null;
		if (text !== null) {
			run.texts.set(value.tag, text);
			return;
		}
		const scalar = scalarOf(value, plugin);
		if (scalar === null) return;
		entry.columns ??= { steps: [], values: [], wallMs: [], ordered: true };
		const columns = entry.columns;
		const wallMs = event.wallTime * 1000;
		if (columns.ordered && columns.wallMs.length > 0 && wallMs < columns.wallMs[columns.wallMs.length - 1]!) columns.ordered = false;
		columns.steps.push(event.step);
		columns.values.push(scalar);
		columns.wallMs.push(wallMs);
	};
	for (const file of [...files].sort((a, b) => (basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0))) {
		const bytes = await readFile(file);
		const scan = scanRecords(bytes);
		if (scan.truncated) run.warnings.push(`${file}: the last record is cut short at byte ${scan.end} (still being written, or cut off); read up to there`);
		if (scan.corruption) run.warnings.push(`${file}: ${scan.corruption}; the rest of the file is not read`);
		run.records += scan.starts.length;
		const reader = new BinaryReader(bytes);
		for (let i = 0; i < scan.starts.length; i++) {
			const start = scan.starts[i]!;
			reader.pos = start;
			try {
				readEvent(reader, start + scan.lengths[i]!, head, scratch, onValue);
			} catch (error) {
				run.warnings.push(`${file}: record ${i + 1} at byte ${start - 12} is not a valid Event (${(error as Error).message}); skipped`);
				continue;
			}
			const wallMs = head.wallTime * 1000;
			if (wallMs > 0) {
				if (run.firstMs === null || wallMs < run.firstMs) run.firstMs = wallMs;
				if (run.lastMs === null || wallMs > run.lastMs) run.lastMs = wallMs;
			}
		}
	}
	for (const tag of [...tags.keys()].sort()) {
		const columns = tags.get(tag)!.columns;
		if (columns) run.scalars.set(tag, toMetric(columns));
	}
	return run;
}
