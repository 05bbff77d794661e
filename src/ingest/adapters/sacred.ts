// Sacred's `FileStorageObserver` folder (run-formats.md §4): one sub-folder per run, named by its `_id`,
// holding `run.json`, `config.json`, `metrics.json`, `info.json` and `cout.txt`; `_sources/` and
// `_resources/` hold files shared by the runs and are not runs.
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RunStatus } from '../../schemas/digest.ts';
import type { RunMetric, RunRecord } from '../../schemas/run-record.ts';
import { BadRunError, describeReadError, type RunUnit, type StoreAdapter, type StoreListing } from '../adapter.ts';
import { flattenParams } from '../flatten-params.ts';
import { extractLessons } from '../lessons.ts';
import { describeValue } from '../read-yaml.ts';
import { JsonSyntaxError, parseTolerantJson } from '../tolerant-json.ts';
import { readSacredMetric } from './sacred-metrics.ts';
import { parseSacredTime } from './sacred-time.ts';

/** Folders of a Sacred store that hold shared files, not runs. */
const SHARED_FOLDERS = new Set(['_sources', '_resources']);

/** The files of a run that are read; a change to any of them changes the run's fingerprint. */
const READ_FILES = ['run.json', 'config.json', 'metrics.json'] as const;

/** Sacred's statuses (`sacred/run.py`, the SQL observer's enum) in the common model. */
const STATUSES: Record<string, RunStatus> = {
	COMPLETED: 'finished',
	FAILED: 'failed',
	INTERRUPTED: 'killed',
	TIMEOUT: 'killed',
	QUEUED: 'scheduled',
	RUNNING: 'running',
};

/** A Sacred run folder, listed. */
export interface SacredUnit extends RunUnit {
	runDir: string;
	/** The folder's name, Sacred's `_id`. */
	runId: string;
	storePath: string;
}

async function statOrNull(path: string) {
	try {
		return await stat(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

/** A folder is a Sacred run when it holds `run.json` beside one of the other files Sacred always writes. */
async function isRunFolder(dir: string): Promise<boolean> {
	if (!(await statOrNull(join(dir, 'run.json')))?.isFile()) return false;
	return Boolean((await statOrNull(join(dir, 'config.json')))?.isFile() || (await statOrNull(join(dir, 'cout.txt')))?.isFile());
}

async function fingerprintRun(runDir: string): Promise<string> {
	const hash = createHash('sha1');
	for (const name of READ_FILES) {
		const info = await statOrNull(join(runDir, name));
		hash.update(`${name} ${info ? `${info.size} ${info.mtimeMs}` : '-'}\n`);
	}
	return hash.digest('base64url');
}

/** Reads a JSON file Sacred wrote; null when it is absent. A file cut off mid-write is reported as such. */
async function readJsonFile(path: string): Promise<unknown> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
	if (text.includes('\u0000')) throw new BadRunError(`${path}: binary data, expected JSON`);
	if (text.trim() === '') throw new BadRunError(`${path}: empty file, expected JSON (Sacred rewrites it in place; it may have been caught mid-write)`);
	try {
		return parseTolerantJson(text);
	} catch (error) {
		if (!(error instanceof JsonSyntaxError)) throw error;
		// Sacred rewrites its JSON files in place, so a kill mid-write leaves them without their closing brace
		const cut = !text.trimEnd().endsWith('}') && !/truncated/.test(error.message) ? ' (the file looks cut off mid-write)' : '';
		throw new BadRunError(`${path}: ${error.message}${cut}`);
	}
}

function asMapping(value: unknown): Record<string, unknown> | null {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** jsonpickle wraps tuples and sets (`{"py/tuple": [...]}`): read them as the lists they hold. */
function unwrapPickled(value: unknown): unknown {
	const mapping = asMapping(value);
	if (mapping) {
		const keys = Object.keys(mapping);
		if (keys.length === 1 && (keys[0] === 'py/tuple' || keys[0] === 'py/set')) return mapping[keys[0]!];
	}
	return value;
}

/** Reads a run's config (a warning, not a failure, when it is missing or broken: the run's metrics still count). */
async function readConfig(runDir: string, warnings: string[]): Promise<RunRecord['params']> {
	const path = join(runDir, 'config.json');
	let config: unknown;
	try {
		config = await readJsonFile(path);
	} catch (error) {
		warnings.push(`${describeReadError(error, path)}; params left out`);
		return {};
	}
	if (config === null) {
		warnings.push(`${path}: no config.json; params left out`);
		return {};
	}
	const mapping = asMapping(config);
	if (!mapping) {
		warnings.push(`${path}: expected a JSON object of settings, found ${describeValue(config)}; params left out`);
		return {};
	}
	return flattenParams(mapping, unwrapPickled);
}

async function readMetrics(runDir: string, warnings: string[]): Promise<Record<string, RunMetric>> {
	const path = join(runDir, 'metrics.json');
	let data: unknown;
	try {
		data = await readJsonFile(path);
	} catch (error) {
		// Rewritten in full at every heartbeat, so a hard kill can leave it cut off; the run is kept
		warnings.push(`${describeReadError(error, path)}; metrics left out`);
		return {};
	}
	if (data === null) return {};
	const mapping = asMapping(data);
	if (!mapping) {
		warnings.push(`${path}: expected a JSON object of metrics, found ${describeValue(data)}; metrics left out`);
		return {};
	}
	const metrics: Record<string, RunMetric> = {};
	for (const [name, entry] of Object.entries(mapping)) {
		const metric = readSacredMetric(name, entry, 'metrics.json', warnings);
		if (metric) metrics[name] = metric;
	}
	return metrics;
}

/** The run's notes: the `--comment`, and for a failed run the traceback's last line, which says what went wrong. */
function composeNotes(comment: string | null, failTrace: unknown): string | null {
	const lines = Array.isArray(failTrace)
		? failTrace
				.filter((l): l is string => typeof l === 'string')
				.join('')
				.trim()
				.split('\n')
		: [];
	const failure = lines.length ? `Failed: ${lines[lines.length - 1]!.trim()}` : null;
	const parts = [comment, failure].filter((p): p is string => p !== null);
	return parts.length ? parts.join('\n\n') : null;
}

function isoOf(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString();
}

/** Reads a time field of run.json; a value that is there but is no time is a warning, not a guess. */
function readTime(run: Record<string, unknown>, field: string, path: string, warnings: string[]): number | null {
	const value = run[field];
	if (value === undefined || value === null) return null;
	const ms = parseSacredTime(value);
	if (ms === null) warnings.push(`${path}: field ${field}: expected an ISO time such as 2025-06-10T12:03:22.123456, found ${describeValue(value)}; ignored`);
	return ms;
}

async function readRun(unit: SacredUnit): Promise<RunRecord> {
	const path = join(unit.runDir, 'run.json');
	const data = await readJsonFile(path);
	if (data === null) throw new BadRunError(`${path}: no run.json (Sacred writes it when the run starts)`);
	const run = asMapping(data);
	if (!run) throw new BadRunError(`${path}: expected a JSON object describing the run, found ${describeValue(data)}`);
	const warnings: string[] = [];
	const experiment = asMapping(run['experiment']) ?? {};
	const host = asMapping(run['host']) ?? {};
	const meta = asMapping(run['meta']) ?? {};
	const experimentName = typeof experiment['name'] === 'string' || typeof experiment['name'] === 'number' ? String(experiment['name']) : null;

	const rawStatus = run['status'];
	let status: RunStatus = 'unknown';
	if (typeof rawStatus === 'string' && STATUSES[rawStatus.toUpperCase()]) status = STATUSES[rawStatus.toUpperCase()]!;
	else warnings.push(`${path}: field status: expected one of ${Object.keys(STATUSES).join(', ')}, found ${describeValue(rawStatus)}; reported as unknown`);

	let startMs = readTime(run, 'start_time', path, warnings);
	if (startMs === null) {
		// A QUEUED run has not started: file it under the time it was queued
		startMs = readTime(meta, 'queue_time', path, warnings);
		if (startMs !== null) warnings.push(`${path}: no start_time (the run was queued, not started); filed under its queue_time`);
		else
			throw new BadRunError(
				`${path}: field start_time: expected an ISO time, found ${describeValue(run['start_time'])}, and no meta.queue_time either; no month to file the run under`
			);
	}
	const stopMs = readTime(run, 'stop_time', path, warnings);
	const heartbeatMs = readTime(run, 'heartbeat', path, warnings);

	const params = await readConfig(unit.runDir, warnings);
	const metrics = await readMetrics(unit.runDir, warnings);
	const pointTimes = Object.values(metrics).flatMap((m) => m.timestamps.filter((t): t is number => t !== null));
	// The heartbeat is Sacred's sign of life; logged points count too, for runs whose run.json lags behind
	const lastActivity = Math.max(startMs, heartbeatMs ?? -Infinity, stopMs ?? -Infinity, ...pointTimes);

	const repositories = Array.isArray(experiment['repositories']) ? experiment['repositories'].map(asMapping).filter((r) => r !== null) : [];
	const repo = repositories[0];
	const git = repo ? { commit: text(repo['commit']), branch: null, repoUrl: text(repo['url']) } : null;
	const tags: Record<string, string> = {};
	const hostname = text(host['hostname']);
	if (hostname) tags['host'] = hostname;
	const command = text(run['command']);
	if (command) tags['command'] = command;
	if (repositories.some((r) => r['dirty'] === true)) tags['git.dirty'] = 'true';
	if (Array.isArray(meta['named_configs']) && meta['named_configs'].length) tags['named_configs'] = meta['named_configs'].map(String).join(', ');

	const env = asMapping(host['ENV']) ?? {};
	const comment = text(meta['comment']);
	const notes = composeNotes(comment, run['fail_trace']);
	// Sacred's `_id` is unique in one folder only: the experiment, host and start make the id unique
	// across folders and stable wherever the folder is read from (a copy of a run is the same run)
	const identity = createHash('sha1')
		.update([experimentName ?? '', unit.runId, hostname ?? '', run['start_time'] ?? meta['queue_time'] ?? ''].join('\n'))
		.digest('hex')
		.slice(0, 10);
	return {
		id: `sacred:${unit.runId}-${identity}`,
		source: 'sacred',
		nativeId: unit.runId,
		name: experimentName === null ? `#${unit.runId}` : `${experimentName} #${unit.runId}`,
		experiment: experimentName,
		experimentId: null,
		experimentKey: experimentName === null ? null : `sacred:${unit.storePath}:${experimentName}`,
		status,
		statusRaw: typeof rawStatus === 'string' ? rawStatus : null,
		startedAt: isoOf(startMs),
		endedAt: isoOf(stopMs),
		lastActivityAt: isoOf(lastActivity),
		user: text(env['USER']) ?? text(env['LOGNAME']) ?? text(env['USERNAME']),
		git,
		params,
		metrics,
		tags,
		notes,
		lessons: extractLessons(comment).map((t) => ({ text: t, origin: 'run-note' as const })),
		deleted: false,
		parentId: null,
		warnings,
	};
}

/** A Sacred `FileStorageObserver` folder: each run is a sub-folder (any name) with `run.json`. */
export const sacredAdapter: StoreAdapter<SacredUnit> = {
	kind: 'sacred',
	async detect(path, entry, named) {
		if (!entry.isDirectory()) return false;
		// A single run folder named on the command line is a store of one run
		if (named && (await isRunFolder(path))) return true;
		let entries: Dirent[];
		try {
			entries = await readdir(path, { withFileTypes: true });
		} catch {
			return false;
		}
		for (const e of entries)
			if (e.isDirectory() && !SHARED_FOLDERS.has(e.name) && !e.name.startsWith('.') && (await isRunFolder(join(path, e.name)))) return true;
		return false;
	},
	async list(storePath): Promise<StoreListing<SacredUnit>> {
		const listing: StoreListing<SacredUnit> = { units: [], experimentLessons: [], bad: [], warnings: [] };
		const single = await isRunFolder(storePath);
		const runDirs: string[] = [];
		if (single) runDirs.push(storePath);
		else {
			const entries = (await readdir(storePath, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
			const skipped: string[] = [];
			for (const entry of entries) {
				if (!entry.isDirectory() || SHARED_FOLDERS.has(entry.name) || entry.name.startsWith('.')) continue;
				const dir = join(storePath, entry.name);
				if ((await statOrNull(join(dir, 'run.json')))?.isFile()) runDirs.push(dir);
				else skipped.push(entry.name);
			}
			if (skipped.length) listing.warnings.push(`${storePath}: ${skipped.length} folder(s) without run.json skipped, not Sacred runs (${skipped.join(', ')})`);
		}
		for (const runDir of runDirs) {
			try {
				listing.units.push({ key: `sacred:${runDir}`, path: runDir, runDir, runId: basename(runDir), storePath, fingerprint: await fingerprintRun(runDir) });
			} catch (error) {
				listing.bad.push({ path: runDir, reason: describeReadError(error, runDir) });
			}
		}
		return listing;
	},
	read: (unit) => readRun(unit),
};
