// One TensorBoard run: every event file of one folder, read in name order and merged (run-formats.md
// §10.6), into its scalar series, hyper-parameters, texts, times and the warnings met on the way.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RunMetric } from '../../schemas/run-record.ts';
import { decodeEvent, readTensorScalar, readTensorText, type DecodedValue } from './tensorboard-events.ts';
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

interface Point {
	wallMs: number;
	step: number;
	value: number;
}

/** Takes a scalar from a value, by the first plugin its tag was seen with (later values may carry no metadata). */
function scalarOf(value: DecodedValue, plugin: string | null): number | null {
	if (value.other || (plugin !== null && plugin !== 'scalars')) return null;
	if (value.simpleValue !== null) return value.simpleValue;
	return value.tensor ? readTensorScalar(value.tensor) : null;
}

/** Reads the event files of one run folder (`files`: absolute paths) into one run. */
export async function readEventRun(files: readonly string[]): Promise<EventRun> {
	const run: EventRun = { scalars: new Map(), hparams: {}, endStatus: null, texts: new Map(), firstMs: null, lastMs: null, records: 0, warnings: [] };
	const pluginOf = new Map<string, string | null>();
	const points = new Map<string, Point[]>();
	for (const file of [...files].sort((a, b) => (basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0))) {
		const scan = scanRecords(await readFile(file));
		if (scan.truncated) run.warnings.push(`${file}: the last record is cut short at byte ${scan.end} (still being written, or cut off); read up to there`);
		if (scan.corruption) run.warnings.push(`${file}: ${scan.corruption}; the rest of the file is not read`);
		run.records += scan.records.length;
		scan.records.forEach((bytes, index) => {
			let event;
			try {
				event = decodeEvent(bytes);
			} catch (error) {
				run.warnings.push(`${file}: record ${index + 1} is not a valid Event (${(error as Error).message}); skipped`);
				return;
			}
			const wallMs = event.wallTime * 1000;
			if (wallMs > 0) {
				run.firstMs = run.firstMs === null ? wallMs : Math.min(run.firstMs, wallMs);
				run.lastMs = run.lastMs === null ? wallMs : Math.max(run.lastMs, wallMs);
			}
			for (const value of event.values) {
				if (!pluginOf.has(value.tag)) pluginOf.set(value.tag, value.pluginName);
				const plugin = pluginOf.get(value.tag)!;
				if (plugin === 'hparams') {
					if (!value.pluginContent) continue;
					const info = decodeHParamsContent(value.pluginContent);
					if (info.hparams) Object.assign(run.hparams, info.hparams);
					if (info.endStatus !== null) run.endStatus = info.endStatus;
					continue;
				}
				const text = value.tensor && (plugin === 'text' || plugin === null) ? readTensorText(value.tensor) : null;
				if (text !== null) {
					run.texts.set(value.tag, text);
					continue;
				}
				const scalar = scalarOf(value, plugin);
				if (scalar === null) continue;
				let list = points.get(value.tag);
				if (!list) points.set(value.tag, (list = []));
				list.push({ wallMs, step: event.step, value: scalar });
			}
		});
	}
	for (const [tag, list] of [...points].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		list.sort((a, b) => a.wallMs - b.wallMs);
		run.scalars.set(tag, {
			steps: list.map((p) => p.step),
			values: list.map((p) => p.value),
			timestamps: list.map((p) => (p.wallMs > 0 ? Math.round(p.wallMs) : null)),
			finalRule: 'highest-step',
			final: null,
			direction: null,
		});
	}
	return run;
}
