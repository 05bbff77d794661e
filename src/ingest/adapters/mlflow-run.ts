// What MLflow's two stores (the file store and the SQL store) share once their files or rows are
// read: the status enum, the bookkeeping tags and how they map to the common run model.
import type { RunSource, RunStatus } from '../../schemas/digest.ts';
import type { RunMetric, RunRecord } from '../../schemas/run-record.ts';
import { extractLessons } from '../lessons.ts';

/** MLflow's `RunStatus` enum (service.proto), by number and by name. */
const STATUS_BY_NUMBER: Record<number, RunStatus> = { 1: 'running', 2: 'scheduled', 3: 'finished', 4: 'failed', 5: 'killed' };
const STATUS_BY_NAME: Record<string, RunStatus> = { RUNNING: 'running', SCHEDULED: 'scheduled', FINISHED: 'finished', FAILED: 'failed', KILLED: 'killed' };

/** The tags MLflow keeps for itself that have a field of their own in the run model. */
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

/** The tag that holds a run's or an experiment's note, where `Lesson:` lines are found. */
export const NOTE_TAG = TAG.note;

/** Maps MLflow's status (int in the file store, text in SQL) to the common enum; null when it is neither. */
export function mapMlflowStatus(raw: unknown): RunStatus | null {
	if (typeof raw === 'bigint') raw = Number(raw);
	if (typeof raw === 'number') return STATUS_BY_NUMBER[raw] ?? null;
	if (typeof raw === 'string') return STATUS_BY_NAME[raw.trim().toUpperCase()] ?? STATUS_BY_NUMBER[Number(raw)] ?? null;
	return null;
}

/** Epoch ms → ISO 8601 UTC. Values below 1e11 are taken as seconds (some third-party writers). */
export function toIsoUtc(ms: number | null, warnings: string[], field: string): string | null {
	if (ms === null) return null;
	let value = ms;
	if (Math.abs(value) < 1e11 && value !== 0) {
		warnings.push(`${field} ${ms} looks like seconds, not milliseconds; read as seconds`);
		value *= 1000;
	}
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) {
		warnings.push(`${field} ${ms} is not a valid time; ignored`);
		return null;
	}
	return date.toISOString();
}

/** Everything the two MLflow stores give for one run once their files or rows are read. */
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
	metrics: Record<string, RunMetric>;
	warnings: string[];
}

function nonEmpty(value: string | null | undefined): string | null {
	return value === undefined || value === null || value === '' ? null : value;
}

/** The newest logged time of any metric point, epoch ms, or null. */
function newestPointMs(metrics: Record<string, RunMetric>): number | null {
	let newest: number | null = null;
	for (const metric of Object.values(metrics)) {
		for (const ts of metric.timestamps) if (ts !== null && (newest === null || ts > newest)) newest = ts;
	}
	return newest;
}

/**
 * Maps one MLflow run to the common run model (run-formats.md §2.12). MLflow has no heartbeat, so
 * the newest logged time (start or a metric point) is the run's last sign of life; logged times, not
 * file mtimes, since copying a store resets mtimes.
 */
export function toMlflowRecord(facts: MlflowRunFacts): RunRecord {
	const warnings = [...facts.warnings];
	let status = facts.statusRaw === undefined || facts.statusRaw === null ? 'running' : mapMlflowStatus(facts.statusRaw);
	if (status === null) {
		warnings.push(`status ${String(facts.statusRaw)} is not one of MLflow's statuses; reported as unknown`);
		status = 'unknown';
	}
	const startedAt = toIsoUtc(facts.startMs, warnings, 'start_time');
	const endedAt = toIsoUtc(facts.endMs, warnings, 'end_time');
	const { tags } = facts;
	const userTags: Record<string, string> = {};
	for (const [key, value] of Object.entries(tags)) if (!key.startsWith('mlflow.')) userTags[key] = value;
	const commit = nonEmpty(tags[TAG.commit]);
	const branch = nonEmpty(tags[TAG.branch] ?? tags[TAG.legacyBranch]);
	const repoUrl = nonEmpty(tags[TAG.repoUrl] ?? tags[TAG.legacyRepoUrl]);
	const notes = nonEmpty(tags[TAG.note]);
	const parent = nonEmpty(tags[TAG.parent]);
	const activity = [startedAt === null ? null : Date.parse(startedAt), newestPointMs(facts.metrics)].filter((v): v is number => v !== null);
	return {
		id: `mlflow:${facts.runUuid}`,
		source: facts.source,
		nativeId: facts.runUuid,
		name: nonEmpty(facts.runName) ?? nonEmpty(tags[TAG.runName]) ?? nonEmpty(facts.legacyName),
		experiment: facts.experimentName,
		experimentId: facts.experimentId,
		experimentKey: facts.experimentKey,
		status,
		statusRaw: facts.statusRaw === undefined || facts.statusRaw === null ? null : String(facts.statusRaw),
		startedAt,
		endedAt,
		lastActivityAt: activity.length ? new Date(Math.max(...activity)).toISOString() : null,
		user: nonEmpty(tags[TAG.user]) ?? nonEmpty(facts.userId),
		git: commit || branch || repoUrl ? { commit, branch, repoUrl } : null,
		params: facts.params,
		metrics: facts.metrics,
		tags: userTags,
		notes,
		lessons: extractLessons(notes).map((text) => ({ text, origin: 'run-note' as const })),
		deleted: facts.inTrash || facts.lifecycleStage === 'deleted',
		parentId: parent ? `mlflow:${parent}` : null,
		warnings,
	};
}
