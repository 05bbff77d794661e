/** Thrown when a JSON text cannot be parsed; the message names line and column. */
export class JsonSyntaxError extends Error {}

// Bare NaN/Infinity tokens outside strings, as Python's json module writes them
const STRING_OR_TOKEN = /"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)/g;

function lineAndColumn(text: string, offset: number): string {
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	const column = offset - before.lastIndexOf('\n');
	return `line ${line}, column ${column}`;
}

/**
 * Parses JSON, also accepting Python's bare `NaN`, `Infinity` and `-Infinity` (read as the
 * strings `"NaN"`, `"Infinity"`, `"-Infinity"`, which the manifest schema accepts).
 */
export function parseTolerantJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (first) {
		const patched = text.replace(STRING_OR_TOKEN, (match, token: string | undefined) => (token ? `"${token}"` : match));
		if (patched !== text) {
			try {
				return JSON.parse(patched);
			} catch {
				// report the error of the original text, which is what the user wrote
			}
		}
		const message = (first as Error).message;
		const position = /position (\d+)/.exec(message);
		const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
		const truncated = /end of JSON input|Unterminated string/i.test(message) ? ' (the file looks truncated)' : '';
		throw new JsonSyntaxError(`malformed JSON${where}${truncated}: ${message}`);
	}
}
