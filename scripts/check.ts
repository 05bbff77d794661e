// Validates the whole archive (schemas, references, decision lifecycle) and prints every problem.
import { parseArgs } from 'node:util';
import { resolveContentDir } from '../src/archive/content-dir.ts';
import { formatIssues } from '../src/archive/issues.ts';
import { listTodos } from '../src/archive/list-todos.ts';
import { validateArchive } from '../src/archive/validate-archive.ts';
import { countNoun } from '../src/model/count-noun.ts';

const { values } = parseArgs({
	options: { content: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
	console.info('Usage: npm run check [-- --content <dir>]\nChecks the archive in <dir> (default: $HINDSIGHT_CONTENT or content/).');
	process.exit(0);
}
const env = values.content ? { ...process.env, HINDSIGHT_CONTENT: values.content } : process.env;
const contentDir = resolveContentDir(process.cwd(), env);
const { archive, issues } = await validateArchive(contentDir);
const todos = listTodos(archive);
if (todos.length > 0) console.info(`To do (${todos.length}, not errors):\n${formatIssues(todos)}\n`);
// A file in runs/ is a month's digest of many runs: counting it as one run would mislead.
const NOUNS: Record<keyof typeof archive, [string, string]> = {
	people: ['person', 'people'],
	decisions: ['decision', 'decisions'],
	experiments: ['experiment', 'experiments'],
	retros: ['retro', 'retros'],
	runs: ['run digest', 'run digests'],
};
const counts = (Object.keys(NOUNS) as (keyof typeof archive)[]).map((name) => countNoun(archive[name].length, ...NOUNS[name])).join(', ');
if (issues.length > 0) {
	console.error(formatIssues(issues));
	console.error(`\n${issues.length} problem${issues.length === 1 ? '' : 's'} in ${contentDir} (valid: ${counts}).`);
	process.exitCode = 1;
} else {
	console.info(`The archive in ${contentDir} is valid: ${counts}.`);
}
