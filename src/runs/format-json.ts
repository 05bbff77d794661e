// JSON.stringify writes the NUL of a placeholder as the six characters \u0000
const PLACEHOLDER = /^( *)"series": "\\u0000(\d+)"/gm;

function isPairList(value: unknown): value is [unknown, unknown][] {
	return Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => x === null || typeof x !== 'object'));
}

/**
 * Serialises like `JSON.stringify(value, null, 2)` plus a trailing newline, except that the
 * `[step, value]` pairs of a `series` stay on one line (`[12, 0.25]`): a digest's series would
 * otherwise take four lines a point. Numbers and strings are formatted by JSON.stringify.
 * The series are swapped for placeholders so the bulk of the work stays in native JSON.stringify.
 */
export function formatJson(value: unknown): string {
	const series: [unknown, unknown][][] = [];
	const text = JSON.stringify(
		value,
		function (key, v) {
			if (key === 'series' && isPairList(v)) {
				series.push(v);
				return `\u0000${series.length - 1}`;
			}
			return v;
		},
		2,
	);
	return (
		text.replace(PLACEHOLDER, (_, indent: string, index: string) => {
			const pairs = series[Number(index)]!;
			if (pairs.length === 0) return `${indent}"series": []`;
			const inner = `${indent}  `;
			const lines = pairs.map(([a, b]) => `${inner}[${JSON.stringify(a)}, ${JSON.stringify(b)}]`);
			return `${indent}"series": [\n${lines.join(',\n')}\n${indent}]`;
		}) + '\n'
	);
}
