/** Where one metric's series sits in a digest's text: from its `[` to just after its `]`. */
export type SeriesSpan = [start: number, end: number];

/** Series spans of a digest, by run id, then metric key. */
export type SeriesIndex = Map<string, Map<string, SeriesSpan>>;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

/** The text was not the digest shape this index expects; the caller parses it as JSON instead. */
class UnexpectedText extends Error {}

/**
 * Finds where every run's metric series sits in a digest's JSON text, without building the rest.
 *
 * A month page charts a few series of a month's runs, while the digest holds one for every metric of
 * every run and is most of a build's input: parsing each month's text whole to reach a few series cost
 * the build of a ten-year archive 0.8 s of parsing and the collection of the 118 MB of objects it made.
 * This walks the text's structure (strings, objects, arrays) and notes, for `runs[i].metrics[key].series`,
 * where the value starts and ends; the caller parses just the slices it needs. Returns null when the text
 * is not an object whose `runs` is a list of objects (not a digest at all): then parse it whole.
 */
export function indexDigestSeries(text: string): SeriesIndex | null {
	const index: SeriesIndex = new Map();
	try {
		let i = expect(text, skipSpace(text, 0), OPEN_BRACE);
		i = skipSpace(text, i);
		if (text.charCodeAt(i) === CLOSE_BRACE) return index;
		for (;;) {
			const [key, afterKey] = readString(text, i);
			i = skipSpace(text, expect(text, skipSpace(text, afterKey), COLON));
			i = key === 'runs' ? indexRuns(text, i, index) : skipValue(text, i);
			i = skipSpace(text, i);
			if (text.charCodeAt(i) === CLOSE_BRACE) return index;
			i = skipSpace(text, expect(text, i, COMMA));
		}
	} catch (error) {
		if (error instanceof UnexpectedText) return null;
		throw error;
	}
}

function indexRuns(text: string, start: number, index: SeriesIndex): number {
	let i = skipSpace(text, expect(text, start, OPEN_BRACKET));
	if (text.charCodeAt(i) === CLOSE_BRACKET) return i + 1;
	for (;;) {
		i = skipSpace(text, indexRun(text, i, index));
		if (text.charCodeAt(i) === CLOSE_BRACKET) return i + 1;
		i = skipSpace(text, expect(text, i, COMMA));
	}
}

/** One run object: its id and its metrics' series spans (the id may come after the metrics). */
function indexRun(text: string, start: number, index: SeriesIndex): number {
	let i = skipSpace(text, expect(text, start, OPEN_BRACE));
	let id: string | undefined;
	let spans = new Map<string, SeriesSpan>();
	if (text.charCodeAt(i) !== CLOSE_BRACE) {
		for (;;) {
			const [key, afterKey] = readString(text, i);
			i = skipSpace(text, expect(text, skipSpace(text, afterKey), COLON));
			if (key === 'id' && text.charCodeAt(i) === QUOTE) [id, i] = readString(text, i);
			else if (key === 'metrics' && text.charCodeAt(i) === OPEN_BRACE) [spans, i] = indexMetrics(text, i);
			else i = skipValue(text, i);
			i = skipSpace(text, i);
			if (text.charCodeAt(i) === CLOSE_BRACE) break;
			i = skipSpace(text, expect(text, i, COMMA));
		}
	}
	// As JSON.parse would leave it: a later run with the same id wins
	if (id !== undefined) index.set(id, spans);
	return i + 1;
}

function indexMetrics(text: string, start: number): [Map<string, SeriesSpan>, number] {
	const spans = new Map<string, SeriesSpan>();
	let i = skipSpace(text, start + 1);
	if (text.charCodeAt(i) === CLOSE_BRACE) return [spans, i + 1];
	for (;;) {
		const [metric, afterKey] = readString(text, i);
		i = skipSpace(text, expect(text, skipSpace(text, afterKey), COLON));
		if (text.charCodeAt(i) === OPEN_BRACE) {
			const [span, end] = findSeries(text, i);
			if (span) spans.set(metric, span);
			else spans.delete(metric);
			i = end;
		} else i = skipValue(text, i);
		i = skipSpace(text, i);
		if (text.charCodeAt(i) === CLOSE_BRACE) return [spans, i + 1];
		i = skipSpace(text, expect(text, i, COMMA));
	}
}

/** One metric summary object: the span of its `series` value, if it has one. */
function findSeries(text: string, start: number): [SeriesSpan | undefined, number] {
	let span: SeriesSpan | undefined;
	let i = skipSpace(text, start + 1);
	if (text.charCodeAt(i) === CLOSE_BRACE) return [span, i + 1];
	for (;;) {
		const [key, afterKey] = readString(text, i);
		i = skipSpace(text, expect(text, skipSpace(text, afterKey), COLON));
		const end = skipValue(text, i);
		span = key === 'series' ? [i, end] : span;
		i = skipSpace(text, end);
		if (text.charCodeAt(i) === CLOSE_BRACE) return [span, i + 1];
		i = skipSpace(text, expect(text, i, COMMA));
	}
}

function expect(text: string, i: number, code: number): number {
	if (text.charCodeAt(i) !== code) throw new UnexpectedText();
	return i + 1;
}

function skipSpace(text: string, i: number): number {
	for (;;) {
		const c = text.charCodeAt(i);
		if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
		i++;
	}
}

/** The end of the string starting at `i` (just after its closing quote). */
function stringEnd(text: string, i: number): number {
	if (text.charCodeAt(i) !== QUOTE) throw new UnexpectedText();
	let at = i;
	for (;;) {
		at = text.indexOf('"', at + 1);
		if (at < 0) throw new UnexpectedText();
		let backslashes = 0;
		while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
		if (backslashes % 2 === 0) return at + 1;
	}
}

/** The string starting at `i`, decoded, and where it ends. */
function readString(text: string, i: number): [string, number] {
	const end = stringEnd(text, i);
	const raw = text.slice(i + 1, end - 1);
	return [raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw, end];
}

/** The end of the value starting at `i`: a string, an object or array (with what they hold), or a number or literal. */
function skipValue(text: string, i: number): number {
	const c = text.charCodeAt(i);
	if (c === QUOTE) return stringEnd(text, i);
	if (c === OPEN_BRACE || c === OPEN_BRACKET) {
		// Nesting is counted over brackets and braces alike; the strings inside are stepped over whole
		let depth = 0;
		for (let at = i; at < text.length; at++) {
			const d = text.charCodeAt(at);
			if (d === QUOTE) at = stringEnd(text, at) - 1;
			else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
			else if ((d === CLOSE_BRACE || d === CLOSE_BRACKET) && --depth === 0) return at + 1;
		}
		throw new UnexpectedText();
	}
	let at = i;
	for (;;) {
		const d = text.charCodeAt(at);
		if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === 32 || d === 10 || d === 13 || d === 9 || Number.isNaN(d)) break;
		at++;
	}
	if (at === i) throw new UnexpectedText();
	return at;
}
