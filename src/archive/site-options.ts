import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type SiteOptions, siteOptionsSchema } from '../schemas/index.ts';
import { displayPath } from './display-path.ts';
import { parseYaml } from './frontmatter.ts';
import { formatDataPath, type Issue } from './issues.ts';

/** The name of the options file at the top of the archive folder. */
export const SITE_OPTIONS_FILE = 'hindsight.yaml';

/** Reads the archive's `hindsight.yaml`; a missing file means every default. Problems are returned, not thrown. */
export async function readSiteOptions(contentDir: string, cwd = process.cwd()): Promise<{ options: SiteOptions; issues: Issue[] }> {
	const path = join(contentDir, SITE_OPTIONS_FILE);
	const file = displayPath(cwd, path);
	const text = await readFile(path, 'utf8').catch(() => undefined);
	const defaults = siteOptionsSchema.parse({});
	if (text === undefined) return { options: defaults, issues: [] };
	const parsed = parseYaml(text);
	if (parsed.error) return { options: defaults, issues: [{ file, line: parsed.error.line, message: `YAML: ${parsed.error.message}` }] };
	const result = siteOptionsSchema.safeParse(parsed.data);
	if (result.success) return { options: result.data, issues: [] };
	const issues = result.error.issues.map((issue) => ({
		file,
		line: parsed.lineOf(issue.path),
		field: formatDataPath(issue.path),
		message: issue.message,
	}));
	return { options: defaults, issues };
}
