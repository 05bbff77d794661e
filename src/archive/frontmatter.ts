import { isNode, LineCounter, parseDocument } from 'yaml';

/** A path to a value inside parsed data, as zod reports it: `['affects', 'config', 2]`. */
export type DataPath = readonly PropertyKey[];

/** The YAML data of a file (MDX frontmatter or a whole YAML file), with a way back to file lines. */
export interface ParsedYaml {
	data: Record<string, unknown>;
	/** The 1-based file line holding the value at `path`, or the nearest parent that exists. */
	lineOf: (path: DataPath) => number | undefined;
	/** A YAML syntax problem, with the file line it was found on. */
	error?: { line: number; message: string };
}

/** The frontmatter of an MDX file plus its body. */
export interface Frontmatter extends ParsedYaml {
	body: string;
	/** 1-based line of the first body line, so body positions can be reported as file lines. */
	bodyLine: number;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

/** Parses YAML text whose first line is file line `firstLine`, keeping line lookups for error messages. */
export function parseYaml(text: string, firstLine = 1): ParsedYaml {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const toFileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
	const [first] = doc.errors;
	if (first) {
		const line = toFileLine(first.pos[0]);
		return { data: {}, lineOf: () => line, error: { line, message: first.message.split('\n')[0] ?? first.message } };
	}
	const lineOf = (path: DataPath): number | undefined => {
		for (let depth = path.length; depth >= 0; depth--) {
			const node = doc.getIn(path.slice(0, depth) as unknown[], true);
			if (isNode(node) && node.range) return toFileLine(node.range[0]);
		}
		return undefined;
	};
	const data = doc.toJS() as unknown;
	const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
	return { data: isObject ? (data as Record<string, unknown>) : {}, lineOf };
}

/** Splits `---` frontmatter from an MDX file and parses it; a file without frontmatter has empty data. */
export function parseFrontmatter(text: string): Frontmatter {
	const match = FENCE.exec(text);
	if (!match) return { data: {}, lineOf: () => undefined, body: text, bodyLine: 1 };
	const consumed = match[0];
	const bodyLine = consumed.split('\n').length + (consumed.endsWith('\n') ? 0 : 1);
	// The opening fence is file line 1, so the YAML starts on line 2.
	return { ...parseYaml(match[1] ?? '', 2), body: text.slice(consumed.length), bodyLine };
}
