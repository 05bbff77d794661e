// MLflow writes every meta.yaml with PyYAML's `safe_dump` of a flat mapping: one `key: value` line per
// field, sorted. Parsing 5,000 of them through the general YAML parser cost more CPU than reading the
// runs' 50,000 metric files' worth of values; this reads that plain shape and nothing else.

const KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
const INTEGER = /^-?[0-9]+$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
// No space, quote, `#`, `,`, bracket or brace, no leading sign or dot: YAML 1.2 reads it as the text
// itself unless it is a number (run ids are hex and often start with a digit)
const PLAIN_TEXT = /^[A-Za-z0-9][A-Za-z0-9_./:@+-]*$/;
// The YAML 1.2 core schema's numbers, besides INTEGER
const NUMBER = /^([0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)$/;
// Plain words the YAML core schema does not read as text
const RESERVED = /^(null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/**
 * Parses a flat mapping of plain scalars the way `yaml.parse(text, { intAsBigInt: true })` does, or
 * returns null for anything else (nesting, lists, double quotes, comments, CRLF, a repeated key,
 * trailing spaces, text that YAML might read as a number or a boolean…): then the caller uses the
 * YAML parser, so the result never depends on which path read the file.
 */
export function parseFlatYaml(text: string): Record<string, unknown> | null {
	if (!text.endsWith('\n') || text.includes('\r') || text.includes('\u0000')) return null;
	const out: Record<string, unknown> = {};
	let start = 0;
	let keys = 0;
	while (start < text.length) {
		const end = text.indexOf('\n', start);
		const line = text.slice(start, end);
		start = end + 1;
		const match = KEY.exec(line);
		if (!match) return null;
		const key = match[1]!;
		if (key === '__proto__' || RESERVED.test(key) || Object.hasOwn(out, key)) return null;
		const value = readScalar(match[2]);
		if (value === undefined) return null;
		out[key] = value;
		keys++;
	}
	return keys > 0 ? out : null;
}

/** One value as YAML reads it, or undefined when it is not one of the plain forms handled here. */
function readScalar(raw: string | undefined): unknown {
	if (raw === undefined || raw === 'null') return null;
	if (INTEGER.test(raw)) return BigInt(raw);
	if (raw === '[]') return [];
	const quoted = SINGLE_QUOTED.exec(raw);
	if (quoted) return quoted[1]!.replaceAll("''", "'");
	if (PLAIN_TEXT.test(raw) && !NUMBER.test(raw) && !RESERVED.test(raw) && !raw.endsWith(':')) return raw;
	return undefined;
}
