// Expected values for the real stores, worked out without the code under test: a deliberately
// naive reader of MLflow's files (whole-file reads, string splitting) and plain SQL on the
// databases, each applying MLflow's own rules as run-formats.md §2 states them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface ExpectedRun {
	uuid: string;
	statusRaw: string;
	startedAt: string;
	deleted: boolean;
	finals: Record<string, number>;
}

const STATUS_NAMES: Record<string, string> = { '1': 'RUNNING', '2': 'SCHEDULED', '3': 'FINISHED', '4': 'FAILED', '5': 'KILLED' };

export function statusName(raw: string): string {
	return STATUS_NAMES[raw] ?? raw;
}

function pyFloat(text: string): number {
	const t = text.toLowerCase();
	if (t === 'nan') return NaN;
	if (t === 'inf' || t === 'infinity') return Infinity;
	if (t === '-inf' || t === '-infinity') return -Infinity;
	return Number(text);
}

/** MLflow FileStore: the latest metric is max(lines, key=(step, timestamp, value)). */
function latestFromFile(path: string): number {
	let best: [number, number, number] | null = null;
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		const parts = line.trim().split(' ');
		if (parts.length < 2 || parts[0] === '') continue;
		const point: [number, number, number] = [Number(parts[2] ?? 0), Number(parts[0]), pyFloat(parts[1]!)];
		if (best === null) best = point;
		else if (point[0] !== best[0] ? point[0] > best[0] : point[1] !== best[1] ? point[1] > best[1] : point[2] > best[2]) best = point;
	}
	return best![2];
}

function filesUnder(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).map((f) => f.split('\\').join('/'));
}

/** Every run of an MLflow file store, with MLflow's own values. */
export function expectedFsRuns(root: string): ExpectedRun[] {
	const experiments: { dir: string; trash: boolean }[] = [];
	for (const name of readdirSync(root)) {
		if (name === '.trash') for (const t of readdirSync(join(root, name))) experiments.push({ dir: join(root, name, t), trash: true });
		else if (existsSync(join(root, name, 'meta.yaml'))) experiments.push({ dir: join(root, name), trash: false });
	}
	const runs: ExpectedRun[] = [];
	for (const { dir, trash } of experiments) {
		for (const name of readdirSync(dir)) {
			const meta = join(dir, name, 'meta.yaml');
			if (['tags', 'datasets', 'traces', 'models'].includes(name) || !existsSync(meta)) continue;
			const text = readFileSync(meta, 'utf8');
			const field = (key: string) =>
				new RegExp(`^${key}: (.*)$`, 'm')
					.exec(text)?.[1]
					?.trim()
					.replace(/^'(.*)'$/, '$1') ?? null;
			const finals: Record<string, number> = {};
			for (const key of filesUnder(join(dir, name, 'metrics'))) finals[key] = latestFromFile(join(dir, name, 'metrics', key));
			runs.push({
				uuid: name,
				statusRaw: field('status') ?? '1',
				startedAt: new Date(Number(field('start_time'))).toISOString(),
				deleted: trash || field('lifecycle_stage') === 'deleted',
				finals,
			});
		}
	}
	return runs;
}

/** Every run of an MLflow SQLite store: statuses and times from `runs`, finals from `latest_metrics`. */
export function expectedSqlRuns(path: string): ExpectedRun[] {
	const db = new DatabaseSync(path, { readOnly: true });
	try {
		const runs = db.prepare('SELECT run_uuid, status, start_time, lifecycle_stage FROM runs').all() as Record<string, unknown>[];
		const latest = db.prepare('SELECT run_uuid, key, value, is_nan FROM latest_metrics').all() as Record<string, unknown>[];
		return runs.map((r) => {
			const finals: Record<string, number> = {};
			for (const l of latest) if (l['run_uuid'] === r['run_uuid']) finals[String(l['key'])] = l['is_nan'] ? NaN : Number(l['value']);
			return {
				uuid: String(r['run_uuid']),
				statusRaw: String(r['status']),
				startedAt: new Date(Number(r['start_time'])).toISOString(),
				deleted: r['lifecycle_stage'] === 'deleted',
				finals,
			};
		});
	} finally {
		db.close();
	}
}
