// One Hugging Face Trainer training as one run (run-formats.md §12): its output folder's newest
// `trainer_state.json` and the event files its TensorBoard callback wrote, which may sit inside the
// output folder (the default `<output_dir>/runs/<time>_<host>/`) or beside it (`logging_dir`), where the
// `args` text of the event files names the output folder.
import { open, readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import type { RunMetric, RunRecord } from '../../schemas/run-record.ts';
import { BadRunError } from '../adapter.ts';
import { listCheckpoints, readTrainerState, type TrainerState } from './hf-trainer-state.ts';
import { flattenParams } from './lightning-hparams.ts';
import { readHostFromEventFileName } from './log-folder-identity.ts';
import { type DecodedValue, type EventHead, emptyValue, readEvent, readTensorText } from './tensorboard-events.ts';
import { scanRecords } from './tensorboard-records.ts';
import { isEventFileName, readEventRun } from './tensorboard-run.ts';

/** Bytes read from the start of an event file to find the Trainer's `args` text, written at train begin. */
const HEAD_BYTES = 32 * 1024;
const ARGS_TAG = 'args/text_summary';

/** The event files directly in a folder, by name. */
export async function listEventFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true });
	return entries
		.filter((e) => e.isFile() && isEventFileName(e.name))
		.map((e) => join(dir, e.name))
		.sort();
}

/** The Trainer's arguments from the `args` text at the start of a folder's event files, or null. */
export async function readTrainerArgs(files: readonly string[]): Promise<Record<string, unknown> | null> {
	for (const file of files) {
		const handle = await open(file, 'r');
		let head: Uint8Array;
		try {
			const buffer = new Uint8Array(HEAD_BYTES);
			const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
			head = buffer.subarray(0, bytesRead);
		} finally {
			await handle.close();
		}
		const scan = scanRecords(head);
		const reader = new BinaryReader(head);
		const event: EventHead = { wallTime: 0, step: 0, fileVersion: null, sessionStatus: null };
		let args: Record<string, unknown> | null = null;
		const onValue = (_: EventHead, value: DecodedValue) => {
			if (args || value.tag !== ARGS_TAG || !value.tensor) return;
			const text = readTensorText(value.tensor);
			try {
				const parsed: unknown = text === null ? null : JSON.parse(text);
				if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
			} catch {
				// not the Trainer's JSON
			}
		};
		for (let i = 0; i < scan.starts.length && !args; i++) {
			reader.pos = scan.starts[i]!;
			try {
				readEvent(reader, scan.starts[i]! + scan.lengths[i]!, event, emptyValue(), onValue);
			} catch {
				break;
			}
		}
		if (args) return args;
	}
	return null;
}

/**
 * The output folder the Trainer's arguments name, resolved from the event folder: the event folder is
 * `logging_dir`, so the folder both were relative to is what remains when `logging_dir` is taken off
 * its end; failing that, the event folder's parent.
 */
export function resolveOutputDir(eventDir: string, args: Record<string, unknown>): string | null {
	const output = args['output_dir'];
	if (typeof output !== 'string' || output === '') return null;
	const logging = typeof args['logging_dir'] === 'string' ? normalize(args['logging_dir']) : '';
	let base = dirname(eventDir);
	if (logging && !isAbsolute(logging) && !logging.startsWith('..')) {
		const suffix = sep + logging.replace(/[\\/]+$/, '');
		if (eventDir.endsWith(suffix)) base = eventDir.slice(0, -suffix.length);
	}
	return isAbsolute(output) ? join(base, basename(output)) : resolve(base, output);
}

/** The Trainer output folder (one holding `checkpoint-N/trainer_state.json`) an event folder belongs to, or null. */
export async function findLinkedOutput(eventDir: string, files: readonly string[]): Promise<string | null> {
	const args = await readTrainerArgs(files);
	const output = args && resolveOutputDir(eventDir, args);
	if (!output) return null;
	try {
		return (await listCheckpoints(output)).length > 0 ? output : null;
	} catch {
		return null;
	}
}

/** Adds the state's points for tags the event files lack (a Trainer run without its TensorBoard callback for some keys). */
function mergeMetrics(events: Map<string, RunMetric>, state: TrainerState | null): Record<string, RunMetric> {
	const metrics: Record<string, RunMetric> = Object.fromEntries(events);
	for (const [name, metric] of state?.metrics ?? []) if (!(name in metrics)) metrics[name] = metric;
	return metrics;
}

/** What a Trainer run is read from. */
export interface TrainerSources {
	/** The output folder; names the run. */
	outputDir: string;
	/** Newest checkpoint's state file, or null when only event files are left. */
	statePath: string | null;
	/** Event files of the training, from every event folder that belongs to it. */
	eventFiles: string[];
	/** When no event file gives times: the state file's modification times (first and newest checkpoint). */
	fileTimesMs: { first: number; last: number } | null;
}

/** The id of the run a Trainer output folder holds: the folder holding it and its own name. */
export function trainerNativeId(outputDir: string): string {
	return `${basename(dirname(outputDir))}/${basename(outputDir)}`;
}

/** Reads a Trainer training into the common run model. */
export async function readTrainerRun(sources: TrainerSources): Promise<RunRecord> {
	const state = sources.statePath ? await readTrainerState(sources.statePath) : null;
	const events = sources.eventFiles.length > 0 ? await readEventRun(sources.eventFiles) : null;
	const warnings = [...(state?.warnings ?? []), ...(events?.warnings ?? [])];
	let firstMs = events?.firstMs ?? null;
	let lastMs = events?.lastMs ?? null;
	if (firstMs === null && sources.fileTimesMs) {
		firstMs = sources.fileTimesMs.first;
		lastMs = sources.fileTimesMs.last;
		warnings.push(`${sources.outputDir}: trainer_state.json records no times and no event files were found; times are the state files' modification times`);
	}
	if (firstMs === null)
		throw new BadRunError(
			`${sources.outputDir}: no time recorded anywhere (no event with a wall_time, no state file), so the run cannot be filed under a month`
		);
	const argsText = events?.texts.get(ARGS_TAG);
	let params: RunRecord['params'] = {};
	if (argsText !== undefined) {
		try {
			params = flattenParams(JSON.parse(argsText));
		} catch {
			warnings.push(`${sources.outputDir}: the "${ARGS_TAG}" text is not JSON; the training arguments are not read`);
		}
	}
	Object.assign(params, state?.params ?? {});
	const finished = state?.finished ?? false;
	const startedAt = new Date(firstMs).toISOString();
	const lastAt = new Date(lastMs ?? firstMs).toISOString();
	const nativeId = trainerNativeId(sources.outputDir);
	return {
		id: `hf-trainer:${nativeId}`,
		source: 'hf-trainer',
		nativeId,
		name: basename(sources.outputDir),
		experiment: basename(sources.outputDir),
		experimentId: null,
		experimentKey: `hf-trainer:${basename(sources.outputDir)}`,
		status: finished ? 'finished' : 'running',
		statusRaw: state?.progress ?? null,
		startedAt,
		endedAt: finished ? lastAt : null,
		lastActivityAt: lastAt,
		user: sources.eventFiles.map((f) => readHostFromEventFileName(basename(f))).find((h) => h !== null) ?? null,
		git: null,
		params,
		metrics: mergeMetrics(events?.scalars ?? new Map(), state),
		tags: state?.tags ?? {},
		notes: null,
		lessons: [],
		deleted: false,
		parentId: null,
		warnings,
	};
}
