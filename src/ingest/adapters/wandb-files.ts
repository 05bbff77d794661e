// The run files W&B writes beside the log of an online (or synced) run, in `files/` (run-formats.md
// §3.3–3.5): config.yaml, wandb-summary.json, wandb-metadata.json, and wandb-history.jsonl of old SDKs.
// Offline runs have none of them, and a run killed hard may lack any; each is optional.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BadRunError } from '../adapter.ts';
import { describeValue, parseYamlMapping } from '../read-yaml.ts';
import { JsonSyntaxError, parseTolerantJson } from '../tolerant-json.ts';

/** The run files this adapter reads, by name under `files/`. */
export const WANDB_RUN_FILES = ['config.yaml', 'wandb-summary.json', 'wandb-metadata.json', 'wandb-history.jsonl'] as const;

/** What `wandb-metadata.json` says of who ran the run, where, when and from which commit. */
export interface WandbMetadata {
	username: string | null;
	email: string | null;
	host: string | null;
	/** Epoch ms; the legacy writer's naive time is UTC. */
	startedAtMs: number | null;
	git: { remoteUrl: string | null; commit: string | null } | null;
}

/** One row of `wandb-history.jsonl`. */
export type WandbHistoryRow = Record<string, unknown>;

/** The run files of one run folder; null where a file is absent or could not be read (with a warning). */
export interface WandbRunFiles {
	/** The top-level keys of config.yaml, their `{desc, value}` wrapping still on. */
	config: Record<string, unknown> | null;
	summary: Record<string, unknown> | null;
	metadata: WandbMetadata | null;
	history: WandbHistoryRow[] | null;
}

function readText(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

function readJsonObject(path: string, name: string, warnings: string[]): Record<string, unknown> | null {
	const text = readText(path);
	if (text === null) return null;
	try {
		const value = parseTolerantJson(text);
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
		warnings.push(`files/${name}: expected a JSON object, found ${describeValue(value)}; file ignored`);
	} catch (error) {
		if (!(error instanceof JsonSyntaxError)) throw error;
		warnings.push(`files/${name}: ${error.message}; file ignored`);
	}
	return null;
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

/** An RFC 3339 time, or the legacy writer's naive one, which is UTC (run-formats.md §3.5). */
export function parseWandbTime(value: unknown): number | null {
	if (typeof value !== 'string' || value === '') return null;
	const naive = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value);
	const ms = Date.parse(naive ? `${value}Z` : value);
	return Number.isNaN(ms) ? null : ms;
}

function toMetadata(data: Record<string, unknown>): WandbMetadata {
	const git = data['git'] !== null && typeof data['git'] === 'object' ? (data['git'] as Record<string, unknown>) : null;
	return {
		username: text(data['username']),
		email: text(data['email']),
		host: text(data['host']),
		startedAtMs: parseWandbTime(data['startedAt']),
		git: git ? { remoteUrl: text(git['remote']), commit: text(git['commit']) } : null,
	};
}

function readHistory(path: string, warnings: string[]): WandbHistoryRow[] | null {
	const content = readText(path);
	if (content === null) return null;
	const rows: WandbHistoryRow[] = [];
	const lines = content.split('\n');
	let malformed = 0;
	let first = 0;
	lines.forEach((line, i) => {
		if (line.trim() === '') return;
		try {
			const row = parseTolerantJson(line);
			if (row !== null && typeof row === 'object' && !Array.isArray(row)) {
				rows.push(row as WandbHistoryRow);
				return;
			}
		} catch (error) {
			if (!(error instanceof JsonSyntaxError)) throw error;
		}
		if (malformed++ === 0) first = i + 1;
	});
	if (malformed)
		warnings.push(
			`files/wandb-history.jsonl: ${malformed} line(s) that are not a JSON object skipped; first at line ${first} (expected one row of logged values per line)`
		);
	return rows;
}

/** Reads the run files of one run folder; a malformed file is a warning and counts as absent. */
export function readWandbRunFiles(runDir: string, warnings: string[]): WandbRunFiles {
	const files = join(runDir, 'files');
	let config: Record<string, unknown> | null = null;
	const configPath = join(files, 'config.yaml');
	const configText = readText(configPath);
	if (configText !== null) {
		try {
			config = parseYamlMapping(configText, configPath);
		} catch (error) {
			if (!(error instanceof BadRunError)) throw error;
			warnings.push(`files/config.yaml: ${error.message.slice(configPath.length + 2)}; file ignored`);
		}
	}
	const metadata = readJsonObject(join(files, 'wandb-metadata.json'), 'wandb-metadata.json', warnings);
	return {
		config,
		summary: readJsonObject(join(files, 'wandb-summary.json'), 'wandb-summary.json', warnings),
		metadata: metadata ? toMetadata(metadata) : null,
		history: readHistory(join(files, 'wandb-history.jsonl'), warnings),
	};
}
