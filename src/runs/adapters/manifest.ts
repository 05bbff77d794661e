import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { z } from 'astro/zod';
import type { MetricSummaryInput, RunInput } from '../../schemas/digest.ts';
import { runManifestSchema, type ManifestParam, type RunManifest } from '../../schemas/manifest.ts';
import { extractLessons } from '../lessons.ts';
import { guessDirection } from '../metric-direction.ts';
import { addMetricPoint, createMetricPoints } from '../metric-points.ts';
import { summariseMetric } from '../metric-summary.ts';
import { BadFileError, parseYamlMapping } from '../read-yaml.ts';
import { JsonSyntaxError, parseTolerantJson } from '../tolerant-json.ts';
import type { FoundLesson, OpenedStore, ReadOutcome, RunDraft, StoreAdapter } from '../types.ts';

/** File names that mark a Hindsight run manifest when a folder is searched. */
export const MANIFEST_FILE = /\.run\.(json|ya?ml)$/i;

/** YAML reads `.nan`/`.inf` as numbers, which zod refuses; give them the manifest's string spelling. */
function nonFiniteToText(value: unknown): unknown {
	if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
	if (typeof value === 'bigint') return Number(value);
	if (Array.isArray(value)) return value.map(nonFiniteToText);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) out[k] = nonFiniteToText(v);
		return out;
	}
	return value;
}

function toNumber(value: number | string): number {
	if (typeof value === 'number') return value;
	const lower = value.toLowerCase();
	if (lower === 'nan') return NaN;
	return lower.startsWith('-') ? -Infinity : Infinity;
}

function flattenParams(params: Record<string, ManifestParam>, prefix = '', out: Record<string, string | number | boolean | null> = {}) {
	for (const key of Object.keys(params)) {
		const value = params[key]!;
		const name = prefix ? `${prefix}.${key}` : key;
		if (value !== null && typeof value === 'object') flattenParams(value, name, out);
		else out[name] = value;
	}
	return out;
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
	const out: Record<string, T> = {};
	for (const key of Object.keys(record).sort()) out[key] = record[key]!;
	return out;
}

function formatIssues(error: z.ZodError, path: string): string {
	return error.issues
		.map((issue) => `${path}: ${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
		.join('; ');
}

/** Parses a manifest file's text by its extension; errors say where and what was expected. */
export function parseManifestText(text: string, path: string): RunManifest {
	if (text.includes('\u0000')) throw new BadFileError(`${path}: binary data, expected a JSON or YAML manifest`);
	let data: unknown;
	if (/\.json$/i.test(path)) {
		try {
			data = parseTolerantJson(text);
		} catch (error) {
			if (error instanceof JsonSyntaxError) throw new BadFileError(`${path}: ${error.message}`);
			throw error;
		}
	} else data = parseYamlMapping(text, path);
	const result = runManifestSchema.safeParse(nonFiniteToText(data));
	if (!result.success) throw new BadFileError(formatIssues(result.error, path));
	return result.data;
}

function isoMs(iso: string | undefined): number | null {
	return iso === undefined ? null : Date.parse(iso);
}

/** Turns a valid manifest into a run draft. */
export function manifestToDraft(manifest: RunManifest): RunDraft {
	const metrics: Record<string, MetricSummaryInput> = {};
	let lastTs: number | null = null;
	for (const [name, metric] of Object.entries(manifest.metrics ?? {})) {
		const points = createMetricPoints(8);
		type Point = (typeof manifest.metrics & {})[string] extends infer M ? (M extends readonly (infer P)[] ? P : never) : never;
		const list: Point[] = Array.isArray(metric) ? metric : typeof metric === 'object' ? metric.points : [[0, metric]];
		for (const point of list) {
			if (Array.isArray(point)) addMetricPoint(points, point[0], toNumber(point[1]), NaN);
			else if (!Array.isArray(point)) {
				const ts = isoMs(point.timestamp);
				if (ts !== null && (lastTs === null || ts > lastTs)) lastTs = ts;
				addMetricPoint(points, point.step, toNumber(point.value), ts ?? NaN);
			}
		}
		const hint = !Array.isArray(metric) && typeof metric === 'object' ? metric.direction : undefined;
		const summary = summariseMetric(points, { rule: 'last-by-step', direction: hint ?? guessDirection(name) });
		if (summary) metrics[name] = summary;
	}
	const startMs = Date.parse(manifest.startedAt);
	const endMs = isoMs(manifest.endedAt);
	const git = manifest.git
		? { commit: manifest.git.commit ?? null, branch: manifest.git.branch ?? null, repoUrl: manifest.git.repoUrl ?? null }
		: null;
	const parent = manifest.parent === undefined ? null : manifest.parent.includes(':') ? manifest.parent : `manifest:${manifest.parent}`;
	const run: RunInput = {
		id: `manifest:${manifest.id}`,
		source: 'manifest',
		nativeId: manifest.id,
		name: manifest.name ?? null,
		experiment: manifest.experiment ?? null,
		experimentId: null,
		status: manifest.status,
		statusRaw: manifest.status,
		startedAt: new Date(startMs).toISOString(),
		endedAt: endMs === null ? null : new Date(endMs).toISOString(),
		durationMs: endMs === null ? null : endMs - startMs,
		user: manifest.user ?? null,
		git,
		params: sorted(flattenParams(manifest.params ?? {})),
		metrics: sorted(metrics),
		tags: sorted(manifest.tags ?? {}),
		notes: manifest.notes ?? null,
		deleted: false,
		parentId: parent,
		warnings: [],
	};
	const lessons: FoundLesson[] = [
		...extractLessons(manifest.notes).map((text) => ({ text, origin: 'run-note' as const })),
		...(manifest.lessons ?? []).map((text) => ({ text: text.replace(/^\s*Lesson:\s*/, '').trim(), origin: 'manifest' as const })),
	];
	const activity = [startMs, lastTs, isoMs(manifest.heartbeatAt)].filter((v): v is number => v !== null);
	return {
		run,
		lastActivityMs: Math.max(...activity),
		lessons,
		experimentKey: manifest.experiment ? `manifest:${manifest.experiment}` : null,
	};
}

/** Reads one Hindsight run manifest file (a "store" holding one run). */
export const manifestAdapter: StoreAdapter = {
	kind: 'manifest',
	async open(path: string): Promise<OpenedStore> {
		return {
			kind: 'manifest',
			path,
			experimentLessons: [],
			bad: [],
			warnings: [],
			close() {},
			units: [
				{
					key: `manifest:${path}`,
					path,
					async fingerprint() {
						const info = await stat(path);
						return createHash('sha1').update(`${info.size}:${info.mtimeMs}`).digest('base64url');
					},
					async read(filter): Promise<ReadOutcome> {
						try {
							const manifest = parseManifestText(await readFile(path, 'utf8'), path);
							if (!filter(Date.parse(manifest.startedAt))) return { kind: 'skipped' };
							return { kind: 'run', draft: manifestToDraft(manifest) };
						} catch (error) {
							const e = error as NodeJS.ErrnoException;
							const reason = error instanceof BadFileError ? e.message : `${path}: cannot read (${e.code ?? ''} ${e.message})`;
							return { kind: 'bad', bad: { path, reason } };
						}
					},
				},
			],
		};
	},
};
