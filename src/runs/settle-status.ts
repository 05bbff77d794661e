import type { RunDraft } from './types.ts';

/** When a RUNNING run counts as crashed: "now" and how long a run may stay silent, in ms. */
export interface StaleRule {
	nowMs: number;
	staleAfterMs: number;
}

/**
 * Decides whether a run still RUNNING has gone stale (then marks it crashed, with a warning) and
 * returns when it will if not yet (epoch ms), or null. Run again on a run it settled, it changes
 * nothing, so a worker that settles a run before writing its text agrees with the main thread.
 */
export function settleStatus(draft: RunDraft, rule: StaleRule): number | null {
	const { run } = draft;
	if (run.status !== 'running' || draft.lastActivityMs === null) return null;
	const staleAt = draft.lastActivityMs + rule.staleAfterMs;
	if (rule.nowMs < staleAt) return staleAt;
	run.status = 'crashed';
	run.warnings = [
		...run.warnings,
		`status is RUNNING but nothing was logged after ${new Date(draft.lastActivityMs).toISOString()}, more than ${rule.staleAfterMs / 3_600_000} h before this ingest; reported as crashed`,
	];
	return null;
}
