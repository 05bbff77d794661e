// Writes a new retro, decision or experiment, pre-filled, for its author to edit. Never overwrites.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveContentDir } from '../src/archive/content-dir.ts';
import { createFileExclusively } from '../src/archive/create-file.ts';
import { draftRetro } from '../src/archive/draft-retro.ts';
import { draftDecision, draftExperiment, nextDecisionId, slugify } from '../src/archive/drafts.ts';
import { formatIssues } from '../src/archive/issues.ts';
import { validateArchive } from '../src/archive/validate-archive.ts';
import { decisionIdSchema, monthSchema } from '../src/schemas/index.ts';

const USAGE = `Usage:
  npm run new -- retro YYYY-MM [--by <person>]…
  npm run new -- decision "Title" [--supersedes DR-0003]… [--by <person>]… [--id DR-0042] [--date YYYY-MM-DD]
  npm run new -- experiment "Title" [--by <person>]… [--date YYYY-MM-DD]
Options: --content <dir> (default: $HINDSIGHT_CONTENT or content/). --by defaults to the person whose
name or alias matches \`git config user.name\`.`;

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		supersedes: { type: 'string', multiple: true, default: [] },
		by: { type: 'string', multiple: true, default: [] },
		id: { type: 'string' },
		date: { type: 'string' },
		content: { type: 'string', short: 'c' },
		help: { type: 'boolean', short: 'h' },
	},
});

const fail = (message: string, showUsage = false): never => {
	console.error(showUsage ? `${message}\n\n${USAGE}` : message);
	process.exit(1);
};

const [kind, argument] = positionals;
if (values.help) {
	console.info(USAGE);
	process.exit(0);
}
if (!kind) fail('Say what to create: retro, decision or experiment.', true);
if (!argument) fail(`Give the ${kind === 'retro' ? 'month' : 'title'} of the new ${kind}.`, true);

const env = values.content ? { ...process.env, HINDSIGHT_CONTENT: values.content } : process.env;
const contentDir = resolveContentDir(process.cwd(), env);
if (!existsSync(contentDir))
	fail(
		`No archive folder at ${relative(process.cwd(), contentDir) || '.'}; set HINDSIGHT_CONTENT or --content to the folder holding people/, decisions/, experiments/ and retros/.`
	);
const { archive, issues } = await validateArchive(contentDir);
if (issues.length > 0) console.warn(`Note: the archive has ${issues.length} problem(s); run npm run check.\n${formatIssues(issues)}\n`);

const people = new Set(archive.people.map(({ id }) => id));
const unknown = values.by.filter((id) => !people.has(id));
if (unknown.length > 0) fail(`Unknown person ${unknown.join(', ')}; expected one of ${[...people].sort().join(', ')}.`);
const today = values.date ?? new Date().toISOString().slice(0, 10);

/** The people to credit: --by, else the person git says is at the keyboard. */
function creditedPeople(): string[] {
	if (values.by.length > 0) return values.by;
	let gitName = '';
	try {
		gitName = execFileSync('git', ['config', 'user.name'], { encoding: 'utf8' }).trim().toLowerCase();
	} catch {
		// No git identity: the caller asks for --by.
	}
	const match = archive.people.find(({ id, data }) => gitName !== '' && [id, data.name, ...data.aliases].some((name) => name.toLowerCase() === gitName));
	return match ? [match.id] : fail(`Say who is writing it with --by <person> (one of ${[...people].sort().join(', ')}).`);
}

async function create(path: string, text: string, what: string) {
	const shown = relative(process.cwd(), path);
	if (!(await createFileExclusively(path, text))) fail(`${shown} already exists; it was left untouched. Edit it instead.`);
	console.info(`Wrote ${shown}: ${what}`);
}

if (kind === 'retro') {
	const month = monthSchema.safeParse(argument);
	if (!month.success) fail(`"${argument}" is not a month; expected YYYY-MM, for example 2026-02.`, true);
	const digest = archive.runs.find(({ data }) => data.month === argument)?.data;
	const lessonIds = new Set([...archive.retros, ...archive.experiments].flatMap(({ data }) => data.lessons.map(({ id }) => id)));
	for (const { data } of archive.runs) for (const { id } of data.lessons) lessonIds.add(id);
	const text = draftRetro({
		month: argument!,
		digests: archive.runs.map(({ data }) => data),
		decisions: archive.decisions.map(({ data }) => data),
		experiments: archive.experiments,
		people: archive.people,
		authors: values.by,
		lessonIds,
	});
	if (/^authors: \[\]$/m.test(text)) fail(`Nobody ran a run or made a decision in ${argument}; say who writes the retro with --by <person>.`);
	await create(
		join(contentDir, 'retros', `${argument}.mdx`),
		text,
		digest
			? `pre-filled from ${digest.runs.length} run${digest.runs.length === 1 ? '' : 's'}, the month's decisions and the archive.`
			: 'no digest for this month, so only the decisions are pre-filled.'
	);
} else if (kind === 'decision') {
	const used = new Map(archive.decisions.map(({ data, file }) => [data.id, file]));
	const id = values.id ?? nextDecisionId(used.keys());
	if (!decisionIdSchema.safeParse(id).success) fail(`"${id}" is not a decision id; expected DR- and four digits.`);
	if (used.has(id)) fail(`${id} is already used by ${used.get(id)}; the next free id is ${nextDecisionId(used.keys())}.`);
	const missing = values.supersedes.filter((ref) => !used.has(ref));
	if (missing.length > 0) fail(`--supersedes names unknown record${missing.length === 1 ? '' : 's'} ${missing.join(', ')}.`);
	const file = `${id.slice(3)}-${slugify(argument!)}.mdx`;
	const predecessors = archive.decisions.filter(({ data }) => values.supersedes.includes(data.id)).map(({ data }) => data);
	const running = archive.experiments
		.filter(({ data }) => data.status === 'running')
		.map(({ id }) => id)
		.sort();
	const text = draftDecision({ id, title: argument!, date: today, deciders: creditedPeople(), supersedes: values.supersedes, predecessors, running });
	await create(join(contentDir, 'decisions', file), text, `${id}, proposed.`);
} else if (kind === 'experiment') {
	const slug = slugify(argument!);
	// Runs may already be logged under the experiment's slug or its title.
	const runs = archive.runs.flatMap(({ data }) => data.runs).filter((run) => !run.deleted && (run.experiment === slug || run.experiment === argument));
	const personOfUser = new Map(archive.people.flatMap(({ id, data }) => [id, data.name, ...data.aliases].map((name) => [name.toLowerCase(), id] as const)));
	const decisions = archive.decisions.filter(({ data }) => data.affects.experiments.includes(slug)).map(({ data }) => data.id);
	const text = draftExperiment({ slug, title: argument!, date: today, owners: creditedPeople(), runs, personOfUser, decisions });
	await create(
		join(contentDir, 'experiments', `${slug}.mdx`),
		text,
		`exp:${slug}, ${runs.length > 0 ? `running, from ${runs.length} run${runs.length === 1 ? '' : 's'} already logged` : 'planned'}.`
	);
} else {
	fail(`Unknown kind "${kind}"; expected retro, decision or experiment.`, true);
}
