// The Hugging Face Trainer's `checkpoint-N/trainer_state.json` (run-formats.md §12.2–12.3): the whole
// `log_history` up to step N, written by Python's json (so NaN and Infinity tokens can occur), and the
// facts Hindsight keeps: how far training got, its limits, and the best checkpoint.
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunMetric, RunRecord } from '../../schemas/run-record.ts';
import { BadRunError } from '../adapter.ts';
import { JsonSyntaxError, parseTolerantJson } from '../tolerant-json.ts';

/** Checkpoint folders, named by the global step they were saved at. */
export const CHECKPOINT_FOLDER = /^checkpoint-(\d+)$/;
/** The state file in each checkpoint. */
export const TRAINER_STATE_FILE = 'trainer_state.json';

/** What a `trainer_state.json` says about its training. */
export interface TrainerState {
	path: string;
	/** Each logged value, under the name the Trainer's TensorBoard callback gives it (`train/loss`, `eval/loss`). */
	metrics: Map<string, RunMetric>;
	/** The run is over: `global_step` reached `max_steps`, or the Trainer was told to stop. */
	finished: boolean;
	/** `global_step N of max_steps M`, as the run's raw status. */
	progress: string;
	/** The state's scalar settings (`max_steps`, `logging_steps`, …) as params, under `trainer_state.`. */
	params: RunRecord['params'];
	/** `best_metric`, `best_global_step` and `best_model_checkpoint`, when set. */
	tags: Record<string, string>;
	warnings: string[];
}

/** The checkpoint folders of a Trainer output folder holding a state file, highest step first. */
export async function listCheckpoints(outputDir: string): Promise<{ step: number; statePath: string }[]> {
	const entries = await readdir(outputDir, { withFileTypes: true });
	const found: { step: number; statePath: string }[] = [];
	for (const entry of entries) {
		const match = CHECKPOINT_FOLDER.exec(entry.name);
		if (!match || !entry.isDirectory()) continue;
		const statePath = join(outputDir, entry.name, TRAINER_STATE_FILE);
		try {
			await access(statePath);
			found.push({ step: Number(match[1]), statePath });
		} catch {
			// a checkpoint being written, or one whose state was not kept
		}
	}
	return found.sort((a, b) => b.step - a.step);
}

/**
 * The metric name the Trainer's TensorBoard callback gives a `log_history` key (`rewrite_logs`):
 * `eval_X` → `eval/X`, `test_X` → `test/X`, anything else → `train/X`. Using the same names whether
 * or not event files were written keeps one training's metrics comparable across both sources.
 */
export function toTensorBoardName(key: string): string {
	if (key.startsWith('eval_')) return `eval/${key.slice(5)}`;
	if (key.startsWith('test_')) return `test/${key.slice(5)}`;
	return `train/${key}`;
}

function toNumber(value: unknown): number | null {
	if (typeof value === 'number') return value;
	if (value === 'NaN') return NaN;
	if (value === 'Infinity') return Infinity;
	if (value === '-Infinity') return -Infinity;
	return null;
}

/** Reads one `trainer_state.json`; a file that is not a JSON object is a {@link BadRunError}. */
export async function readTrainerState(path: string): Promise<TrainerState> {
	const text = await readFile(path, 'utf8');
	let data: unknown;
	try {
		data = parseTolerantJson(text);
	} catch (error) {
		if (error instanceof JsonSyntaxError) throw new BadRunError(`${path}: ${error.message}`);
		throw error;
	}
	if (data === null || typeof data !== 'object' || Array.isArray(data))
		throw new BadRunError(`${path}: expected a JSON object (TrainerState), found ${Array.isArray(data) ? 'a list' : typeof data}`);
	const state = data as Record<string, unknown>;
	const warnings: string[] = [];
	const metrics = new Map<string, RunMetric>();
	const history = state['log_history'];
	if (history !== undefined && !Array.isArray(history))
		warnings.push(`${path}: log_history: expected a list of rows, found ${typeof history}; no metrics read`);
	const rows = Array.isArray(history) ? history : [];
	if (Array.isArray(history) && rows.length === 0) warnings.push(`${path}: log_history is empty, so the run has no metrics yet`);
	rows.forEach((row, index) => {
		if (row === null || typeof row !== 'object' || Array.isArray(row)) {
			warnings.push(`${path}: log_history[${index}]: expected an object, found ${Array.isArray(row) ? 'a list' : typeof row}; skipped`);
			return;
		}
		const fields = row as Record<string, unknown>;
		const step = typeof fields['step'] === 'number' ? fields['step'] : null;
		if (step === null) {
			warnings.push(`${path}: log_history[${index}]: no numeric "step"; row skipped`);
			return;
		}
		for (const [key, raw] of Object.entries(fields)) {
			if (key === 'step') continue;
			const value = toNumber(raw);
			if (value === null) continue;
			const name = toTensorBoardName(key);
			let metric = metrics.get(name);
			if (!metric) {
				metric = { steps: [], values: [], timestamps: [], finalRule: 'highest-step', final: null, direction: null };
				metrics.set(name, metric);
			}
			metric.steps.push(step);
			metric.values.push(value);
			metric.timestamps.push(null);
		}
	});
	const globalStep = typeof state['global_step'] === 'number' ? state['global_step'] : null;
	const maxSteps = typeof state['max_steps'] === 'number' ? state['max_steps'] : null;
	const control = (state['stateful_callbacks'] as { TrainerControl?: { args?: { should_training_stop?: unknown } } } | undefined)?.TrainerControl?.args;
	const finished = (globalStep !== null && maxSteps !== null && maxSteps > 0 && globalStep >= maxSteps) || control?.should_training_stop === true;
	const params: RunRecord['params'] = {};
	for (const [key, value] of Object.entries(state)) {
		if (key === 'log_history' || key.startsWith('best_') || key.startsWith('is_')) continue;
		if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') params[`trainer_state.${key}`] = value;
	}
	const tags: Record<string, string> = {};
	for (const key of ['best_metric', 'best_global_step', 'best_model_checkpoint']) {
		const value = state[key];
		if (value !== null && value !== undefined) tags[key] = String(value);
	}
	return { path, metrics, finished, progress: `global_step ${globalStep ?? '?'} of max_steps ${maxSteps ?? '?'}`, params, tags, warnings };
}
