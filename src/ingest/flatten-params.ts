import type { RunRecord } from '../schemas/run-record.ts';

type Param = RunRecord['params'][string];

/** A leaf of a parsed config as a parameter value: lists and other structures as their JSON text. */
function toParamValue(value: unknown): Param {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
	// JSON has no NaN or infinity, and the digest keeps params as JSON: keep them as text
	if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
	return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

/**
 * Flattens a nested config mapping into `a.b.c` keys, as DVC and Sacred users name their settings.
 * Lists are kept whole, as JSON text (`[2, 2]`): a list is one setting, not one per index.
 * `unwrap` may replace a node before it is flattened (Sacred's `py/tuple` wrappers).
 */
export function flattenParams(
	config: Record<string, unknown>,
	unwrap: (value: unknown) => unknown = (v) => v,
	prefix = '',
	out: RunRecord['params'] = {}
): RunRecord['params'] {
	for (const [key, raw] of Object.entries(config)) {
		const name = prefix ? `${prefix}.${key}` : key;
		const value = unwrap(raw);
		if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0)
			flattenParams(value as Record<string, unknown>, unwrap, name, out);
		else out[name] = toParamValue(value);
	}
	return out;
}
