import { expect, test } from 'vitest';
import { addMonths, formatDay, formatMonth, listMonthsBetween, monthBounds, monthOf } from '../../src/model/months.ts';

test('formats months and days for readers', () => {
	expect(formatMonth('2026-02')).toBe('February 2026');
	expect(formatDay('2026-02-04')).toBe('4 February 2026');
});

test('adds months across year boundaries in both directions', () => {
	expect(addMonths('2025-12', 1)).toBe('2026-01');
	expect(addMonths('2026-01', -1)).toBe('2025-12');
	expect(addMonths('2026-11', -11)).toBe('2025-12');
});

test('lists the months between two months, both included', () => {
	expect(listMonthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
	expect(listMonthsBetween('2026-03', '2026-02')).toEqual([]);
});

test('knows month lengths, leap years included', () => {
	expect(monthBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
	expect(monthBounds('2026-02').last).toBe('2026-02-28');
	expect(monthBounds('2026-12').last).toBe('2026-12-31');
});

test('takes the month of a day or a UTC timestamp', () => {
	expect(monthOf('2026-02-28T23:59:59.000Z')).toBe('2026-02');
	expect(monthOf('2026-03-01')).toBe('2026-03');
});

test('a month headline names the month once', async () => {
	const { formatMonthTitle } = await import('../../src/model/months.ts');
	expect(formatMonthTitle('2026-02', 'a review and a leak')).toBe('February 2026: a review and a leak');
	expect(formatMonthTitle('2026-02', 'February 2026: a review and a leak')).toBe('February 2026: a review and a leak');
	expect(formatMonthTitle('2026-02', undefined)).toBe('February 2026');
});
