// DVCLive's output folder (run-formats.md §5): `metrics.json` (the latest value of each metric),
// `params.yaml` (`Live.log_params`), `plots/metrics/**/<name>.tsv` (each metric's history), with or
// without a `dvc.yaml`; and, when the folder sits in a DVC project, the project's parameter files and
// `dvc.lock`. One DVCLive folder is one run: DVC keeps earlier experiments as git commits
// (`refs/exps/…`), which are not read (see the ingest README).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { RunMetric, RunRecord } from '../../schemas/run-record.ts';
import { describeReadError, type RunUnit, type StoreAdapter, type StoreListing } from '../adapter.ts';
import { flattenParams } from '../flatten-params.ts';
import { readDvcliveHistory } from './dvclive-history.ts';
import { hasExperimentRefs, isDvcProject, isInside, listParamFiles, readDvcLock, readMappingFile } from './dvclive-project.ts';

/** DVCLive's default folder name (`Live(dir="dvclive")`). */
const DEFAULT_DIR = 'dvclive';
const HISTORY_DIR = join('plots', 'metrics');

/** A file of the run as listed, with the stamp its fingerprint is made of. */
interface ListedFile {
	path: string;
	size: number;
	mtimeMs: number;
}

/** A DVCLive folder, listed. */
export interface DvcliveUnit extends RunUnit {
	liveDir: string;
	/** The DVC project around it, or null when the folder's parent is no DVC project. */
	projectDir: string | null;
	/** The TSV histories, by metric name (`train/loss`). */
	histories: Map<string, ListedFile>;
	/** Every file read, for the fingerprint and, when no time was logged, the run's times. */
	files: ListedFile[];
}

function isFolder(path: string): boolean {
	return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function isFile(path: string): boolean {
	return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** DVCLive's history folder marks its output folder under any name; its default name with a summary or params does too. */
function isDvcliveFolder(dir: string): boolean {
	if (isFolder(join(dir, HISTORY_DIR))) return true;
	return basename(dir) === DEFAULT_DIR && (isFile(join(dir, 'metrics.json')) || isFile(join(dir, 'params.yaml')));
}

function listed(path: string, info: Stats): ListedFile {
	return { path, size: info.size, mtimeMs: info.mtimeMs };
}

/** Walks `plots/metrics/` for `.tsv` files; symbolic links are not followed (a link may lead out of the run). */
function listHistories(dir: string, prefix: string, out: Map<string, ListedFile>, skipped: string[]): void {
	const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	for (const entry of entries) {
		const path = join(dir, entry.name);
		if (entry.isSymbolicLink()) skipped.push(`${path} (symbolic link)`);
		else if (entry.isDirectory()) listHistories(path, `${prefix}${entry.name}/`, out, skipped);
		else if (entry.isFile() && entry.name.endsWith('.tsv')) out.set(`${prefix}${entry.name.slice(0, -4)}`, listed(path, statSync(path)));
	}
}

/** Lists the files a run is read from: the folder's own, the history files, the project's. */
function listRun(liveDir: string, warnings: string[]): Omit<DvcliveUnit, 'key' | 'path' | 'fingerprint'> {
	const projectDir = isDvcProject(dirname(liveDir)) ? dirname(liveDir) : null;
	const histories = new Map<string, ListedFile>();
	const skipped: string[] = [];
	if (isFolder(join(liveDir, HISTORY_DIR))) listHistories(join(liveDir, HISTORY_DIR), '', histories, skipped);
	if (skipped.length) warnings.push(`${liveDir}: not followed: ${skipped.join(', ')}`);
	const candidates = [join(liveDir, 'metrics.json'), join(liveDir, 'params.yaml'), join(liveDir, 'dvc.yaml')];
	if (projectDir) candidates.push(...['params.yaml', 'dvc.yaml', 'dvc.lock'].map((name) => join(projectDir, name)));
	const files: ListedFile[] = [];
	for (const path of candidates) {
		const info = statSync(path, { throwIfNoEntry: false });
		if (info?.isFile()) files.push(listed(path, info));
	}
	files.push(...histories.values());
	return { liveDir, projectDir, histories, files };
}

function fingerprint(files: ListedFile[]): string {
	const hash = createHash('sha1');
	for (const f of files) hash.update(`${f.path} ${f.size} ${f.mtimeMs}\n`);
	return hash.digest('base64url');
}

/** `metrics.json` nests a metric's parts (`{"train": {"loss": …}}` is `train/loss`); `step` is the summary's step. */
function flattenSummary(summary: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
	for (const [key, value] of Object.entries(summary)) {
		if (prefix === '' && key === 'step') continue;
		const name = `${prefix}${key}`;
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) flattenSummary(value as Record<string, unknown>, `${name}/`, out);
		else out[name] = value;
	}
	return out;
}

function summaryValue(value: unknown): number | null {
	if (typeof value === 'number') return value;
	if (value === 'NaN') return NaN;
	if (value === 'Infinity') return Infinity;
	if (value === '-Infinity') return -Infinity;
	return null;
}

function sameValue(a: number, b: number): boolean {
	return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Every metric: each history file read in full (the last row is DVCLive's final value), and each
 * summary value with no history (`log_metric(..., plot=False)`) as one point at the summary's step.
 */
function readMetrics(unit: DvcliveUnit, warnings: string[]): Record<string, RunMetric> {
	const metrics: Record<string, RunMetric> = {};
	for (const [name, file] of unit.histories) {
		let text: string;
		try {
			text = readFileSync(file.path, 'utf8');
		} catch (error) {
			warnings.push(`${describeReadError(error, file.path)}; metric ${name} left out`);
			continue;
		}
		const metric = readDvcliveHistory(text, relative(unit.liveDir, file.path), warnings);
		if (metric) metrics[name] = metric;
	}
	const summaryPath = join(unit.liveDir, 'metrics.json');
	if (!isFile(summaryPath)) return metrics;
	const summary = readMappingFile(summaryPath, warnings);
	if (!summary) return metrics;
	const step = typeof summary['step'] === 'number' ? summary['step'] : 0;
	for (const [name, raw] of Object.entries(flattenSummary(summary))) {
		const value = summaryValue(raw);
		const history = metrics[name];
		if (value === null) {
			// DVC itself keeps only numbers and text in metric files; text is no metric to chart
			if (!history) warnings.push(`metrics.json: ${name}: not a number (${JSON.stringify(raw)}); left out`);
		} else if (!history) metrics[name] = { steps: [step], values: [value], timestamps: [null], finalRule: 'last-logged', final: null, direction: null };
		else if (!sameValue(history.values[history.values.length - 1]!, value)) {
			warnings.push(
				`metrics.json: ${name} is ${value} but the last row of its history is ${history.values[history.values.length - 1]}; the history's last row is used`
			);
		}
	}
	return metrics;
}

/**
 * The run's parameters, later sources winning: the project's `params.yaml`, the files its `dvc.yaml`
 * and the DVCLive folder's `dvc.yaml` name, what `dvc.lock` recorded, and what DVCLive logged itself.
 * A key whose value differs between them is named in a warning.
 */
function readParams(unit: DvcliveUnit, lockParams: RunRecord['params'], warnings: string[]): RunRecord['params'] {
	const own = join(unit.liveDir, 'params.yaml');
	const root = unit.projectDir ?? unit.liveDir;
	const files = new Set<string>();
	if (unit.projectDir) {
		files.add(join(unit.projectDir, 'params.yaml'));
		for (const file of listParamFiles(join(unit.projectDir, 'dvc.yaml'), warnings)) files.add(file);
	}
	for (const file of listParamFiles(join(unit.liveDir, 'dvc.yaml'), warnings)) files.add(file);
	files.delete(own);
	const layers: [string, RunRecord['params']][] = [];
	for (const file of files) {
		if (!isInside(root, file)) warnings.push(`${file}: named as a params file but outside ${root}; not read`);
		else if (!/\.(ya?ml|json)$/i.test(file)) warnings.push(`${file}: only YAML and JSON params files are read; not read`);
		else if (isFile(file)) {
			const mapping = readMappingFile(file, warnings);
			if (mapping) layers.push([relative(root, file), flattenParams(mapping)]);
		}
	}
	if (Object.keys(lockParams).length) layers.push(['dvc.lock', lockParams]);
	if (isFile(own)) {
		const mapping = readMappingFile(own, warnings);
		if (mapping) layers.push([relative(root, own), flattenParams(mapping)]);
	}
	const params: RunRecord['params'] = {};
	const from: Record<string, string> = {};
	for (const [source, layer] of layers) {
		for (const [key, value] of Object.entries(layer)) {
			if (key in params && params[key] !== value)
				warnings.push(`param ${key}: ${from[key]} has ${JSON.stringify(params[key])}, ${source} has ${JSON.stringify(value)}; ${source} is used`);
			params[key] = value;
			from[key] = source;
		}
	}
	return params;
}

function readRun(unit: DvcliveUnit): RunRecord {
	const warnings: string[] = [];
	const lock = unit.projectDir ? readDvcLock(unit.projectDir, warnings) : { params: {}, tags: {} };
	const params = readParams(unit, lock.params, warnings);
	const metrics = readMetrics(unit, warnings);
	const logged = Object.values(metrics).flatMap((m) => m.timestamps.filter((t): t is number => t !== null));
	let startMs: number;
	let endMs: number;
	if (logged.length) {
		startMs = Math.min(...logged);
		endMs = Math.max(...logged);
	} else {
		// DVCLive keeps no time unless asked to: the files' times are all there is, and a copy resets them
		const stamps = unit.files.filter((f) => f.path.startsWith(unit.liveDir)).map((f) => f.mtimeMs);
		if (stamps.length === 0) stamps.push(statSync(unit.liveDir).mtimeMs);
		startMs = Math.min(...stamps);
		endMs = Math.max(...stamps);
		warnings.push(
			`no logged times (DVCLive writes them only with log_metric(..., timestamp=True)); start and end are the files' modification times, which copying or checking out resets`
		);
	}
	const project = basename(unit.projectDir ?? dirname(unit.liveDir));
	const folder = basename(unit.liveDir);
	const nativeId = `${project}/${folder}`;
	return {
		id: `dvclive:${nativeId}`,
		source: 'dvclive',
		nativeId,
		name: folder === DEFAULT_DIR ? project : folder,
		experiment: project,
		experimentId: null,
		experimentKey: `dvclive:${dirname(unit.liveDir)}`,
		// DVCLive records no status; `dvc exp show` calls a result with no executor behind it a success
		status: 'finished',
		statusRaw: null,
		startedAt: new Date(startMs).toISOString(),
		endedAt: new Date(endMs).toISOString(),
		lastActivityAt: new Date(endMs).toISOString(),
		user: null,
		git: null,
		params,
		metrics,
		tags: lock.tags,
		notes: null,
		lessons: [],
		deleted: false,
		parentId: null,
		warnings,
	};
}

/** A DVCLive output folder is a store of one run. */
export const dvcliveAdapter: StoreAdapter<DvcliveUnit> = {
	kind: 'dvclive',
	async detect(path, entry) {
		return entry.isDirectory() && isDvcliveFolder(path);
	},
	async list(liveDir): Promise<StoreListing<DvcliveUnit>> {
		const listing: StoreListing<DvcliveUnit> = { units: [], experimentLessons: [], bad: [], warnings: [] };
		try {
			const run = listRun(liveDir, listing.warnings);
			listing.units.push({ key: `dvclive:${liveDir}`, path: liveDir, fingerprint: fingerprint(run.files), ...run });
			if (run.projectDir && hasExperimentRefs(run.projectDir)) {
				listing.warnings.push(
					`${run.projectDir}: DVC experiments kept as git refs (refs/exps) are not read, only the workspace's ${basename(liveDir)}/; \`dvc exp branch <name>\` and a checkout, or \`dvc exp apply <name>\`, brings one into a folder ingest reads`
				);
			}
		} catch (error) {
			listing.bad.push({ path: liveDir, reason: describeReadError(error, liveDir) });
		}
		return listing;
	},
	async read(unit) {
		return readRun(unit);
	},
};
