// PyTorch Lightning's CSVLogger (run-formats.md §11.3): `version_N/metrics.csv`, one row per logging
// call, sparse (an empty cell means "not logged at this row", never 0), columns in an order that differs
// between Lightning versions (so read by name), and `hparams.yaml` beside it. The logger records no
// times and no status.
import { createHash } from 'node:crypto';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { RunMetric, RunRecord } from '../../schemas/run-record.ts';
import { BadRunError, type RunUnit, type StoreAdapter } from '../adapter.ts';
import { readHparamsYaml } from './lightning-hparams.ts';
import { classifyLoggerFolder, identifyRunFolder, LIGHTNING_VERSION } from './log-folder-identity.ts';
import { isEventFileName } from './tensorboard-run.ts';

const METRICS_FILE = 'metrics.csv';
const HPARAMS_FILE = 'hparams.yaml';

/** A version folder of a CSV logger. */
export interface LightningCsvUnit extends RunUnit {
	storeRoot: string;
}

/** Python's `str(float)` and a few spellings of it; null for text that is not a number. */
function parsePythonNumber(text: string): number | null {
	const t = text.trim().toLowerCase();
	if (t === 'nan') return NaN;
	if (t === 'inf' || t === 'infinity') return Infinity;
	if (t === '-inf' || t === '-infinity') return -Infinity;
	if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) return null;
	return Number(t);
}

/** Reads `metrics.csv` into its metrics, by column name; `step` is each row's step, `epoch` a metric like the others. */
export function parseMetricsCsv(text: string, path: string): { metrics: Record<string, RunMetric>; warnings: string[] } {
	const warnings: string[] = [];
	let body = text;
	if (body.length > 0 && !body.endsWith('\n')) {
		// A row cut off mid-write: its last cell may be a partial number
		const cut = body.lastIndexOf('\n');
		warnings.push(`${path}: the last line has no line end (still being written, or cut off); it is not read`);
		body = cut < 0 ? '' : body.slice(0, cut + 1);
	}
	if (body.trim() === '') return { metrics: {}, warnings: [...warnings, `${path}: no rows yet`] };
	let rows: Record<string, string>[];
	try {
		rows = parse(body, {
			columns: true,
			relax_column_count: true,
			skip_empty_lines: true,
			skip_records_with_error: true,
			on_skip: (error) => {
				if (error) warnings.push(`${path}: line ${error.lines ?? '?'}: ${error.message}; skipped`);
				return undefined;
			},
		});
	} catch (error) {
		throw new BadRunError(`${path}: not a CSV table with a header row (${(error as Error).message.split('\n')[0]})`);
	}
	const metrics: Record<string, RunMetric> = {};
	rows.forEach((row, index) => {
		const line = index + 2;
		const stepText = row['step'];
		const parsedStep = stepText === undefined || stepText === '' ? null : parsePythonNumber(stepText);
		if (stepText !== undefined && stepText !== '' && parsedStep === null)
			warnings.push(`${path}: line ${line}: step "${stepText}" is not a number; the row's position is used`);
		const step = parsedStep ?? index;
		for (const [column, cell] of Object.entries(row)) {
			if (column === 'step' || cell === undefined || cell === '') continue;
			const value = parsePythonNumber(cell);
			if (value === null) {
				warnings.push(`${path}: line ${line}, column "${column}": expected a number, found ${JSON.stringify(cell.slice(0, 40))}; skipped`);
				continue;
			}
			metrics[column] ??= { steps: [], values: [], timestamps: [], finalRule: 'highest-step', final: null, direction: null };
			const metric = metrics[column];
			metric.steps.push(step);
			metric.values.push(value);
			metric.timestamps.push(null);
		}
	});
	return { metrics, warnings };
}

async function exists(path: string): Promise<boolean> {
	return access(path).then(
		() => true,
		() => false
	);
}

/** Whether a folder is a CSV logger's version folder: `metrics.csv`, no event files, and `hparams.yaml` or a `version_*` name. */
async function isCsvRunFolder(path: string, names: readonly string[]): Promise<boolean> {
	if (!names.includes(METRICS_FILE) || names.some(isEventFileName)) return false;
	return names.includes(HPARAMS_FILE) || LIGHTNING_VERSION.test(path.split(/[\\/]/).pop() ?? '');
}

/** A Lightning CSV logger folder (or one of its version folders): one run per version folder. */
export const lightningCsvAdapter: StoreAdapter<LightningCsvUnit> = {
	kind: 'lightning-csv',
	async detect(path, entry) {
		if (!entry.isDirectory()) return false;
		const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
		if (
			await isCsvRunFolder(
				path,
				entries.filter((e) => e.isFile()).map((e) => e.name)
			)
		)
			return true;
		return entries.some((e) => e.isDirectory() && LIGHTNING_VERSION.test(e.name)) && (await classifyLoggerFolder(path, isEventFileName)) === 'csv';
	},
	async list(path) {
		const fileNames = async (dir: string) => (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).map((e) => e.name);
		const dirs = (await isCsvRunFolder(path, await fileNames(path))) ? [path] : [];
		if (dirs.length === 0) {
			for (const name of (await readdir(path)).sort()) {
				const dir = join(path, name);
				if (LIGHTNING_VERSION.test(name) && (await isCsvRunFolder(dir, await fileNames(dir)))) dirs.push(dir);
			}
		}
		const units: LightningCsvUnit[] = [];
		for (const dir of dirs) {
			const hash = createHash('sha1');
			for (const file of [METRICS_FILE, HPARAMS_FILE]) {
				const info = await stat(join(dir, file)).catch(() => null);
				hash.update(`${file}:${info ? `${info.size}:${info.mtimeMs}` : '-'}\n`);
			}
			units.push({ key: `lightning-csv:${dir}`, path: dir, fingerprint: hash.digest('base64url'), storeRoot: path });
		}
		return { units, experimentLessons: [], bad: [], warnings: [] };
	},
	async read(unit) {
		const csvPath = join(unit.path, METRICS_FILE);
		const hparamsPath = join(unit.path, HPARAMS_FILE);
		const csvInfo = await stat(csvPath);
		const text = await readFile(csvPath, 'utf8');
		if (text.includes('\u0000')) throw new BadRunError(`${csvPath}: binary data, expected CSV text`);
		const { metrics, warnings } = parseMetricsCsv(text, csvPath);
		let params: RunRecord['params'] = {};
		let startMs = csvInfo.mtimeMs;
		if (await exists(hparamsPath)) {
			const file = await readHparamsYaml(hparamsPath);
			params = file.params;
			warnings.push(...file.warnings);
			startMs = Math.min(startMs, (await stat(hparamsPath)).mtimeMs);
		}
		warnings.push(`${unit.path}: Lightning's CSV logger records no times or status; the times are the files' modification times`);
		const identity = identifyRunFolder(unit.storeRoot, unit.path);
		return {
			id: `lightning-csv:${identity.nativeId}`,
			source: 'lightning-csv',
			nativeId: identity.nativeId,
			name: identity.name,
			experiment: identity.experiment,
			experimentId: null,
			experimentKey: `lightning-csv:${identity.experiment}`,
			status: 'unknown',
			statusRaw: null,
			startedAt: new Date(startMs).toISOString(),
			endedAt: null,
			lastActivityAt: new Date(csvInfo.mtimeMs).toISOString(),
			user: null,
			git: null,
			params,
			metrics,
			tags: {},
			notes: null,
			lessons: [],
			deleted: false,
			parentId: null,
			warnings,
		};
	},
};
