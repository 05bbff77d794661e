// One W&B run put together from what its folders hold (the `.wandb` log's records, the run files) and
// mapped to the common run model by W&B's own rules (run-formats.md §3.9).
import type { RunStatus } from '../../schemas/digest.ts';
import type { RunMetric, RunRecord } from '../../schemas/run-record.ts';
import { extractLessons } from '../lessons.ts';
import { JsonSyntaxError, parseTolerantJson } from '../tolerant-json.ts';
import type { WandbHistoryRow, WandbRunFiles } from './wandb-files.ts';
import type { WandbEnvironment, WandbItem, WandbRecord, WandbRunFields } from './wandb-record.ts';

/** W&B's exit code for a crash the client itself reported (LEET `runStateForExitCode`). */
const CRASH_EXIT_CODE = 254;
/** Keys of a summary entry made by `define_metric(summary=…)`. */
const SUMMARY_STATS = new Set(['last', 'first', 'min', 'max', 'mean', 'best', 'copy']);

type Tree = Record<string, unknown>;

/** One run folder's part of a run: a run resumed in a new folder has several, read in start order. */
interface Segment {
	startMs: number | null;
	/** Runtime the run had before this folder, for a resumed run (`RunRecord.runtime`), seconds. */
	priorRuntime: number;
	exit: { exitCode: number; runtime: number } | null;
}

interface MetricPoints {
	steps: number[];
	values: number[];
	timestamps: (number | null)[];
}

/** The facts of one run as its folders are read, log records and run files alike. */
export interface WandbRunState {
	runId: string;
	run: Omit<WandbRunFields, 'config' | 'summary' | 'tags'> & { tags: string[] | null };
	environment: WandbEnvironment;
	config: Tree;
	summary: Tree;
	/** Whether the log gave any config or summary (else the run files are the only source). */
	logConfig: boolean;
	logSummary: boolean;
	metrics: Map<string, MetricPoints>;
	/** History rows read, to number the rows of a log that gives no step. */
	rows: number;
	lastTimestampMs: number | null;
	segments: Segment[];
	cliVersion: string | null;
	unknownTypes: Map<number, number>;
	undecodable: number;
	badValues: number;
	files: WandbRunFiles | null;
	/** The newest run folder's name timestamp (naive local time), the start of last resort. */
	folderStartMs: number | null;
	warnings: string[];
}

/** A fresh state for the run `runId`. */
export function createWandbRunState(runId: string): WandbRunState {
	return {
		runId,
		run: { tags: null },
		environment: {},
		config: createTree(),
		summary: createTree(),
		logConfig: false,
		logSummary: false,
		metrics: new Map(),
		rows: 0,
		lastTimestampMs: null,
		segments: [],
		cliVersion: null,
		unknownTypes: new Map(),
		undecodable: 0,
		badValues: 0,
		files: null,
		folderStartMs: null,
		warnings: [],
	};
}

/** Starts the next run folder of the run (the first, or the next after a resume). */
export function beginWandbSegment(state: WandbRunState): void {
	state.segments.push({ startMs: null, priorRuntime: 0, exit: null });
}

/** The value of a `value_json`: W&B writes extended JSON, with bare `NaN` and `Infinity`. */
function parseValue(json: string, state: WandbRunState): unknown {
	// Most logged values are plain numbers, which Number reads, NaN and the infinities included
	if (json !== '' && json.charCodeAt(0) !== 0x22 && json.charCodeAt(0) !== 0x7b && json.charCodeAt(0) !== 0x5b) {
		const n = Number(json);
		if (!Number.isNaN(n) || json === 'NaN') return n;
	}
	try {
		return parseTolerantJson(json);
	} catch (error) {
		if (!(error instanceof JsonSyntaxError)) throw error;
		state.badValues++;
		return undefined;
	}
}

/** A logged value as a metric value: numbers, and NaN and the infinities that tolerant JSON keeps as text. */
function toMetricNumber(value: unknown): number | null {
	if (typeof value === 'number') return value;
	if (value === 'NaN') return NaN;
	if (value === 'Infinity') return Infinity;
	if (value === '-Infinity') return -Infinity;
	return null;
}

/** A mapping with no prototype: keys come from the log, and `__proto__` must stay a plain key. */
function createTree(): Tree {
	return Object.create(null) as Tree;
}

function setPath(tree: Tree, path: string[], value: unknown): void {
	let node = tree;
	for (const key of path.slice(0, -1)) {
		const next = Object.hasOwn(node, key) ? node[key] : undefined;
		if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = createTree();
		node = node[key] as Tree;
	}
	node[path[path.length - 1]!] = value;
}

function removePath(tree: Tree, path: string[]): void {
	let node: unknown = tree;
	for (const key of path.slice(0, -1)) {
		node = Object.hasOwn(node as Tree, key) ? (node as Tree)[key] : undefined;
		if (node === null || typeof node !== 'object') return;
	}
	delete (node as Tree)[path[path.length - 1]!];
}

function applyDelta(tree: Tree, delta: { update: WandbItem[]; remove: WandbItem[] }, state: WandbRunState): void {
	for (const item of delta.update) {
		const value = parseValue(item.valueJson, state);
		if (value !== undefined) setPath(tree, item.path, value);
	}
	for (const item of delta.remove) removePath(tree, item.path);
}

/** Adds one logged value to its metric (a nested mapping to one metric per leaf, joined with `.`); media and text are not metrics. */
function addPoint(state: WandbRunState, key: string, value: unknown, step: number, tsMs: number | null): void {
	const n = toMetricNumber(value);
	if (n === null) {
		if (value !== null && typeof value === 'object' && !Array.isArray(value) && !('_type' in value)) {
			for (const [k, v] of Object.entries(value)) addPoint(state, `${key}.${k}`, v, step, tsMs);
		}
		return;
	}
	let metric = state.metrics.get(key);
	if (!metric) {
		metric = { steps: [], values: [], timestamps: [] };
		state.metrics.set(key, metric);
	}
	metric.steps.push(step);
	metric.values.push(n);
	metric.timestamps.push(tsMs);
}

/** One history row: `_step` is its step (else the record's step, else its place), `_timestamp` (seconds) its time. */
function addHistoryRow(state: WandbRunState, keys: readonly string[], values: readonly unknown[], recordStep: number | null): void {
	let step: number | null = null;
	let tsMs: number | null = null;
	for (let i = 0; i < keys.length; i++) {
		const value = values[i];
		if (keys[i] === '_step' && typeof value === 'number') step = value;
		else if (keys[i] === '_timestamp' && typeof value === 'number') tsMs = Math.round(value * 1000);
	}
	step ??= recordStep ?? state.rows;
	state.rows++;
	if (tsMs !== null && (state.lastTimestampMs === null || tsMs > state.lastTimestampMs)) state.lastTimestampMs = tsMs;
	for (let i = 0; i < keys.length; i++) if (keys[i]!.charCodeAt(0) !== 0x5f) addPoint(state, keys[i]!, values[i], step, tsMs);
}

function mergeRun(state: WandbRunState, run: WandbRunFields): void {
	const { config, summary, tags, ...fields } = run;
	const segment = state.segments[state.segments.length - 1]!;
	if (fields.startMs !== undefined && segment.startMs === null) segment.startMs = fields.startMs;
	if (fields.resumed && fields.runtime) segment.priorRuntime = fields.runtime;
	// A later RunRecord updates the name, notes or tags: its non-empty fields win
	for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') (state.run as Record<string, unknown>)[key] = value;
	if (tags.length) state.run.tags = tags;
	if (config) {
		state.logConfig = true;
		applyDelta(state.config, config, state);
	}
	if (summary) {
		state.logSummary = true;
		applyDelta(state.summary, summary, state);
	}
}

/** Applies one record of the log, in log order. */
export function applyWandbRecord(state: WandbRunState, record: WandbRecord): void {
	switch (record.type) {
		case 'history':
			addHistoryRow(
				state,
				record.keys,
				record.values.map((json) => parseValue(json, state)),
				record.step
			);
			break;
		case 'summary':
			state.logSummary = true;
			applyDelta(state.summary, record, state);
			break;
		case 'config':
			state.logConfig = true;
			applyDelta(state.config, record, state);
			break;
		case 'run':
			mergeRun(state, record.run);
			break;
		case 'exit':
			state.segments[state.segments.length - 1]!.exit = { exitCode: record.exitCode, runtime: record.runtime };
			break;
		case 'environment':
			for (const [key, value] of Object.entries(record.environment))
				if (value !== undefined && value !== '') (state.environment as Record<string, unknown>)[key] = value;
			break;
		case 'telemetry':
			if (record.cliVersion) state.cliVersion = record.cliVersion;
			break;
		case 'unknown':
			state.unknownTypes.set(record.field, (state.unknownTypes.get(record.field) ?? 0) + 1);
			break;
	}
}

/** Notes a record whose payload is not a valid protobuf message. */
export function noteUndecodableRecord(state: WandbRunState): void {
	state.undecodable++;
}

/** Applies the rows of `files/wandb-history.jsonl`, the history of a run whose log is missing. */
export function applyWandbHistoryRows(state: WandbRunState, rows: WandbHistoryRow[]): void {
	for (const row of rows) addHistoryRow(state, Object.keys(row), Object.values(row), null);
}

/** A config's top-level keys unwrapped from config.yaml's `{desc, value}` (or `{value}`) form. */
function unwrapConfig(config: Tree): Tree {
	const out: Tree = {};
	for (const [key, value] of Object.entries(config)) {
		if (key === 'wandb_version') continue;
		const wrapped =
			value !== null &&
			typeof value === 'object' &&
			!Array.isArray(value) &&
			'value' in value &&
			Object.keys(value).every((k) => k === 'value' || k === 'desc');
		out[key] = wrapped ? (value as Tree)['value'] : value;
	}
	return out;
}

function toParam(value: unknown): string | number | boolean | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
	if (typeof value === 'number') return Number.isFinite(value) ? value : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

/** Config flattened with `.`, `_wandb` (W&B's own bookkeeping) left out; lists are kept as JSON text. */
function flattenConfig(tree: Tree, prefix = '', out: RunRecord['params'] = {}): RunRecord['params'] {
	for (const [key, value] of Object.entries(tree)) {
		if (prefix === '' && key === '_wandb') continue;
		const name = prefix ? `${prefix}.${key}` : key;
		if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length) flattenConfig(value as Tree, name, out);
		else out[name] = toParam(value);
	}
	return out;
}

/** The final summary's user keys: a value, or the statistics `define_metric(summary=…)` keeps. */
function flattenSummary(tree: Tree, prefix = '', out = new Map<string, { value: number | null; direction: 'min' | 'max' | null }>()) {
	for (const [key, value] of Object.entries(tree)) {
		if (key.startsWith('_')) continue;
		const name = prefix ? `${prefix}.${key}` : key;
		const n = toMetricNumber(value);
		if (n !== null) out.set(name, { value: n, direction: null });
		else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !('_type' in value)) {
			const keys = Object.keys(value);
			if (keys.length && keys.every((k) => SUMMARY_STATS.has(k))) {
				const stats = value as Tree;
				const direction = 'min' in stats && !('max' in stats) ? 'min' : 'max' in stats && !('min' in stats) ? 'max' : null;
				out.set(name, { value: toMetricNumber(stats['last']), direction });
			} else flattenSummary(value as Tree, name, out);
		}
	}
	return out;
}

/** Epoch ms as ISO 8601 UTC; null for a time JavaScript cannot represent (a garbled field). */
function iso(ms: number | null): string | null {
	return ms === null || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15 ? null : new Date(ms).toISOString();
}

function nonEmpty(value: string | null | undefined): string | null {
	return value === undefined || value === null || value === '' ? null : value;
}

/** W&B's state for an exit code: 0 finished, 254 a crash the client reported, any other failed. */
function statusFor(exitCode: number): RunStatus {
	return exitCode === 0 ? 'finished' : exitCode === CRASH_EXIT_CODE ? 'crashed' : 'failed';
}

/** The git commit config.yaml's `_wandb.value.e.<writer>.git` holds (wandb-core), the last fallback. */
function configGit(config: Tree | null): { remoteUrl: string | null; commit: string | null } | null {
	const wandb = config?.['_wandb'] as Tree | undefined;
	const value = (wandb && typeof wandb === 'object' && 'value' in wandb ? wandb['value'] : wandb) as Tree | undefined;
	const writers = value?.['e'];
	if (!writers || typeof writers !== 'object') return null;
	for (const writer of Object.values(writers as Tree)) {
		const git = (writer as Tree | null)?.['git'] as Tree | undefined;
		if (git && typeof git === 'object') return { remoteUrl: nonEmpty(git['remote'] as string), commit: nonEmpty(git['commit'] as string) };
	}
	return null;
}

/** Legacy config.yaml keeps the start in `_wandb.value.start_time`: seconds, or milliseconds when ≥ 1e11 (§3.3). */
function configStartMs(config: Tree | null): number | null {
	const wandb = config?.['_wandb'] as Tree | undefined;
	const start = (wandb?.['value'] as Tree | undefined)?.['start_time'];
	const n = typeof start === 'bigint' ? Number(start) : start;
	if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return null;
	return n >= 1e11 ? n : Math.round(n * 1000);
}

/** Facts about where the run lives that the folders, not the records, give. */
export interface WandbRunPlace {
	/** Groups the runs of one project within one store. */
	storeKey: string;
}

/**
 * Maps a run's state to the common run model (run-formats.md §3.9): the log is the source of the
 * history and of what the run record says; config.yaml and wandb-summary.json, written when a run
 * finishes, give the final config and summary where they exist, the log's records where not.
 */
export function toWandbRecord(state: WandbRunState, place: WandbRunPlace): RunRecord {
	const warnings = [...state.warnings];
	const files = state.files;
	const { run, environment } = state;
	if (state.unknownTypes.size) {
		const types = [...state.unknownTypes].map(([field, count]) => `${field} (${count}×)`).join(', ');
		warnings.push(
			`.wandb log: record type(s) this reader does not know skipped: field ${types}${state.cliVersion ? `; written by wandb ${state.cliVersion}` : ''}`
		);
	}
	if (state.undecodable) warnings.push(`.wandb log: ${state.undecodable} record(s) that are not valid protobuf messages skipped`);
	if (state.badValues) warnings.push(`${state.badValues} logged value(s) that are not valid JSON skipped`);

	const configTree = files?.config ? unwrapConfig(files.config) : state.config;
	const params = flattenConfig(configTree);
	const summary = flattenSummary(files?.summary ?? state.summary);
	const summaryTree = files?.summary ?? state.summary;
	const summaryStep = typeof summaryTree['_step'] === 'number' ? (summaryTree['_step'] as number) : null;
	const summaryTsMs = typeof summaryTree['_timestamp'] === 'number' ? Math.round((summaryTree['_timestamp'] as number) * 1000) : null;

	const metrics: Record<string, RunMetric> = {};
	for (const [key, points] of state.metrics) {
		const fromSummary = summary.get(key);
		const lastStep = points.steps[points.steps.length - 1]!;
		metrics[key] = {
			...points,
			finalRule: 'last-logged',
			final: fromSummary?.value !== null && fromSummary?.value !== undefined ? { step: lastStep, value: fromSummary.value } : null,
			direction: fromSummary?.direction ?? null,
		};
	}
	// A key the summary holds but the history never logged (set with `run.summary[…] = …`)
	for (const [key, { value, direction }] of summary) {
		if (metrics[key] || value === null) continue;
		metrics[key] = { steps: [summaryStep ?? 0], values: [value], timestamps: [summaryTsMs], finalRule: 'last-logged', final: null, direction };
	}

	const logged = state.segments.find((s) => s.startMs !== null)?.startMs ?? null;
	if (logged !== null && iso(logged) === null) warnings.push(`run record: start_time ${logged / 1000} s is not a time that can be shown; ignored`);
	const recorded =
		[logged, environment.startedAtMs, files?.metadata?.startedAtMs, configStartMs(files?.config ?? null)].find(
			(ms) => ms !== undefined && ms !== null && iso(ms) !== null
		) ?? null;
	if (recorded === null && state.folderStartMs !== null)
		warnings.push("no start time recorded; the run folder's name (local time of the machine, read as UTC) gives it");
	const startMs = recorded ?? state.folderStartMs;
	const last = state.segments[state.segments.length - 1];
	let status: RunStatus;
	let statusRaw: string | null;
	let endMs: number | null = null;
	if (last?.exit) {
		status = statusFor(last.exit.exitCode);
		statusRaw = `exit code ${last.exit.exitCode}`;
		const segmentStart = last.startMs ?? startMs;
		if (segmentStart !== null) endMs = segmentStart + Math.max(0, last.exit.runtime - last.priorRuntime) * 1000;
	} else if (state.segments.length === 0) {
		// Only run files: they tell neither the exit code nor whether the run is still going
		status = 'unknown';
		statusRaw = null;
		warnings.push('no .wandb log: the exit code is unknown');
		const runtime = (summaryTree['_wandb'] as Tree | undefined)?.['runtime'];
		if (startMs !== null && typeof runtime === 'number') endMs = startMs + runtime * 1000;
	} else {
		status = 'running';
		statusRaw = null;
	}
	const activity = [startMs, state.lastTimestampMs, summaryTsMs, endMs].filter((v): v is number => v !== null && Number.isFinite(v));

	const metadata = files?.metadata ?? null;
	const gitSource = [run.git, environment.git, metadata?.git, configGit(files?.config ?? null)].find((g) => g && (g.commit || g.remoteUrl));
	const commit = nonEmpty(gitSource?.commit);
	const repoUrl = nonEmpty(gitSource?.remoteUrl);

	const tags: Record<string, string> = {};
	for (const tag of run.tags ?? []) tags[tag] = '';
	if (run.group) tags['group'] = run.group;
	if (run.jobType) tags['job_type'] = run.jobType;
	if (run.sweepId) tags['sweep'] = run.sweepId;
	const notes = nonEmpty(run.notes);
	const project = nonEmpty(run.project);
	return {
		id: `wandb:${state.runId}`,
		source: 'wandb',
		nativeId: state.runId,
		name: nonEmpty(run.displayName),
		experiment: project,
		experimentId: null,
		experimentKey: project === null ? null : `${place.storeKey}:${project}`,
		status,
		statusRaw,
		startedAt: iso(startMs),
		endedAt: iso(endMs),
		lastActivityAt: activity.length ? iso(Math.max(...activity)) : null,
		user: nonEmpty(environment.username) ?? metadata?.username ?? nonEmpty(environment.email) ?? metadata?.email ?? nonEmpty(run.entity),
		git: commit || repoUrl ? { commit, branch: null, repoUrl } : null,
		params,
		metrics,
		tags,
		notes,
		lessons: extractLessons(notes).map((text) => ({ text, origin: 'run-note' as const })),
		deleted: false,
		parentId: null,
		warnings,
	};
}
