import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse, YAMLParseError } from 'yaml';
import { BadRunError } from './adapter.ts';

const RETRY_DELAYS_MS = [100, 200];

/**
 * Reads an MLflow `meta.yaml`. MLflow rewrites these in place, so a reader can catch one empty;
 * like `FileStore._read_yaml` this retries twice (0.1 s, 0.2 s) before giving up. The read itself is
 * synchronous: a small file is read in less time than a trip through the thread pool takes.
 */
export async function readMetaYaml(path: string): Promise<Record<string, unknown>> {
	for (let attempt = 0; ; attempt++) {
		const text = readFileSync(path, 'utf8');
		if (text.trim() !== '') return parseYamlMapping(text, path);
		if (attempt >= RETRY_DELAYS_MS.length) throw new BadRunError(`${path}: meta.yaml is empty (still empty after ${RETRY_DELAYS_MS.length} retries)`);
		await sleep(RETRY_DELAYS_MS[attempt]!);
	}
}

/**
 * Parses YAML text that must hold a mapping; errors name the file and line. Integers are read as
 * BigInt so an unquoted 18-digit id keeps every digit.
 */
export function parseYamlMapping(text: string, path: string): Record<string, unknown> {
	if (text.includes('\u0000')) throw new BadRunError(`${path}: binary data, expected YAML text`);
	let value: unknown;
	try {
		value = parse(text, { intAsBigInt: true, uniqueKeys: false, prettyErrors: true });
	} catch (error) {
		if (!(error instanceof YAMLParseError)) throw error;
		const where = error.linePos?.[0] ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
		throw new BadRunError(`${path}: malformed YAML${where}: ${error.message.split('\n')[0]}`);
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new BadRunError(`${path}: expected a YAML mapping of fields, found ${describeValue(value)}`);
	}
	return value as Record<string, unknown>;
}

/** Describes a parsed value for an "expected X, found Y" message. */
export function describeValue(value: unknown): string {
	if (value === null || value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
	if (typeof value === 'bigint') return `the number ${value}`;
	if (typeof value === 'object') return 'a mapping';
	return `${typeof value} ${String(value)}`;
}
