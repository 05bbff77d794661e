// What a DVC project around a DVCLive folder says about the run (run-formats.md §5.2, §5.3): the
// parameter files named by `dvc.yaml`, the parameters and the data and code hashes `dvc.lock` recorded
// at the last `dvc repro` or `dvc exp run`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { RunRecord } from '../../schemas/run-record.ts';
import { describeReadError } from '../adapter.ts';
import { flattenParams } from '../flatten-params.ts';
import { describeValue, parseYamlMapping } from '../read-yaml.ts';
import { JsonSyntaxError, parseTolerantJson } from '../tolerant-json.ts';

/** Files that make a folder a DVC project. */
const PROJECT_MARKERS = ['dvc.yaml', 'dvc.lock', '.dvc'];

/** True when `dir` holds a DVC project (`dvc.yaml`, `dvc.lock` or `.dvc/`). */
export function isDvcProject(dir: string): boolean {
	return PROJECT_MARKERS.some((name) => existsSync(join(dir, name)));
}

function asMapping(value: unknown): Record<string, unknown> | null {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Reads a YAML or JSON file into a mapping; any problem is a warning on the run and gives null. */
export function readMappingFile(path: string, warnings: string[]): Record<string, unknown> | null {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		warnings.push(`${describeReadError(error, path)}; not read`);
		return null;
	}
	try {
		if (/\.json$/i.test(path)) {
			const data = parseTolerantJson(text);
			const mapping = asMapping(data);
			if (!mapping) warnings.push(`${path}: expected a JSON object, found ${describeValue(data)}; not read`);
			return mapping;
		}
		if (text.trim() === '') return {};
		return parseYamlMapping(text, path);
	} catch (error) {
		warnings.push(`${error instanceof JsonSyntaxError ? `${path}: ${error.message}` : describeReadError(error, path)}; not read`);
		return null;
	}
}

/**
 * The parameter files a `dvc.yaml` names: its top-level `params:` list (files) and, in each stage, the
 * files that key a `params:` mapping (a bare string there is a key of `params.yaml`). Paths are relative
 * to the `dvc.yaml`; a file named several times (DVCLive 3.4 appends its entries again each time it
 * rewrites a `dvc.yaml` inside its own folder) is one file.
 */
export function listParamFiles(dvcYamlPath: string, warnings: string[]): string[] {
	if (!existsSync(dvcYamlPath)) return [];
	const dvcYaml = readMappingFile(dvcYamlPath, warnings);
	if (!dvcYaml) return [];
	const base = dirname(dvcYamlPath);
	const files = new Set<string>();
	const addEntries = (entries: unknown, stringsAreFiles: boolean) => {
		if (!Array.isArray(entries)) return;
		for (const entry of entries) {
			if (typeof entry === 'string') files.add(resolve(base, stringsAreFiles ? entry : 'params.yaml'));
			else for (const file of Object.keys(asMapping(entry) ?? {})) files.add(resolve(base, file));
		}
	};
	addEntries(dvcYaml['params'], true);
	for (const stage of Object.values(asMapping(dvcYaml['stages']) ?? {})) addEntries(asMapping(stage)?.['params'], false);
	return [...files];
}

/** A hash as `dvc.lock` records it: DVC 3 (`md5`), cloud versions (`etag`, `checksum`). */
function hashOf(entry: Record<string, unknown>): string | null {
	for (const field of ['md5', 'etag', 'checksum']) if (typeof entry[field] === 'string') return entry[field] as string;
	return null;
}

/** What `dvc.lock` recorded: the parameters each stage used, and its command and data and code hashes as tags. */
export interface LockedState {
	params: RunRecord['params'];
	tags: Record<string, string>;
}

/** Reads a project's `dvc.lock`, if there is one; a broken one is a warning. */
export function readDvcLock(projectDir: string, warnings: string[]): LockedState {
	const state: LockedState = { params: {}, tags: {} };
	const path = join(projectDir, 'dvc.lock');
	if (!existsSync(path)) return state;
	const lock = readMappingFile(path, warnings);
	if (!lock) return state;
	const stages = asMapping(lock['stages']);
	if (!stages) {
		warnings.push(`${path}: field stages: expected a mapping of stages, found ${describeValue(lock['stages'])} (DVC 1 lock files are not read)`);
		return state;
	}
	for (const [name, raw] of Object.entries(stages)) {
		const stage = asMapping(raw);
		if (!stage) continue;
		if (typeof stage['cmd'] === 'string') state.tags[`dvc.${name}.cmd`] = stage['cmd'];
		for (const file of Object.values(asMapping(stage['params']) ?? {})) Object.assign(state.params, flattenParams(asMapping(file) ?? {}));
		for (const group of ['deps', 'outs'] as const) {
			if (!Array.isArray(stage[group])) continue;
			for (const item of stage[group]) {
				const entry = asMapping(item);
				const hash = entry && hashOf(entry);
				if (entry && typeof entry['path'] === 'string' && hash) state.tags[`dvc.${name}.${group}.${entry['path']}`] = hash;
			}
		}
	}
	return state;
}

/** Whether `path` lies inside `dir`: a `dvc.yaml` may name `../` files, which are not the run's to read. */
export function isInside(dir: string, path: string): boolean {
	const rel = relative(dir, path);
	return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/** Whether the project keeps DVC experiments as git refs, which are not read (see the ingest README). */
export function hasExperimentRefs(projectDir: string): boolean {
	if (statSync(join(projectDir, '.git', 'refs', 'exps'), { throwIfNoEntry: false })?.isDirectory()) return true;
	try {
		return readFileSync(join(projectDir, '.git', 'packed-refs'), 'utf8').includes(' refs/exps/');
	} catch {
		return false;
	}
}
