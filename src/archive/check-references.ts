import { findProseRefs } from '../markdown/prose-refs.ts';
import { checkDecisionLifecycle } from '../model/decision-graph.ts';
import type { Decision, Lesson } from '../schemas/index.ts';
import { findComponentUses, MDX_COMPONENTS } from './component-refs.ts';
import type { Issue } from './issues.ts';
import { formatDataPath } from './issues.ts';
import type { Archive, Entry, SalvagedArchive } from './parse-entries.ts';
import type { Salvaged } from './salvage-fields.ts';

/** The ids every reference is checked against. */
export interface KnownIds {
	people: Set<string>;
	decisions: Set<string>;
	experiments: Set<string>;
	lessons: Set<string>;
	runs: Set<string>;
}

const NO_SALVAGE: SalvagedArchive = { people: [], decisions: [], experiments: [], retros: [], runs: [] };

/** The valid entries and what is valid in the others, checked alike. */
function joinArchives(archive: Archive, salvaged: SalvagedArchive): SalvagedArchive {
	return {
		people: [...archive.people, ...salvaged.people],
		decisions: [...archive.decisions, ...salvaged.decisions],
		experiments: [...archive.experiments, ...salvaged.experiments],
		retros: [...archive.retros, ...salvaged.retros],
		runs: [...archive.runs, ...salvaged.runs],
	};
}

/**
 * Collects the ids that exist in the archive. Entries that failed validation (`salvaged`) still count
 * as existing, so one bad file is reported once rather than again by every file that names it.
 */
export function collectKnownIds(archive: Archive, salvaged: SalvagedArchive = NO_SALVAGE): KnownIds {
	const all = joinArchives(archive, salvaged);
	return {
		people: new Set(all.people.map((entry) => entry.id)),
		decisions: new Set(all.decisions.flatMap((entry) => entry.data.id ?? [])),
		experiments: new Set(all.experiments.map((entry) => entry.id)),
		lessons: new Set(listSalvagedLessons(all).flatMap(({ lesson }) => lesson.id ?? [])),
		runs: new Set(all.runs.flatMap((entry) => (entry.data.runs ?? []).flatMap((run) => run?.id ?? []))),
	};
}

type SalvagedLesson = Salvaged<Lesson>;

/** Every lesson written in a retro or an experiment, with the entry that holds it. */
function listSalvagedLessons(archive: SalvagedArchive): { lesson: SalvagedLesson; entry: Entry<unknown>; index: number }[] {
	return [...archive.retros, ...archive.experiments].flatMap((entry) =>
		(entry.data.lessons ?? []).flatMap((lesson, index) => (lesson ? [{ lesson, entry, index }] : []))
	);
}

type Kind = keyof KnownIds;

const KIND_NAMES: Record<Kind, string> = {
	people: 'person',
	decisions: 'decision',
	experiments: 'experiment',
	lessons: 'lesson',
	runs: 'run',
};

const MONTH_ID = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Splits a typed reference (`DR-0012`, `exp:x`, `@x`, `lesson:x`, `run:x`) into its kind and id. */
export function parseEntryRef(ref: string): { kind: Kind; id: string } {
	if (ref.startsWith('@')) return { kind: 'people', id: ref.slice(1) };
	if (ref.startsWith('exp:')) return { kind: 'experiments', id: ref.slice(4) };
	if (ref.startsWith('lesson:')) return { kind: 'lessons', id: ref.slice(7) };
	if (ref.startsWith('run:')) return { kind: 'runs', id: ref.slice(4) };
	return { kind: 'decisions', id: ref };
}

/**
 * Checks every cross-reference in frontmatter and components, every id and lifecycle rule; returns one
 * issue per broken rule. The valid fields of entries that failed their schema (`salvaged`) are checked too.
 * References in prose are checked by {@link checkProseReferences}.
 */
export function checkReferences(valid: Archive, salvaged: SalvagedArchive = NO_SALVAGE): Issue[] {
	const known = collectKnownIds(valid, salvaged);
	const archive = joinArchives(valid, salvaged);
	const issues: Issue[] = [];
	const expect = (entry: Entry<unknown>, path: PropertyKey[], kind: Kind, id: string) => {
		if (known[kind].has(id)) return;
		issues.push({
			file: entry.file,
			line: entry.lineOf(path),
			field: formatDataPath(path),
			message: `unknown ${KIND_NAMES[kind]} "${id}"; expected ${describeKnown(kind, known[kind])}`,
		});
	};
	// Invalid items of a salvaged list are `undefined`: their schema problem is already reported.
	const expectAll = (entry: Entry<unknown>, path: PropertyKey[], kind: Kind, ids: readonly (string | undefined)[] = []) => {
		for (const [index, id] of ids.entries()) if (id !== undefined) expect(entry, [...path, index], kind, id);
	};
	const expectRefs = (entry: Entry<unknown>, path: PropertyKey[], refs: readonly (string | undefined)[] = []) => {
		for (const [index, ref] of refs.entries()) {
			if (ref === undefined) continue;
			const { kind, id } = parseEntryRef(ref);
			expect(entry, [...path, index], kind, id);
		}
	};
	const checkLessons = (entry: Entry<{ lessons?: (SalvagedLesson | undefined)[] | undefined }>) => {
		for (const [index, lesson] of (entry.data.lessons ?? []).entries()) expectRefs(entry, ['lessons', index, 'related'], lesson?.related);
	};

	for (const entry of archive.retros) {
		const { data } = entry;
		if (!MONTH_ID.test(entry.id)) {
			issues.push({
				file: entry.file,
				line: 1,
				field: 'month',
				message: `the file name "${entry.id}" is not a month; expected a file named YYYY-MM.mdx, for example 2026-02.mdx`,
			});
		} else if (data.month !== undefined && data.month !== entry.id) {
			issues.push({
				file: entry.file,
				line: entry.lineOf(['month']),
				field: 'month',
				message: `is ${data.month} but the file is named ${entry.id}; expected month: ${entry.id}`,
			});
		}
		expectAll(entry, ['authors'], 'people', data.authors);
		expectAll(entry, ['experiments'], 'experiments', data.experiments);
		checkLessons(entry);
		for (const [index, exchange] of (data.exchanges ?? []).entries()) {
			expectAll(entry, ['exchanges', index, 'with'], 'people', exchange?.with);
			expectRefs(entry, ['exchanges', index, 'related'], exchange?.related);
		}
		for (const [index, idea] of (data.rejectedIdeas ?? []).entries()) expectRefs(entry, ['rejectedIdeas', index, 'related'], idea?.related);
	}
	for (const entry of archive.decisions) {
		const { data } = entry;
		const number = /^(\d{4})-/.exec(entry.id)?.[1];
		if (data.id !== undefined && `DR-${number}` !== data.id) {
			const expected = number ? `id: DR-${number}, from the file name` : 'a file named NNNN-slug.mdx whose digits match the id';
			issues.push({ file: entry.file, line: entry.lineOf(['id']), field: 'id', message: `is ${data.id}; expected ${expected}` });
		}
		expectAll(entry, ['supersedes'], 'decisions', data.supersedes);
		expectAll(entry, ['deciders'], 'people', data.deciders);
		expectAll(entry, ['consulted'], 'people', data.consulted);
		expectAll(entry, ['affects', 'experiments'], 'experiments', data.affects?.experiments);
	}
	for (const entry of archive.experiments) {
		const { data } = entry;
		expectAll(entry, ['owners'], 'people', data.owners);
		expectAll(entry, ['decisions'], 'decisions', data.decisions);
		checkLessons(entry);
		if (data.status === 'concluded' && !data.outcome) {
			issues.push({
				file: entry.file,
				line: entry.lineOf(['status']),
				field: 'outcome',
				message: 'is required once status is "concluded"; expected confirmed, rejected or inconclusive',
			});
		}
		if (data.ended && data.started && data.ended < data.started) {
			issues.push({ file: entry.file, line: entry.lineOf(['ended']), field: 'ended', message: `${data.ended} is before started (${data.started})` });
		}
	}
	for (const entry of archive.runs) {
		if (!MONTH_ID.test(entry.id)) {
			issues.push({ file: entry.file, field: 'month', message: `the file name "${entry.id}" is not a month; expected a digest named YYYY-MM.json` });
		} else if (entry.data.month !== undefined && entry.data.month !== entry.id) {
			issues.push({ file: entry.file, field: 'month', message: `is ${entry.data.month} but the file is named ${entry.id}.json` });
		}
	}
	issues.push(...checkComponentUses(archive, known), ...checkDuplicateIds(archive), ...checkLifecycle(archive));
	return issues;
}

/**
 * Checks the references written in the prose of every body (`DR-0012`, `exp:x`, `@x`). Apart from
 * {@link checkReferences} because it parses every body, which is most of the check's time on a large
 * archive, and nothing a page needs waits for it: `npm run dev` reports these after serving.
 */
export async function checkProseReferences(valid: Archive, salvaged: SalvagedArchive = NO_SALVAGE): Promise<Issue[]> {
	const known = collectKnownIds(valid, salvaged);
	const archive = joinArchives(valid, salvaged);
	const issues: Issue[] = [];
	for (const [index, entry] of [...archive.retros, ...archive.decisions, ...archive.experiments].entries()) {
		// A dev server answers requests while this runs: it lets them in between bodies.
		if (index % 5 === 4) await new Promise((resolve) => setImmediate(resolve));
		for (const { ref, line } of findProseRefs(entry.body, { mdx: !entry.file.endsWith('.md') })) {
			const { kind, id } = parseEntryRef(ref);
			if (known[kind].has(id)) continue;
			issues.push({
				file: entry.file,
				line: entry.bodyLine + line - 1,
				message: `unknown ${KIND_NAMES[kind]} "${ref}" in the text; expected ${describeKnown(kind, known[kind])} (put it in backticks to quote it without a link)`,
			});
		}
	}
	return issues;
}

function checkComponentUses(archive: SalvagedArchive, known: KnownIds): Issue[] {
	const issues: Issue[] = [];
	const runNames = new Map<string, number>();
	for (const run of archive.runs.flatMap((entry) => entry.data.runs ?? [])) if (run?.name) runNames.set(run.name, (runNames.get(run.name) ?? 0) + 1);
	for (const entry of [...archive.retros, ...archive.decisions, ...archive.experiments]) {
		for (const use of findComponentUses(entry.body)) {
			const line = entry.bodyLine + use.line - 1;
			const spec = MDX_COMPONENTS[use.name as keyof typeof MDX_COMPONENTS];
			if (!spec) {
				issues.push({
					file: entry.file,
					line,
					message: `unknown component <${use.name}>; expected one of ${Object.keys(MDX_COMPONENTS)
						.map((name) => `<${name}>`)
						.join(', ')}`,
				});
				continue;
			}
			if (!use.target) {
				issues.push({ file: entry.file, line, message: `<${use.name}> needs a ${spec.attribute}="…" attribute` });
				continue;
			}
			const { kind, value } = use.target;
			const found = known[kind].has(value) || (kind === 'runs' && runNames.get(value) === 1);
			if (found) continue;
			const ambiguous = kind === 'runs' && (runNames.get(value) ?? 0) > 1;
			issues.push({
				file: entry.file,
				line,
				message: ambiguous
					? `<${use.name} ${spec.attribute}="${value}">: ${runNames.get(value)} runs have this name; use the run id`
					: `<${use.name} ${spec.attribute}="${value}">: unknown ${KIND_NAMES[kind]}; expected ${kind === 'runs' ? 'a run id or a unique run name from the digests' : describeKnown(kind, known[kind])}`,
			});
		}
	}
	return issues;
}

function checkDuplicateIds(archive: SalvagedArchive): Issue[] {
	const issues: Issue[] = [];
	const firstDecision = new Map<string, string>();
	for (const entry of archive.decisions) {
		if (entry.data.id === undefined) continue;
		const earlier = firstDecision.get(entry.data.id);
		if (earlier)
			issues.push({
				file: entry.file,
				line: entry.lineOf(['id']),
				field: 'id',
				message: `${entry.data.id} is already used by ${earlier}; take the next free id`,
			});
		else firstDecision.set(entry.data.id, entry.file);
	}
	const firstLesson = new Map<string, string>();
	for (const { lesson, entry, index } of listSalvagedLessons(archive)) {
		if (lesson.id === undefined) continue;
		const earlier = firstLesson.get(lesson.id);
		const path = ['lessons', index, 'id'];
		if (earlier)
			issues.push({
				file: entry.file,
				line: entry.lineOf(path),
				field: formatDataPath(path),
				message: `lesson id "${lesson.id}" is already used in ${earlier}; lesson ids are unique across the archive`,
			});
		else firstLesson.set(lesson.id, entry.file);
	}
	return issues;
}

function checkLifecycle(archive: SalvagedArchive): Issue[] {
	// A record whose lifecycle fields are themselves invalid cannot take part; its schema problems say why.
	const complete = archive.decisions.filter((entry): entry is Entry<Decision> => isLifecycleComplete(entry.data));
	const entries = new Map(complete.map((entry) => [entry.data.id, entry]));
	return checkDecisionLifecycle(complete.map((entry) => entry.data)).map((problem) => {
		const entry = entries.get(problem.id);
		return { file: entry?.file ?? problem.id, line: entry?.lineOf([problem.field]), field: problem.field, message: problem.message };
	});
}

function isLifecycleComplete(data: Salvaged<Decision>): boolean {
	return data.id !== undefined && data.status !== undefined && data.date !== undefined && data.supersedes !== undefined && !data.supersedes.includes(undefined);
}

function describeKnown(kind: Kind, ids: Set<string>): string {
	const sorted = [...ids].sort();
	if (sorted.length === 0) return `an existing ${KIND_NAMES[kind]}, but there are none`;
	const shown = sorted.slice(0, 8).join(', ');
	return `one of ${shown}${sorted.length > 8 ? `, … (${sorted.length} in all)` : ''}`;
}
