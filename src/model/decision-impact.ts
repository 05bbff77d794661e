import type { Decision } from '../schemas/index.ts';
import { byDate } from './site-model.ts';

/** What a page is about, as identifiers a decision's `affects` can name. */
export interface AffectedScope {
	experiments?: Iterable<string>;
	metrics?: Iterable<string>;
	config?: Iterable<string>;
}

/** The decisions whose `affects` names any experiment, metric key or config key of the scope, by date. */
export function findDecisionsAffecting<T extends { data: Decision }>(decisions: readonly T[], scope: AffectedScope): T[] {
	const experiments = new Set(scope.experiments ?? []);
	const metrics = new Set(scope.metrics ?? []);
	const config = new Set(scope.config ?? []);
	return decisions
		.filter(
			({ data: { affects } }) =>
				affects.experiments.some((id) => experiments.has(id)) ||
				affects.metrics.some((key) => metrics.has(key)) ||
				affects.config.some((key) => config.has(key))
		)
		.sort(byDate);
}

/**
 * Keeps the decisions that were in force on `day`: made before it, neither rejected nor only proposed,
 * and not yet replaced by a successor made before it. A ten-year archive holds hundreds of records that
 * touch a common metric; those already superseded by then no longer explain that day's runs.
 */
export function keepInEffect<T extends { data: Decision }>(decisions: readonly T[], day: string, archive: DecisionIndex): T[] {
	return decisions.filter(({ data }) => {
		if (data.date >= day || data.status === 'rejected' || data.status === 'proposed') return false;
		return !(archive.successors.get(data.id) ?? []).some((id) => {
			const date = archive.decisionById.get(id)?.data.date;
			return date !== undefined && date < day;
		});
	});
}

/** The archive's decisions by id and each one's successors, as the site model holds them. */
export interface DecisionIndex {
	successors: ReadonlyMap<string, readonly string[]>;
	decisionById: ReadonlyMap<string, { data: Decision }>;
}
