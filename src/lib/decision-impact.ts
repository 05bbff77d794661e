import type { Decision } from '../schemas/index.ts';

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
		.filter(({ data: { affects } }) =>
			affects.experiments.some((id) => experiments.has(id)) || affects.metrics.some((key) => metrics.has(key)) || affects.config.some((key) => config.has(key))
		)
		.sort((a, b) => a.data.date.localeCompare(b.data.date) || a.data.id.localeCompare(b.data.id));
}

/**
 * Keeps the decisions that were in force on `day`: made before it, neither rejected nor only proposed,
 * and not yet replaced by a successor made before it. A ten-year archive holds hundreds of records that
 * touch a common metric; those already superseded by then no longer explain that day's runs.
 */
export function keepInEffect<T extends { data: Decision }>(decisions: readonly T[], day: string, successors: ReadonlyMap<string, readonly string[]>, dateOf: (id: string) => string | undefined): T[] {
	return decisions.filter(({ data }) => {
		if (data.date >= day || data.status === 'rejected' || data.status === 'proposed') return false;
		return !(successors.get(data.id) ?? []).some((id) => {
			const date = dateOf(id);
			return date !== undefined && date < day;
		});
	});
}
