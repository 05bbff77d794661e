// Imports a folder of architecture decision records (MADR, adr-tools, Log4brains) as decision records.
// Never overwrites; prints what became of every file and what could not be mapped.
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveContentDir } from '../src/archive/content-dir.ts';
import { formatIssues } from '../src/archive/issues.ts';
import { validateArchive } from '../src/archive/validate-archive.ts';
import { formatReport } from '../src/importers/adr/format-report.ts';
import { importAdrFolder, listDecisionFiles } from '../src/importers/adr/import-folder.ts';
import type { ImportPlan } from '../src/importers/adr/plan-import.ts';
import type { AdrFormat } from '../src/importers/adr/types.ts';
import { type ImpactArea, impactAreaSchema } from '../src/schemas/common.ts';

const FORMATS = ['madr-2', 'madr-3', 'madr-4', 'madr', 'adr-tools', 'log4brains'];
const USAGE = `Usage: npm run import-adrs -- <adr folder> [options]
Options:
  --decider <id>      person to credit when an ADR names no deciders of the archive and its history none either (repeatable)
  --write-people      save a person file for each decider or history author the archive does not know, and credit them
  --no-history        do not read the files' git history (for deciders and missing dates)
  --impact <area>     impact area of every record (repeatable; default: assumptions)
  --format <format>   read every file as ${FORMATS.join(', ')} (default: detected per file)
  --renumber          number the records after the archive's highest id even if the ADR numbers are free
  --dry-run           print the report, write nothing
  --content <dir>     the archive (default: $HINDSIGHT_CONTENT or content/)`;

const fail = (message: string): never => {
	console.error(`${message}\n\n${USAGE}`);
	process.exit(2);
};

// parseArgs throws on an unknown option; the user gets the reason and the usage instead.
function readArgs() {
	try {
		return parseArgs({
			allowPositionals: true,
			options: {
				decider: { type: 'string', multiple: true, default: [] },
				impact: { type: 'string', multiple: true, default: [] },
				format: { type: 'string' },
				renumber: { type: 'boolean', default: false },
				'write-people': { type: 'boolean', default: false },
				'no-history': { type: 'boolean', default: false },
				'dry-run': { type: 'boolean', default: false },
				content: { type: 'string', short: 'c' },
				help: { type: 'boolean', short: 'h' },
			},
		});
	} catch (error) {
		return fail((error as Error).message);
	}
}
const { values, positionals } = readArgs();
if (values.help) {
	console.info(USAGE);
	process.exit(0);
}
if (positionals.length !== 1) fail(positionals.length === 0 ? 'Give the folder that holds the ADRs.' : `Give one ADR folder; found ${positionals.join(', ')}.`);
if (values.format !== undefined && !FORMATS.includes(values.format)) fail(`--format "${values.format}" is not one of ${FORMATS.join(', ')}.`);

const problems: string[] = [];
const impact = values.impact.length > 0 ? values.impact : ['assumptions'];
for (const area of impact)
	if (!impactAreaSchema.safeParse(area).success)
		problems.push(`--impact "${area}" is not an impact area; expected one of ${impactAreaSchema.options.join(', ')}.`);

const env = values.content ? { ...process.env, HINDSIGHT_CONTENT: values.content } : process.env;
const contentDir = resolveContentDir(process.cwd(), env);
const { archive, issues } = await validateArchive(contentDir);
if (issues.length > 0) console.warn(`Note: the archive has ${issues.length} problem(s) before the import; run npm run check.\n${formatIssues(issues)}\n`);
const people = archive.people.map(({ id, data }) => ({ id, name: data.name, aliases: data.aliases }));
for (const id of values.decider)
	if (!people.some((person) => person.id === id))
		problems.push(
			`--decider "${id}" is not a person of the archive; expected one of ${people
				.map((person) => person.id)
				.sort()
				.join(', ')}.`
		);
if (problems.length > 0) fail(problems.join('\n'));

const sourceDir = resolve(positionals[0]!);
let plan: ImportPlan | undefined;
try {
	plan = await importAdrFolder(
		sourceDir,
		contentDir,
		{
			people,
			decisions: archive.decisions.map(({ data, body }) => ({ id: data.id, status: data.status, date: data.date, body })),
			decisionFiles: await listDecisionFiles(contentDir),
		},
		{
			fallbackDeciders: values.decider,
			impact: impact as ImpactArea[],
			renumber: values.renumber,
			format: values.format as AdrFormat | undefined,
			dryRun: values['dry-run'],
			writePeople: values['write-people'],
			history: !values['no-history'],
		}
	);
} catch (error) {
	console.error(`Could not read the ADR folder ${positionals[0]}: ${(error as Error).message}`);
	process.exit(2);
}
console.info(formatReport(plan, { dryRun: values['dry-run'], sourceLabel: relative(process.cwd(), sourceDir) || '.', writePeople: values['write-people'] }));
const unreadable = plan.report.some((entry) => entry.lines.some((line) => line.message.startsWith('could not be read')));
if (plan.records.length === 0) console.error('\nNothing was imported.');
process.exit(plan.records.length === 0 || unreadable ? 1 : 0);
