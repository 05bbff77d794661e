// Lightning's `hparams.yaml` (run-formats.md §11.4) is written with PyYAML's full dumper, so it can hold
// `!!python/...` tags, `!!set` and anchors. It is read with the `yaml` package, which keeps an unknown
// tag's node as a plain map, list or scalar and never constructs or runs anything.
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { RunRecord } from '../../schemas/run-record.ts';

/** Aliases resolved before the file is taken as an alias bomb. */
const MAX_ALIAS_COUNT = 1000;

/**
 * Flattens nested mappings into `a.b` keys; lists become their JSON text, big integers numbers, and
 * NaN or the infinities the strings Python prints for them, since params are flat scalars.
 */
export function flattenParams(value: unknown, prefix = '', out: RunRecord['params'] = {}): RunRecord['params'] {
	if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
		const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
		if (entries.length === 0 && prefix) out[prefix] = '{}';
		for (const [key, inner] of entries) flattenParams(inner, prefix ? `${prefix}.${String(key)}` : String(key), out);
		return out;
	}
	if (!prefix) return out;
	if (value === null || value === undefined) out[prefix] = null;
	else if (typeof value === 'bigint') out[prefix] = Number(value);
	else if (typeof value === 'number') out[prefix] = Number.isFinite(value) ? value : Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
	else if (typeof value === 'string' || typeof value === 'boolean') out[prefix] = value;
	else if (value instanceof Date) out[prefix] = value.toISOString();
	else out[prefix] = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? Number(v) : v instanceof Set ? [...v] : v));
	return out;
}

/** A `hparams.yaml` as params, with warnings for what could not be taken as it stands. */
export interface HparamsFile {
	params: RunRecord['params'];
	warnings: string[];
}

/** Reads a Lightning `hparams.yaml` tolerantly; nothing in it is fatal to the run. */
export async function readHparamsYaml(path: string): Promise<HparamsFile> {
	const text = await readFile(path, 'utf8');
	const doc = parseDocument(text, { logLevel: 'silent', uniqueKeys: false, intAsBigInt: true });
	if (doc.errors.length > 0) {
		const error = doc.errors[0]!;
		const where = error.linePos?.[0] ? ` at line ${error.linePos[0].line}` : '';
		return { params: {}, warnings: [`${path}: malformed YAML${where} (${error.message.split('\n')[0]}); its hyper-parameters are not read`] };
	}
	const warnings: string[] = [];
	const tags = [
		...new Set(
			doc.warnings
				.filter((w) => w.code === 'TAG_RESOLVE_FAILED')
				.map((w) => (/Unresolved tag: (\S+)/.exec(w.message)?.[1] ?? 'unknown').replace('tag:yaml.org,2002:', '!!'))
		),
	];
	if (tags.length > 0) warnings.push(`${path}: Python tags read as plain values, never run: ${tags.sort().join(', ')}`);
	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
	} catch (error) {
		return { params: {}, warnings: [...warnings, `${path}: ${(error as Error).message}; its hyper-parameters are not read`] };
	}
	if (data === null || data === undefined) return { params: {}, warnings };
	if (typeof data !== 'object' || Array.isArray(data))
		return {
			params: {},
			warnings: [...warnings, `${path}: expected a mapping of hyper-parameters, found ${Array.isArray(data) ? 'a list' : 'a single value'}`],
		};
	return { params: flattenParams(data), warnings };
}
