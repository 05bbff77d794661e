// Sacred writes every time with `datetime.utcnow().isoformat()`: UTC, but with no zone.

const NAIVE_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a Sacred time as epoch milliseconds: a naive ISO time is UTC (Sacred's rule), one with a zone
 * is taken as written. Null for anything else, so `Date.parse` never reads a time as local.
 */
export function parseSacredTime(value: unknown): number | null {
	if (typeof value !== 'string') return null;
	const text = value.trim();
	const ms = NAIVE_ISO.test(text) ? Date.parse(`${text}Z`) : ZONED_ISO.test(text) ? Date.parse(text) : NaN;
	return Number.isNaN(ms) ? null : ms;
}
