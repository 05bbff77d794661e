const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-02` → `February 2026`. */
export function formatMonth(month: string): string {
	const [year, index] = splitMonth(month);
	return `${MONTH_NAMES[index - 1]} ${year}`;
}

/** `2026-02-14` → `14 February 2026`; dates are calendar days, never shifted by a time zone. */
export function formatDay(day: string): string {
	const [year, month, date] = day.split('-').map(Number) as [number, number, number];
	return `${date} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** The month a day or an ISO timestamp falls in, in UTC: `2026-02-14T…Z` → `2026-02`. */
export function monthOf(dayOrTimestamp: string): string {
	return dayOrTimestamp.slice(0, 7);
}

/** The month `offset` months after `month` (negative for before). */
export function addMonths(month: string, offset: number): string {
	const [year, index] = splitMonth(month);
	const total = year * 12 + (index - 1) + offset;
	return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `first` to `last`, both included. */
export function listMonthsBetween(first: string, last: string): string[] {
	const months: string[] = [];
	for (let month = first; month <= last; month = addMonths(month, 1)) months.push(month);
	return months;
}

/** The first and last day of a month, `YYYY-MM-DD`. */
export function monthBounds(month: string): { first: string; last: string } {
	const [year, index] = splitMonth(month);
	const days = new Date(Date.UTC(year, index, 0)).getUTCDate();
	return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

function splitMonth(month: string): [number, number] {
	const [year, index] = month.split('-').map(Number) as [number, number];
	return [year, index];
}

/**
 * A month's headline: `February 2026: <retro title>`, or the retro title alone when its author already
 * named the month in it, or the month alone when there is no retro.
 */
export function formatMonthTitle(month: string, retroTitle: string | undefined): string {
	const name = formatMonth(month);
	if (!retroTitle) return name;
	return retroTitle.includes(name) ? retroTitle : `${name}: ${retroTitle}`;
}
