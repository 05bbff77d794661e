// Hindsight's own run manifest (`*.run.json`, `*.run.yaml`): one file is one run, in the documented
// schema `runManifestSchema`, for a training script that logs outside a tracking tool.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { z } from 'astro/zod';
import { type ManifestParam, type RunManifest, runManifestSchema } from '../../schemas/manifest.ts';
import type { RunMetric, RunRecord } from '../../schemas/run-record.ts';
import { BadRunError, type RunUnit, type StoreAdapter } from '../adapter.ts';
import { extractLessons } from '../lessons.ts';
import { parseYamlMapping } from '../read-yaml.ts';
import { JsonSyntaxError, parseTolerantJson } from '../tolerant-json.ts';

/** File names that mark a manifest when a folder is searched; a file named directly may be any `.json` or `.yaml`. */
export const MANIFEST_FILE = /\.run\.(json|ya?ml)$/i;

/** YAML reads `.nan` and `.inf` as numbers, which the schema takes as strings; BigInt becomes a number. */
function nonFiniteToText(value: unknown): unknown {
	if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
	if (typeof value === 'bigint') return Number(value);
	if (Array.isArray(value)) return value.map(nonFiniteToText);
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nonFiniteToText(v)]));
	return value;
}

function toNumber(value: number | string): number {
	if (typeof value === 'number') return value;
	const lower = value.toLowerCase();
	if (lower === 'nan') return NaN;
	return lower.startsWith('-') ? -Infinity : Infinity;
}

function flattenParams(params: Record<string, ManifestParam>, prefix = '', out: RunRecord['params'] = {}): RunRecord['params'] {
	for (const [key, value] of Object.entries(params)) {
		const name = prefix ? `${prefix}.${key}` : key;
		if (value !== null && typeof value === 'object') flattenParams(value, name, out);
		else out[name] = value;
	}
	return out;
}

function formatIssues(error: z.ZodError, path: string): string {
	return error.issues.map((issue) => `${path}: ${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`).join('; ');
}

/** Parses a manifest's text by its extension; every problem is named with its field. */
export function parseManifestText(text: string, path: string): RunManifest {
	if (text.includes('\u0000')) throw new BadRunError(`${path}: binary data, expected a JSON or YAML manifest`);
	let data: unknown;
	if (/\.json$/i.test(path)) {
		try {
			data = parseTolerantJson(text);
		} catch (error) {
			if (error instanceof JsonSyntaxError) throw new BadRunError(`${path}: ${error.message}`);
			throw error;
		}
	} else data = parseYamlMapping(text, path);
	const result = runManifestSchema.safeParse(nonFiniteToText(data));
	if (!result.success) throw new BadRunError(formatIssues(result.error, path));
	return result.data;
}

function isoOrNull(iso: string | undefined): string | null {
	return iso === undefined ? null : new Date(Date.parse(iso)).toISOString();
}

type ManifestMetric = NonNullable<RunManifest['metrics']>[string];

/** A manifest metric (a value, a list of points, or points with a direction) as its points; a single value is step 0. */
function toRunMetric(metric: ManifestMetric): RunMetric {
	type Point = Exclude<ManifestMetric, number | string | { points: unknown }>[number];
	const points: readonly Point[] = Array.isArray(metric) ? metric : typeof metric === 'object' ? metric.points : [[0, metric]];
	const out: RunMetric = { steps: [], values: [], timestamps: [], finalRule: 'highest-step', final: null, direction: null };
	for (const point of points) {
		if (Array.isArray(point)) {
			out.steps.push(point[0]);
			out.values.push(toNumber(point[1]));
			out.timestamps.push(null);
		} else {
			out.steps.push(point.step);
			out.values.push(toNumber(point.value));
			out.timestamps.push(point.timestamp === undefined ? null : Date.parse(point.timestamp));
		}
	}
	if (!Array.isArray(metric) && typeof metric === 'object') out.direction = metric.direction ?? null;
	return out;
}

/** Maps a valid manifest to the common run model. */
export function toManifestRecord(manifest: RunManifest): RunRecord {
	const metrics: Record<string, RunMetric> = {};
	for (const [name, metric] of Object.entries(manifest.metrics ?? {})) metrics[name] = toRunMetric(metric);
	const startedAt = isoOrNull(manifest.startedAt)!;
	const pointTimes = Object.values(metrics).flatMap((m) => m.timestamps.filter((t): t is number => t !== null));
	const activity = [Date.parse(startedAt), ...pointTimes, ...(manifest.heartbeatAt ? [Date.parse(manifest.heartbeatAt)] : [])];
	const git = manifest.git ? { commit: manifest.git.commit ?? null, branch: manifest.git.branch ?? null, repoUrl: manifest.git.repoUrl ?? null } : null;
	const parent = manifest.parent === undefined ? null : manifest.parent.includes(':') ? manifest.parent : `manifest:${manifest.parent}`;
	return {
		id: `manifest:${manifest.id}`,
		source: 'manifest',
		nativeId: manifest.id,
		name: manifest.name ?? null,
		experiment: manifest.experiment ?? null,
		experimentId: null,
		experimentKey: manifest.experiment ? `manifest:${manifest.experiment}` : null,
		status: manifest.status,
		statusRaw: manifest.status,
		startedAt,
		endedAt: isoOrNull(manifest.endedAt),
		lastActivityAt: new Date(Math.max(...activity)).toISOString(),
		user: manifest.user ?? null,
		git,
		params: flattenParams(manifest.params ?? {}),
		metrics,
		tags: manifest.tags ?? {},
		notes: manifest.notes ?? null,
		lessons: [
			...extractLessons(manifest.notes).map((text) => ({ text, origin: 'run-note' as const })),
			...(manifest.lessons ?? []).map((text) => ({ text: text.replace(/^\s*Lesson:\s*/, '').trim(), origin: 'manifest' as const })),
		],
		deleted: false,
		parentId: parent,
		warnings: [],
	};
}

/** A manifest file is a store of one run. */
export const manifestAdapter: StoreAdapter = {
	kind: 'manifest',
	async detect(path, entry, named) {
		return entry.isFile() && (MANIFEST_FILE.test(path) || (named && /\.(json|ya?ml)$/i.test(path)));
	},
	async list(path) {
		const info = await stat(path);
		const unit: RunUnit = { key: `manifest:${path}`, path, fingerprint: createHash('sha1').update(`${info.size}:${info.mtimeMs}`).digest('base64url') };
		return { units: [unit], experimentLessons: [], bad: [], warnings: [] };
	},
	async read(unit) {
		return toManifestRecord(parseManifestText(await readFile(unit.path, 'utf8'), unit.path));
	},
};
