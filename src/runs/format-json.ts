/**
 * Serialises like `JSON.stringify(value, null, 2)` plus a trailing newline, except that arrays of
 * at most two scalars (the `[step, value]` pairs of a series) stay on one line: a digest's series
 * would otherwise take six lines a point. Numbers and strings are formatted by JSON.stringify.
 */
export function formatJson(value: unknown): string {
	const parts: string[] = [];
	write(value, '', parts);
	parts.push('\n');
	return parts.join('');
}

function isScalar(value: unknown): boolean {
	return value === null || typeof value !== 'object';
}

function write(value: unknown, indent: string, out: string[]): void {
	if (isScalar(value)) {
		out.push(JSON.stringify(value) ?? 'null');
		return;
	}
	const inner = indent + '  ';
	if (Array.isArray(value)) {
		if (value.length === 0) {
			out.push('[]');
			return;
		}
		if (value.length <= 2 && value.every(isScalar)) {
			out.push('[', value.map((v) => JSON.stringify(v) ?? 'null').join(', '), ']');
			return;
		}
		out.push('[\n');
		value.forEach((item, i) => {
			out.push(inner);
			write(item, inner, out);
			out.push(i < value.length - 1 ? ',\n' : '\n');
		});
		out.push(indent, ']');
		return;
	}
	const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
	if (entries.length === 0) {
		out.push('{}');
		return;
	}
	out.push('{\n');
	entries.forEach(([key, item], i) => {
		out.push(inner, JSON.stringify(key), ': ');
		write(item, inner, out);
		out.push(i < entries.length - 1 ? ',\n' : '\n');
	});
	out.push(indent, '}');
}
