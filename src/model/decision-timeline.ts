import type { Decision } from '../schemas/index.ts';
import { monthOf } from './months.ts';

/** One month of the decision timeline: the month and its records, in the order they were given. */
export interface TimelineMonth<T> {
	month: string;
	decisions: T[];
}

/**
 * Groups records by the month of their date, months in the order their first record comes, so that a
 * list sorted newest first gives a timeline newest first. One pass: a ten-year archive has hundreds of
 * records and over a hundred months.
 */
export function groupDecisionsByMonth<T extends { data: Pick<Decision, 'date'> }>(decisions: readonly T[]): TimelineMonth<T>[] {
	const months = new Map<string, T[]>();
	for (const decision of decisions) {
		const month = monthOf(decision.data.date);
		const list = months.get(month);
		if (list) list.push(decision);
		else months.set(month, [decision]);
	}
	return [...months].map(([month, list]) => ({ month, decisions: list }));
}
