import type { RunStatus } from '../schemas/digest.ts';

/** When a RUNNING run counts as crashed: "now" and how long a run may stay silent, in ms. */
export interface StaleRule {
	nowMs: number;
	staleAfterMs: number;
}

/** A run's status once the stale rule is applied, with the warning it earns and when it goes stale otherwise. */
export interface SettledStatus {
	status: RunStatus;
	warning: string | null;
	/** Epoch ms at which a run still `running` will count as crashed; null when that cannot happen. */
	staleAt: number | null;
}

/**
 * A run still RUNNING whose newest sign of life is older than the rule allows is reported as crashed:
 * tools write no end for a killed process, so "running" forever would hide it (run-formats.md §1).
 */
export function settleStatus(status: RunStatus, lastActivityAt: string | null, rule: StaleRule): SettledStatus {
	if (status !== 'running' || lastActivityAt === null) return { status, warning: null, staleAt: null };
	const lastMs = Date.parse(lastActivityAt);
	const staleAt = lastMs + rule.staleAfterMs;
	if (rule.nowMs < staleAt) return { status, warning: null, staleAt };
	return {
		status: 'crashed',
		warning: `status is RUNNING but nothing was logged after ${lastActivityAt}, more than ${rule.staleAfterMs / 3_600_000} h before this ingest; reported as crashed`,
		staleAt: null,
	};
}
