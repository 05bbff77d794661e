// Maps parsed ADRs onto the target archive: ids, people, dates, statuses and supersession, and the text
// of each record. Pure: the caller reads the folder and the archive, and writes the records.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { nextDecisionId, slugify } from '../../archive/drafts.ts';
import { findSupersessionCycles } from '../../model/decision-graph.ts';
import type { ImpactArea } from '../../schemas/common.ts';
import type { DecisionStatus } from '../../schemas/decision.ts';
import { dateFromFileName, isFolderRecord, recordName } from './adr-document.ts';
import { type Credit, creditDeciders, PeopleBook, type SuggestedPerson } from './credit.ts';
import { isAdrFileName, parseAdr } from './detect-format.ts';
import { tidyBlankLines } from './markdown-sections.ts';
import { mapStatus, parseDay } from './metadata.ts';
import { type KnownPerson, resolveNames } from './people.ts';
import { type ImportedFields, renderRecord } from './render-record.ts';
import { indexAdrTargets } from './resolve-targets.ts';
import { summarise } from './summary.ts';
import { convertToMdx, isExternal, type LinkTarget, unescapeMdx } from './to-mdx.ts';
import { type AdrFormat, type AdrSource, FORMAT_NAMES, type ParsedAdr, type PlannedRecord, type ReportEntry, type ReportLine } from './types.ts';

/** What the importer needs to know of the target archive. */
export interface ArchiveState {
	people: readonly KnownPerson[];
	decisions: readonly { id: string; status: DecisionStatus; date: string; body: string }[];
	/** Names of every file in `decisions/`, so an id whose digits a file already carries is never reused. */
	decisionFiles: readonly string[];
}

/** The choices the ADRs cannot answer. */
export interface ImportOptions {
	/** Person ids to credit when none of an ADR's deciders is a person of the archive. */
	fallbackDeciders: readonly string[];
	/** The impact areas every record gets; ADRs do not record them. */
	impact: readonly ImpactArea[];
	/** Number the records after the archive's highest id even when the ADRs' own numbers are free. */
	renumber?: boolean;
	/** Read every file as this format instead of detecting it per file. */
	format?: AdrFormat | undefined;
	/** Credit named deciders and history authors the archive does not know, under the person files proposed for them. */
	writePeople?: boolean;
}

export interface ImportPlan {
	records: (PlannedRecord & { data: ImportedFields })[];
	report: ReportEntry[];
	/** Lines about the import as a whole: the numbering policy, cycles. */
	general: string[];
	/** Person files proposed for people the ADRs or their history name and the archive does not know. */
	people: SuggestedPerson[];
}

/** Leaves a trace in the record so a second import of the same file is recognised and skipped. */
const MARKER = /\{\/\* adr-import source=(\S+) sha256=([0-9a-f]{16}) \*\/\}/;

interface Candidate {
	adr: ParsedAdr;
	entry: ReportEntry;
	hash: string;
	title: string;
	date: string;
	status: DecisionStatus;
	deciders: string[];
	credit: Credit;
	consulted: string[];
	unknown: { consulted: string[] };
	informed: ReturnType<typeof resolveNames>;
	tags: string[];
	id?: string;
	supersedes: Set<string>;
}

/** Plans the import of `sources` into the archive; nothing is written. */
/**
 * Plans the import of `sources` into the archive; nothing is written. `files` holds the other files
 * under the ADR folder (images), by path inside it, so that those an ADR shows are copied with it.
 */
export function planImport(sources: readonly AdrSource[], archive: ArchiveState, options: ImportOptions, files: ReadonlySet<string> = new Set()): ImportPlan {
	const report: ReportEntry[] = [];
	const general: string[] = [];
	const previous = new Map<string, string>();
	for (const decision of archive.decisions) {
		const marker = MARKER.exec(decision.body);
		if (marker) previous.set(marker[2]!, decision.id);
	}
	const candidates: Candidate[] = [];
	const book = new PeopleBook(archive.people);
	for (const source of [...sources].sort((a, b) => a.file.localeCompare(b.file))) {
		if (!isAdrFileName(source.file)) {
			report.push({
				source: source.file,
				outcome: 'not-an-adr',
				lines: [{ level: 'note', message: 'the file name does not start with an ADR number or a YYYYMMDD date; not read' }],
			});
			continue;
		}
		const adr = parseAdr(source, options.format);
		const entry: ReportEntry = { source: source.file, format: adr.format, outcome: 'imported', lines: [...adr.notes] };
		report.push(entry);
		const hash = createHash('sha256').update(source.text).digest('hex').slice(0, 16);
		const earlier = previous.get(hash);
		if (earlier) {
			entry.outcome = 'skipped';
			entry.lines = [{ level: 'warning', message: `already imported as ${earlier} (same content); skipped` }];
			continue;
		}
		const candidate = mapFields(adr, source, hash, archive, book, options, entry.lines);
		candidates.push({ ...candidate, entry });
	}
	assignIds(candidates, archive, options, general);
	linkSupersession(candidates, archive);
	checkLifecycle(candidates, archive, general);
	const records = candidates.map((candidate) => buildRecord(candidate, candidates, options, files));
	return { records, report, general, people: book.suggested };
}

function mapFields(
	adr: ParsedAdr,
	source: AdrSource,
	hash: string,
	archive: ArchiveState,
	book: PeopleBook,
	options: ImportOptions,
	lines: ReportLine[]
): Omit<Candidate, 'entry'> {
	let title = adr.title?.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim();
	if (!title) {
		const words = recordName(source.file)
			.replace(/\.(?:md|markdown)$/i, '')
			.replace(/^(?:(?:19|20)\d{2}-?\d{2}-?\d{2}|(?:adr[-_]?)?\d+)[-_]/i, '')
			.replace(/[-_]+/g, ' ')
			.trim();
		title = words.charAt(0).toUpperCase() + words.slice(1) || source.file;
		lines.push({ level: 'warning', field: 'title', message: `no "# Title" heading; taken from the file name: "${title}"` });
	}
	let date = parseDay(adr.rawDate);
	if (!date) {
		const fallback = adr.fileDate ?? dateFromFileName(source.file);
		const found = adr.rawDate ? `"${adr.rawDate}" is not a date (expected YYYY-MM-DD)` : 'no date in the ADR';
		date = fallback ?? source.history?.firstDay ?? source.modifiedDay;
		const origin = fallback ? "file name's date" : source.history ? 'day of the commit that added the file' : "file's modification day";
		lines.push({ level: 'warning', field: 'date', message: `${found}; used ${date}, the ${origin}` });
	}
	let status = adr.rawStatus ? mapStatus(adr.rawStatus) : undefined;
	if (!status) {
		const found = adr.rawStatus ? `status "${adr.rawStatus}" is not one the importer knows` : 'no status in the ADR';
		status = 'proposed';
		lines.push({ level: 'warning', field: 'status', message: `${found}; set to proposed` });
	} else if (adr.rawStatus && !new RegExp(`^${status}$`, 'i').test(adr.rawStatus.trim())) {
		lines.push({ level: 'note', field: 'status', message: `"${adr.rawStatus}" read as ${status}` });
	}
	const credit = creditDeciders(
		{
			source: source.file,
			named: adr.deciders,
			history: source.history?.authors,
			fallbackDeciders: options.fallbackDeciders,
			writePeople: options.writePeople ?? false,
		},
		book,
		archive.people,
		lines
	);
	const deciders = credit.deciders;
	const consulted = resolveNames(adr.consulted, archive.people);
	const informed = resolveNames(adr.informed, archive.people);
	if (consulted.unknown.length > 0)
		lines.push({
			level: 'warning',
			field: 'consulted',
			message: `not a person of the archive: ${consulted.unknown.join(', ')}; listed in the note at the end of the record`,
		});
	const consultedIds = consulted.ids.filter((id) => !deciders.includes(id));
	if (adr.informed.length > 0)
		lines.push({
			level: 'note',
			field: 'informed',
			message: `Hindsight has no "informed" field; ${adr.informed.join(', ')} listed in the note at the end of the record`,
		});
	const tags: string[] = [];
	for (const tag of adr.tags) {
		const slug = slugify(tag);
		if (slug !== tag) lines.push({ level: 'note', field: 'tags', message: `"${tag}" written as "${slug}"` });
		if (!tags.includes(slug)) tags.push(slug);
	}
	lines.push({ level: 'note', field: 'impact', message: `ADRs do not record it; set to ${options.impact.join(', ')} (--impact)` });
	return {
		adr,
		hash,
		title,
		date,
		status,
		deciders,
		credit,
		consulted: consultedIds,
		unknown: { consulted: consulted.unknown },
		informed,
		tags,
		supersedes: new Set(),
	};
}

/**
 * Keeps the ADRs' own numbers when every one of them is free, so links and habits carry over;
 * otherwise numbers them all after the archive's highest id, in their own order, so a partly
 * taken range does not scramble the sequence.
 */
function assignIds(candidates: Candidate[], archive: ArchiveState, options: ImportOptions, general: string[]): void {
	const used = new Set(archive.decisions.map(({ id }) => id));
	for (const file of archive.decisionFiles) {
		const digits = /^(\d{4})-/.exec(file)?.[1];
		if (digits) used.add(`DR-${digits}`);
	}
	candidates.sort((a, b) => (a.adr.number ?? Infinity) - (b.adr.number ?? Infinity) || a.date.localeCompare(b.date) || a.adr.file.localeCompare(b.adr.file));
	const own = candidates.map(({ adr }) =>
		adr.number !== undefined && adr.number >= 1 && adr.number <= 9999 ? `DR-${String(adr.number).padStart(4, '0')}` : undefined
	);
	const reasons = [
		options.renumber ? '--renumber was given' : undefined,
		own.some((id) => id === undefined) ? 'some ADRs have no number from 1 to 9999' : undefined,
		new Set(own.filter((id) => id !== undefined)).size < own.filter((id) => id !== undefined).length ? 'two ADRs share a number' : undefined,
		own.some((id) => id !== undefined && used.has(id))
			? `the archive already uses ${own.filter((id) => id !== undefined && used.has(id)).join(', ')}`
			: undefined,
	].filter((reason) => reason !== undefined);
	if (candidates.length === 0) return;
	if (reasons.length === 0) {
		for (const [index, candidate] of candidates.entries()) candidate.id = own[index]!;
		general.push('Ids: every ADR keeps its own number.');
		return;
	}
	for (const candidate of candidates) {
		candidate.id = nextDecisionId(used);
		used.add(candidate.id);
		const was = candidate.adr.number === undefined ? 'no number' : `ADR ${candidate.adr.number}`;
		candidate.entry.lines.push({ level: 'note', field: 'id', message: `${was} → ${candidate.id}` });
	}
	general.push(`Ids: numbered from ${candidates[0]!.id} in the ADRs' order, because ${reasons.join('; ')}.`);
}

/** Turns both link directions into `supersedes` on the successor; reports links it cannot follow. */
function linkSupersession(candidates: Candidate[], archive: ArchiveState): void {
	const find = indexAdrTargets(candidates.map(({ adr }) => adr));
	const byFile = new Map(candidates.map((candidate) => [candidate.adr.file, candidate]));
	const importedBefore = new Map<string, string>();
	for (const decision of archive.decisions) {
		const source = MARKER.exec(decision.body)?.[1];
		if (source) importedBefore.set(source, decision.id);
	}
	for (const candidate of candidates) {
		for (const { relation, target } of candidate.adr.links) {
			const other = byFile.get(find(target) ?? '');
			const earlierId = importedBefore.get((target.split('/').pop() ?? '').replace(/[#?].*$/, ''));
			if (other === candidate) continue;
			if (relation === 'supersedes') {
				const predecessor = other?.id ?? earlierId;
				if (predecessor) candidate.supersedes.add(predecessor);
				else
					candidate.entry.lines.push({
						level: 'warning',
						field: 'supersedes',
						message: `"Supersedes ${target}": no such ADR in this import or the archive; the link was dropped`,
					});
			} else if (other) {
				other.supersedes.add(candidate.id!);
			} else {
				const where = earlierId
					? `it was imported before as ${earlierId}; add ${candidate.id} to that record's supersedes by hand`
					: 'no such ADR in this import';
				candidate.entry.lines.push({ level: 'warning', field: 'supersedes', message: `"Superseded by ${target}": ${where}` });
			}
		}
	}
}

/** Applies the archive's lifecycle rules to the imported records, fixing what the ADRs imply and reporting the rest. */
function checkLifecycle(candidates: Candidate[], archive: ArchiveState, general: string[]): void {
	const byId = new Map(candidates.map((candidate) => [candidate.id!, candidate]));
	const existing = new Map(archive.decisions.map((decision) => [decision.id, decision]));
	const hasSuccessor = new Set(candidates.flatMap(({ supersedes }) => [...supersedes]));
	for (const candidate of candidates) {
		if (candidate.status === 'superseded' && !hasSuccessor.has(candidate.id!)) {
			candidate.status = 'deprecated';
			candidate.entry.lines.push({
				level: 'warning',
				field: 'status',
				message: 'superseded, but no imported record supersedes it; set to deprecated (Hindsight needs the successor)',
			});
		}
	}
	for (const successor of candidates) {
		for (const predecessorId of successor.supersedes) {
			const predecessor = byId.get(predecessorId);
			const earlier = predecessor ?? existing.get(predecessorId);
			if (!earlier) continue;
			if (successor.date < earlier.date) {
				successor.entry.lines.push({
					level: 'error',
					field: 'date',
					message: `${successor.date} is before ${earlier.date}, the date of ${predecessorId} which it supersedes; the archive check will reject it until one date is corrected`,
				});
			}
			if (successor.status !== 'accepted' || earlier.status === 'superseded') continue;
			if (predecessor) {
				predecessor.entry.lines.push({
					level: 'warning',
					field: 'status',
					message: `was ${predecessor.status}, but accepted ${successor.id} supersedes it; set to superseded`,
				});
				predecessor.status = 'superseded';
			} else {
				successor.entry.lines.push({
					level: 'error',
					field: 'supersedes',
					message: `${predecessorId} is ${earlier.status} in the archive; set its status to superseded by hand`,
				});
			}
		}
	}
	const graph = candidates.map(({ id, supersedes }) => ({ id: id!, supersedes: [...supersedes] }));
	for (const cycle of findSupersessionCycles(graph))
		general.push(`Supersession cycle ${cycle.join(' → ')}: the ADRs supersede each other; fix one link after the import.`);
}

function buildRecord(
	candidate: Candidate,
	candidates: readonly Candidate[],
	options: ImportOptions,
	files: ReadonlySet<string>
): PlannedRecord & { data: ImportedFields } {
	const { adr, entry } = candidate;
	const folder = `${candidate.id!.slice(3)}-${slugify(candidate.title)}`;
	const assets: PlannedRecord['assets'] = [];
	const find = indexAdrTargets(candidates.map((other) => other.adr));
	const idOf = new Map(candidates.map((other) => [other.adr.file, other.id!]));
	const resolveLink = (href: string, image?: boolean): LinkTarget => {
		if (isExternal(href)) return { kind: 'keep' };
		const asset = image ? findAsset(adr.file, href, files) : undefined;
		if (asset) {
			const to = `${folder}/${asset.inRecord}`;
			if (!assets.some((other) => other.to === to)) assets.push({ from: asset.path, to });
			return { kind: 'rewrite', href: `./${to.split('/').map(encodeURIComponent).join('/')}` };
		}
		const file = find(href);
		if (file && idOf.has(file)) return { kind: 'record', id: idOf.get(file)! };
		return { kind: 'drop', reason: /\.(md|markdown)([#?]|$)/i.test(href) ? 'not among the imported ADRs' : 'files next to the ADRs are not copied' };
	};
	const converted = convertToMdx(adr.body, resolveLink);
	converted.text = tidyBlankLines(converted.text);
	entry.lines.push(...converted.notes);
	// Summarised after link rewriting, so `[ADR-0002](0002-x.md)` reads as the record's id there too.
	const context = adr.context === undefined ? undefined : unescapeMdx(convertToMdx(adr.context, resolveLink).text);
	let summary = summarise(context);
	if (!summary) {
		summary = summarise(unescapeMdx(converted.text)) ?? candidate.title;
		entry.lines.push({
			level: 'note',
			field: 'summary',
			message:
				adr.context === undefined ? 'no Context section; taken from the first paragraph' : 'the Context section holds no prose; taken from the first paragraph',
		});
	}
	const data: ImportedFields = {
		id: candidate.id!,
		title: candidate.title,
		date: candidate.date,
		status: candidate.status,
		summary: summary.length > 400 ? `${summary.slice(0, 399)}…` : summary,
		supersedes: [...candidate.supersedes].sort(),
		deciders: candidate.deciders,
		...(candidate.credit.source === 'not-recorded' ? { decidersNotRecorded: true } : {}),
		consulted: candidate.consulted,
		impact: [...options.impact],
		tags: candidate.tags,
		visibility: 'internal',
	};
	const body = `${converted.text}\n\n${renderNote(candidate)}`;
	const file = `${folder}.mdx`;
	entry.record = { id: data.id, file, status: data.status };
	if (assets.length > 0)
		entry.lines.push({ level: 'note', field: 'body', message: `${assets.length} image(s) copied with the record into decisions/${folder}/` });
	return { source: adr.file, format: adr.format, id: data.id, file, status: data.status, data, text: renderRecord(data, body), assets };
}

/**
 * The file under the ADR folder that a relative image link points at, with its path inside the record's own
 * folder (for a record kept in a folder of its own, where it is; otherwise its file name), or undefined.
 */
function findAsset(source: string, href: string, files: ReadonlySet<string>): { path: string; inRecord: string } | undefined {
	let target = href.replace(/^<|>$/g, '').replace(/[#?].*$/, '');
	try {
		target = decodeURIComponent(target);
	} catch {
		// A stray % leaves the path as written.
	}
	const path = posix.normalize(posix.join(posix.dirname(source), target));
	if (path.startsWith('../') || !files.has(path)) return undefined;
	const recordFolder = posix.dirname(source);
	const inRecord = isFolderRecord(source) && path.startsWith(`${recordFolder}/`) ? path.slice(recordFolder.length + 1) : posix.basename(path);
	return { path, inRecord };
}

// Names go in as plain text: escaped like the body, so `@handle` or `<email>` cannot break the MDX.
function renderNote(candidate: Candidate): string {
	const plain = (text: string) => convertToMdx(text, () => ({ kind: 'keep' })).text;
	const parts = [`*Imported from \`${candidate.adr.file.replace(/`/g, '')}\` (${FORMAT_NAMES[candidate.adr.format]}) by \`npm run import-adrs\`.*`];
	const { credit } = candidate;
	if (credit.source === 'history')
		parts.push(
			`Deciders taken from the version history of the file; ${credit.proposer?.startsWith('@') ? credit.proposer : plain(credit.proposer ?? '')} wrote its first version.`
		);
	if (credit.unknown.length > 0) {
		const who = candidate.adr.deciders.length > 0 ? 'Deciders named in the ADR' : 'Authors in the version history of the file';
		parts.push(`${who} who are not in the archive: ${plain(credit.unknown.join(', '))}.`);
	}
	if (candidate.unknown.consulted.length > 0) parts.push(`Consulted, not in the archive: ${plain(candidate.unknown.consulted.join(', '))}.`);
	const informed = [...candidate.informed.ids.map((id) => `@${id}`), ...candidate.informed.unknown.map(plain)];
	if (informed.length > 0) parts.push(`Informed: ${informed.join(', ')}.`);
	return `---\n\n${parts.join(' ')}\n\n{/* adr-import source=${candidate.adr.file.replace(/\s|\*\//g, '_')} sha256=${candidate.hash} */}`;
}
