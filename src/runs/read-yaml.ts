import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { readSmallTextFile } from './read-small-file.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseFlatYaml } from './flat-yaml.ts';

// Loaded on first use: MLflow's own meta.yaml files rarely need it (`parseFlatYaml`), and each worker
// thread that reads runs would otherwise load it at start
let yamlModule: typeof import('yaml') | null = null;
function loadYaml(): typeof import('yaml') {
	return (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}

/** A YAML file that could not be used, with a reason a person can act on. */
export class BadFileError extends Error {}

const RETRY_DELAYS_MS = [100, 200];

/**
 * Reads an MLflow `meta.yaml`. MLflow rewrites these in place, so a reader can catch one empty;
 * like `FileStore._read_yaml` this retries twice (0.1 s, 0.2 s) before giving up.
 * Integers are read as BigInt so an unquoted 18-digit experiment id keeps every digit.
 */
export async function readMetaYaml(path: string): Promise<Record<string, unknown>> {
	for (let attempt = 0; ; attempt++) {
		const text = await readFile(path, 'utf8');
		if (text.trim() === '') {
			if (attempt < RETRY_DELAYS_MS.length) {
				await sleep(RETRY_DELAYS_MS[attempt]!);
				continue;
			}
			throw new BadFileError(`${path}: meta.yaml is empty (still empty after ${RETRY_DELAYS_MS.length} retries)`);
		}
		return parseMetaYaml(text, path);
	}
}

/**
 * {@link readMetaYaml} with a synchronous first read (a few µs on a warm cache, against a promise
 * and a file handle per file) of the size the listing saw; only an empty file goes on to the retrying read.
 */
export async function readMetaYamlFast(path: string, listedSize: number): Promise<Record<string, unknown>> {
	const text = readSmallTextFile(path, listedSize);
	if (text.trim() !== '') return parseMetaYaml(text, path);
	return readMetaYaml(path);
}

/** A meta.yaml as MLflow writes it (`parseFlatYaml`), else through the YAML parser. */
function parseMetaYaml(text: string, path: string): Record<string, unknown> {
	return parseFlatYaml(text) ?? parseYamlMapping(text, path);
}

/** Parses YAML text that must hold a mapping; errors name the file and line. */
export function parseYamlMapping(text: string, path: string): Record<string, unknown> {
	if (text.includes('\u0000')) throw new BadFileError(`${path}: binary data, expected YAML text`);
	let value: unknown;
	try {
		value = loadYaml().parse(text, { intAsBigInt: true, uniqueKeys: false, prettyErrors: true });
	} catch (error) {
		if (error instanceof loadYaml().YAMLParseError) {
			const where = error.linePos?.[0] ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
			throw new BadFileError(`${path}: malformed YAML${where}: ${error.message.split('\n')[0]}`);
		}
		throw error;
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new BadFileError(`${path}: expected a YAML mapping of fields, found ${describe(value)}`);
	}
	return value as Record<string, unknown>;
}

/** Describes a parsed value for an "expected X, found Y" message. */
export function describe(value: unknown): string {
	if (value === null || value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
	if (typeof value === 'bigint') return `the number ${value}`;
	if (typeof value === 'object') return 'a mapping';
	return `${typeof value} ${String(value)}`;
}
