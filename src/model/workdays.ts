import { monthBounds } from './months.ts';

/** The month's working days: Monday to Friday, less the given holidays (`YYYY-MM-DD`). */
export function listWorkdays(month: string, holidays: readonly string[] = []): string[] {
	const { first, last } = monthBounds(month);
	const skip = new Set(holidays);
	const days: string[] = [];
	for (let day = new Date(`${first}T00:00:00Z`); day.toISOString().slice(0, 10) <= last; day.setUTCDate(day.getUTCDate() + 1)) {
		const iso = day.toISOString().slice(0, 10);
		const weekday = day.getUTCDay();
		if (weekday !== 0 && weekday !== 6 && !skip.has(iso)) days.push(iso);
	}
	return days;
}
