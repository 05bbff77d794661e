import type { MetricSummaryInput, RunInput, RunSource, RunStatus } from '../schemas/digest.ts';
import { extractLessons } from './lessons.ts';
import type { RunDraft } from './types.ts';

/** MLflow's `RunStatus` enum (service.proto), by number and by name. */
const STATUS_BY_NUMBER: Record<number, RunStatus> = { 1: 'running', 2: 'scheduled', 3: 'finished', 4: 'failed', 5: 'killed' };
const STATUS_BY_NAME: Record<string, RunStatus> = {
	RUNNING: 'running',
	SCHEDULED: 'scheduled',
	FINISHED: 'finished',
	FAILED: 'failed',
	KILLED: 'killed',
};

/** The tags MLflow keeps for itself that have their own field in the digest. */
const TAG = {
	user: 'mlflow.user',
	runName: 'mlflow.runName',
	parent: 'mlflow.parentRunId',
	commit: 'mlflow.source.git.commit',
	branch: 'mlflow.source.git.branch',
	repoUrl: 'mlflow.source.git.repoURL',
	note: 'mlflow.note.content',
	legacyBranch: 'mlflow.gitBranchName',
	legacyRepoUrl: 'mlflow.gitRepoURL',
} as const;

/** Maps MLflow's status (int in the file store, text in SQL) to the common enum; null → unknown. */
export function mapMlflowStatus(raw: unknown): RunStatus | null {
	if (typeof raw === 'bigint') raw = Number(raw);
	if (typeof raw === 'number') return STATUS_BY_NUMBER[raw] ?? null;
	if (typeof raw === 'string') return STATUS_BY_NAME[raw.trim().toUpperCase()] ?? STATUS_BY_NUMBER[Number(raw)] ?? null;
	return null;
}

/** Epoch ms → ISO 8601 UTC. Values below 1e11 are taken as seconds (some third-party writers). */
export function toIsoUtc(ms: number | null, warnings: string[], field: string): { iso: string | null; ms: number | null } {
	if (ms === null) return { iso: null, ms: null };
	let value = ms;
	if (Math.abs(value) < 1e11 && value !== 0) {
		warnings.push(`${field} ${ms} looks like seconds, not milliseconds; read as seconds`);
		value *= 1000;
	}
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) {
		warnings.push(`${field} ${ms} is not a valid time; ignored`);
		return { iso: null, ms: null };
	}
	return { iso: date.toISOString(), ms: value };
}

/** Everything the two MLflow stores share once their rows or files are read. */
export interface MlflowRunFacts {
	source: Extract<RunSource, 'mlflow-fs' | 'mlflow-sqlite'>;
	runUuid: string;
	experimentId: string;
	experimentName: string | null;
	experimentKey: string;
	runName: string | null;
	legacyName: string | null;
	statusRaw: unknown;
	startMs: number | null;
	endMs: number | null;
	userId: string | null;
	lifecycleStage: string | null;
	inTrash: boolean;
	params: Record<string, string>;
	tags: Record<string, string>;
	metrics: Record<string, MetricSummaryInput>;
	lastMetricTsMs: number | null;
	warnings: string[];
}

function nonEmpty(value: string | null | undefined): string | null {
	return value === undefined || value === null || value === '' ? null : value;
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
	const out: Record<string, T> = {};
	for (const key of Object.keys(record).sort()) out[key] = record[key]!;
	return out;
}

/** Turns the facts read from either MLflow store into a run draft in the common model. */
export function buildMlflowDraft(facts: MlflowRunFacts): RunDraft {
	const warnings = [...facts.warnings];
	let status = facts.statusRaw === undefined || facts.statusRaw === null ? 'running' : mapMlflowStatus(facts.statusRaw);
	if (status === null) {
		warnings.push(`status ${String(facts.statusRaw)} is not one of MLflow's statuses; reported as unknown`);
		status = 'unknown';
	}
	const start = toIsoUtc(facts.startMs, warnings, 'start_time');
	const end = toIsoUtc(facts.endMs, warnings, 'end_time');
	const tags = facts.tags;
	const userTags: Record<string, string> = {};
	for (const [key, value] of Object.entries(tags)) if (!key.startsWith('mlflow.')) userTags[key] = value;
	const commit = nonEmpty(tags[TAG.commit]);
	const branch = nonEmpty(tags[TAG.branch] ?? tags[TAG.legacyBranch]);
	const repoUrl = nonEmpty(tags[TAG.repoUrl] ?? tags[TAG.legacyRepoUrl]);
	const notes = nonEmpty(tags[TAG.note]);
	const parent = nonEmpty(tags[TAG.parent]);
	const run: RunInput = {
		id: `mlflow:${facts.runUuid}`,
		source: facts.source,
		nativeId: facts.runUuid,
		name: nonEmpty(facts.runName) ?? nonEmpty(tags[TAG.runName]) ?? nonEmpty(facts.legacyName),
		experiment: facts.experimentName,
		experimentId: facts.experimentId,
		status,
		statusRaw: facts.statusRaw === undefined || facts.statusRaw === null ? null : String(facts.statusRaw),
		startedAt: start.iso,
		endedAt: end.iso,
		durationMs: start.ms !== null && end.ms !== null ? end.ms - start.ms : null,
		user: nonEmpty(tags[TAG.user]) ?? nonEmpty(facts.userId),
		git: commit || branch || repoUrl ? { commit, branch, repoUrl } : null,
		params: sortedRecord(facts.params),
		metrics: sortedRecord(facts.metrics),
		tags: sortedRecord(userTags),
		notes,
		deleted: facts.inTrash || facts.lifecycleStage === 'deleted',
		parentId: parent ? `mlflow:${parent}` : null,
		warnings,
	};
	const activity = [start.ms, facts.lastMetricTsMs].filter((v): v is number => v !== null);
	return {
		run,
		lastActivityMs: activity.length ? Math.max(...activity) : null,
		lessons: extractLessons(notes).map((text) => ({ text, origin: 'run-note' as const })),
		experimentKey: facts.experimentKey,
	};
}
