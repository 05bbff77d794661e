import type { Lesson } from '../schemas/index.ts';
import { checkDecisionLifecycle } from '../model/decision-graph.ts';
import type { Issue } from './issues.ts';
import { formatDataPath } from './issues.ts';
import { findProseRefs } from '../markdown/prose-refs.ts';
import { findComponentUses, MDX_COMPONENTS } from './component-refs.ts';
import type { Archive, Entry } from './parse-entries.ts';
import type { RawEntry } from './read-archive.ts';

/** The ids every reference is checked against. */
export interface KnownIds {
	people: Set<string>;
	decisions: Set<string>;
	experiments: Set<string>;
	lessons: Set<string>;
	runs: Set<string>;
}

/**
 * Collects the ids that exist in the archive. Entries that failed validation (`rejected`) still count
 * as existing, so one bad file is reported once rather than again by every file that names it.
 */
export function collectKnownIds(archive: Archive, rejected: readonly RawEntry[] = []): KnownIds {
	const known: KnownIds = {
		people: new Set(archive.people.map((entry) => entry.id)),
		decisions: new Set(archive.decisions.map((entry) => entry.data.id)),
		experiments: new Set(archive.experiments.map((entry) => entry.id)),
		lessons: new Set(listLessons(archive).map(({ lesson }) => lesson.id)),
		runs: new Set(archive.runs.flatMap((entry) => entry.data.runs.map((run) => run.id))),
	};
	for (const entry of rejected) {
		if (entry.collection === 'people' || entry.collection === 'experiments') known[entry.collection].add(entry.id);
		if (entry.collection === 'decisions' && typeof entry.data['id'] === 'string') known.decisions.add(entry.data['id']);
	}
	return known;
}

/** Every lesson written in a retro or an experiment, with the entry that holds it. */
export function listLessons(archive: Archive): { lesson: Lesson; entry: Entry<{ lessons: Lesson[] }>; index: number }[] {
	return [...archive.retros, ...archive.experiments].flatMap((entry) =>
		entry.data.lessons.map((lesson, index) => ({ lesson, entry, index }))
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

/** Splits a typed reference (`DR-0012`, `exp:x`, `@x`, `lesson:x`, `run:x`) into its kind and id. */
export function parseEntryRef(ref: string): { kind: Kind; id: string } {
	if (ref.startsWith('@')) return { kind: 'people', id: ref.slice(1) };
	if (ref.startsWith('exp:')) return { kind: 'experiments', id: ref.slice(4) };
	if (ref.startsWith('lesson:')) return { kind: 'lessons', id: ref.slice(7) };
	if (ref.startsWith('run:')) return { kind: 'runs', id: ref.slice(4) };
	return { kind: 'decisions', id: ref };
}

/** Checks every cross-reference, id and lifecycle rule; returns one issue per broken rule. */
export function checkReferences(archive: Archive, rejected: readonly RawEntry[] = []): Issue[] {
	const known = collectKnownIds(archive, rejected);
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
	const expectAll = (entry: Entry<unknown>, path: PropertyKey[], kind: Kind, ids: readonly string[]) => {
		for (const [index, id] of ids.entries()) expect(entry, [...path, index], kind, id);
	};
	const expectRefs = (entry: Entry<unknown>, path: PropertyKey[], refs: readonly string[]) => {
		for (const [index, ref] of refs.entries()) {
			const { kind, id } = parseEntryRef(ref);
			expect(entry, [...path, index], kind, id);
		}
	};
	const checkLessons = (entry: Entry<{ lessons: Lesson[] }>) => {
		for (const [index, lesson] of entry.data.lessons.entries()) expectRefs(entry, ['lessons', index, 'related'], lesson.related);
	};

	for (const entry of archive.retros) {
		const { data } = entry;
		if (data.month !== entry.id) {
			issues.push({ file: entry.file, line: entry.lineOf(['month']), field: 'month', message: `is ${data.month} but the file is named ${entry.id}; expected month: ${entry.id}` });
		}
		expectAll(entry, ['authors'], 'people', data.authors);
		expectAll(entry, ['experiments'], 'experiments', data.experiments);
		checkLessons(entry);
		data.exchanges.forEach((exchange, index) => {
			expectAll(entry, ['exchanges', index, 'with'], 'people', exchange.with);
			expectRefs(entry, ['exchanges', index, 'related'], exchange.related);
		});
		for (const [index, idea] of data.rejectedIdeas.entries()) expectRefs(entry, ['rejectedIdeas', index, 'related'], idea.related);
	}
	for (const entry of archive.decisions) {
		const { data } = entry;
		const number = /^(\d{4})-/.exec(entry.id)?.[1];
		if (`DR-${number}` !== data.id) {
			const expected = number ? `id: DR-${number}, from the file name` : 'a file named NNNN-slug.mdx whose digits match the id';
			issues.push({ file: entry.file, line: entry.lineOf(['id']), field: 'id', message: `is ${data.id}; expected ${expected}` });
		}
		expectAll(entry, ['supersedes'], 'decisions', data.supersedes);
		expectAll(entry, ['deciders'], 'people', data.deciders);
		expectAll(entry, ['consulted'], 'people', data.consulted);
		expectAll(entry, ['affects', 'experiments'], 'experiments', data.affects.experiments);
	}
	for (const entry of archive.experiments) {
		const { data } = entry;
		expectAll(entry, ['owners'], 'people', data.owners);
		expectAll(entry, ['decisions'], 'decisions', data.decisions);
		checkLessons(entry);
		if (data.status === 'concluded' && !data.outcome) {
			issues.push({ file: entry.file, line: entry.lineOf(['status']), field: 'outcome', message: 'is required once status is "concluded"; expected confirmed, rejected or inconclusive' });
		}
		if (data.ended && data.ended < data.started) {
			issues.push({ file: entry.file, line: entry.lineOf(['ended']), field: 'ended', message: `${data.ended} is before started (${data.started})` });
		}
	}
	for (const entry of archive.runs) {
		if (entry.data.month !== entry.id) {
			issues.push({ file: entry.file, field: 'month', message: `is ${entry.data.month} but the file is named ${entry.id}.json` });
		}
	}
	for (const entry of [...archive.retros, ...archive.decisions, ...archive.experiments]) {
		for (const { ref, line } of findProseRefs(entry.body)) {
			const { kind, id } = parseEntryRef(ref);
			if (known[kind].has(id)) continue;
			issues.push({
				file: entry.file,
				line: entry.bodyLine + line - 1,
				message: `unknown ${KIND_NAMES[kind]} "${ref}" in the text; expected ${describeKnown(kind, known[kind])} (put it in backticks to quote it without a link)`,
			});
		}
	}
	issues.push(...checkComponentUses(archive, known), ...checkDuplicateIds(archive), ...checkLifecycle(archive));
	return issues;
}

function checkComponentUses(archive: Archive, known: KnownIds): Issue[] {
	const issues: Issue[] = [];
	const runNames = new Map<string, number>();
	for (const run of archive.runs.flatMap((entry) => entry.data.runs)) if (run.name) runNames.set(run.name, (runNames.get(run.name) ?? 0) + 1);
	for (const entry of [...archive.retros, ...archive.decisions, ...archive.experiments]) {
		for (const use of findComponentUses(entry.body)) {
			const line = entry.bodyLine + use.line - 1;
			const spec = MDX_COMPONENTS[use.name as keyof typeof MDX_COMPONENTS];
			if (!spec) {
				issues.push({ file: entry.file, line, message: `unknown component <${use.name}>; expected one of ${Object.keys(MDX_COMPONENTS).map((name) => `<${name}>`).join(', ')}` });
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

function checkDuplicateIds(archive: Archive): Issue[] {
	const issues: Issue[] = [];
	const firstDecision = new Map<string, string>();
	for (const entry of archive.decisions) {
		const earlier = firstDecision.get(entry.data.id);
		if (earlier) issues.push({ file: entry.file, line: entry.lineOf(['id']), field: 'id', message: `${entry.data.id} is already used by ${earlier}; take the next free id` });
		else firstDecision.set(entry.data.id, entry.file);
	}
	const firstLesson = new Map<string, string>();
	for (const { lesson, entry, index } of listLessons(archive)) {
		const earlier = firstLesson.get(lesson.id);
		const path = ['lessons', index, 'id'];
		if (earlier) issues.push({ file: entry.file, line: entry.lineOf(path), field: formatDataPath(path), message: `lesson id "${lesson.id}" is already used in ${earlier}; lesson ids are unique across the archive` });
		else firstLesson.set(lesson.id, entry.file);
	}
	return issues;
}

function checkLifecycle(archive: Archive): Issue[] {
	const entries = new Map(archive.decisions.map((entry) => [entry.data.id, entry]));
	return checkDecisionLifecycle(archive.decisions.map((entry) => entry.data)).map((problem) => {
		const entry = entries.get(problem.id);
		return { file: entry?.file ?? problem.id, line: entry?.lineOf([problem.field]), field: problem.field, message: problem.message };
	});
}

function describeKnown(kind: Kind, ids: Set<string>): string {
	const sorted = [...ids].sort();
	if (sorted.length === 0) return `an existing ${KIND_NAMES[kind]}, but there are none`;
	const shown = sorted.slice(0, 8).join(', ');
	return `one of ${shown}${sorted.length > 8 ? `, … (${sorted.length} in all)` : ''}`;
}
