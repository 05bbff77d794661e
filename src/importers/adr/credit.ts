// Who is credited on an imported record. Only people the record or its file's history names get credit:
// the deciders it names, else the authors of the commits that wrote it, else `--decider`, else nobody,
// with the record marked as not naming its deciders.
import { stringify } from 'yaml';
import { slugify } from '../../archive/drafts.ts';
import type { HistoryAuthor } from './file-history.ts';
import { type KnownPerson, resolveNames } from './people.ts';
import type { ReportLine } from './types.ts';

/** A person file the import proposes for someone the archive does not know yet. */
export interface SuggestedPerson {
	id: string;
	name: string;
	email: string | undefined;
	/** The file name inside `people/`. */
	file: string;
	/** The YAML, ready to save. */
	text: string;
	/** Their names and e-mail addresses as the ADRs and the history write them. */
	aliases: string[];
	/** The source files that name them or whose history they wrote. */
	sources: string[];
}

function renderPerson(person: SuggestedPerson): string {
	const data = { name: person.name, role: 'Not recorded', affiliation: 'Not recorded', aliases: person.aliases };
	const origin = person.email ? 'in the version history of' : 'as a decider in';
	return `# Proposed by npm run import-adrs: named ${origin} imported ADRs. Fill in role and affiliation.\n${stringify(data, { lineWidth: 0 })}`;
}

/** How the deciders of a record were found. */
export type CreditSource = 'record' | 'history' | 'option' | 'not-recorded';

export interface Credit {
	deciders: string[];
	source: CreditSource;
	/** Names from the record or its history that are not (yet) people of the archive. */
	unknown: string[];
	/** Who wrote the first version, as `@id` or, for someone the archive does not know, a name; from history only. */
	proposer?: string;
}

/**
 * The archive's people and the person files proposed so far in one import, so that an author of many
 * files gets one proposal and one id.
 */
export class PeopleBook {
	readonly suggested: SuggestedPerson[] = [];
	readonly #people: readonly KnownPerson[];
	readonly #taken: Set<string>;

	constructor(people: readonly KnownPerson[]) {
		this.#people = people;
		this.#taken = new Set(people.map(({ id }) => id));
	}

	/** The id of the person an author is, by id, name, e-mail or alias (ignoring case). */
	findAuthor(author: HistoryAuthor): string | undefined {
		const keys = [author.name, author.email].filter((key) => key !== '').map((key) => key.toLowerCase());
		const match = (person: KnownPerson) => [person.id, person.name, ...person.aliases].some((name) => keys.includes(name.toLowerCase()));
		return this.#people.find(match)?.id ?? this.suggested.find(match)?.id;
	}

	/** The person file proposed for an author the archive does not know, made once per author. */
	suggest(author: HistoryAuthor, source: string): SuggestedPerson {
		const existing = this.suggested.find(({ id }) => id === this.findAuthor(author));
		if (existing) {
			if (!existing.sources.includes(source)) existing.sources.push(source);
			// The same name under another address (a work and a private e-mail) is one person.
			if (author.email && !existing.aliases.some((alias) => alias.toLowerCase() === author.email.toLowerCase())) {
				existing.aliases.push(author.email);
				existing.text = renderPerson(existing);
			}
			return existing;
		}
		const id = this.#freeId(author);
		const aliases = [author.name, author.email].filter((alias) => alias !== '' && alias.toLowerCase() !== id);
		const person: SuggestedPerson = {
			id,
			name: author.name || author.email,
			email: author.email || undefined,
			aliases,
			file: `${id}.yaml`,
			text: '',
			sources: [source],
		};
		person.text = renderPerson(person);
		this.suggested.push(person);
		return person;
	}

	#freeId(author: HistoryAuthor): string {
		const fromName = slugify(author.name);
		const fromEmail = slugify(author.email.split('@')[0] ?? '');
		let base = [fromName, fromEmail].find((slug) => slug !== 'untitled' && /^[a-z]/.test(slug)) ?? 'person';
		base = base.slice(0, 40).replace(/-+$/, '');
		let id = base;
		for (let n = 2; this.#taken.has(id); n++) id = `${base}-${n}`;
		this.#taken.add(id);
		return id;
	}
}

export interface CreditInput {
	source: string;
	/** Deciders as the record names them. */
	named: readonly string[];
	/** The authors of the file's history, earliest first; undefined when there is no history. */
	history: readonly HistoryAuthor[] | undefined;
	fallbackDeciders: readonly string[];
	/** Credit people the archive does not know yet, under the ids of their proposed person files. */
	writePeople: boolean;
}

/** Decides who is credited on one record and reports how. */
export function creditDeciders(input: CreditInput, book: PeopleBook, people: readonly KnownPerson[], lines: ReportLine[]): Credit {
	if (input.named.length > 0) {
		const { ids, unknown } = resolveNames(input.named, people);
		const proposed = unknown.map((name) =>
			book.suggest(
				{
					name: name
						.replace(/<[^>]*>|\([^)]*\)/g, '')
						.replace(/^@/, '')
						.trim(),
					email: /<([^>\s]+@[^>\s]+)>/.exec(name)?.[1] ?? '',
				},
				input.source
			)
		);
		if (unknown.length > 0) {
			const files = proposed.map(({ file }) => `people/${file}`).join(', ');
			const what = input.writePeople
				? `credited under the person files written for them (${files})`
				: `person files proposed below (${files}); pass --write-people to save them and credit them`;
			lines.push({ level: 'warning', field: 'deciders', message: `not a person of the archive (by id, name or alias): ${unknown.join(', ')}; ${what}` });
		}
		const deciders = input.writePeople ? unique([...ids, ...proposed.map(({ id }) => id)]) : ids;
		if (deciders.length > 0) return { deciders, source: 'record', unknown: input.writePeople ? [] : unknown };
		return fallBack(input, lines, unknown, 'none of the deciders the ADR names is a person of the archive');
	}
	if (input.history && input.history.length > 0) {
		const matched: string[] = [];
		const unknown: string[] = [];
		let proposer: string | undefined;
		for (const author of input.history) {
			const id = book.findAuthor(author) ?? (input.writePeople ? book.suggest(author, input.source).id : undefined);
			if (id !== undefined && (input.writePeople || !book.suggested.some((person) => person.id === id))) {
				if (input.writePeople) book.suggest(author, input.source);
				matched.push(id);
				proposer ??= `@${id}`;
			} else {
				const proposal = book.suggest(author, input.source);
				if (!unknown.some((name) => name === proposal.name || name.startsWith(`${proposal.name} <`)))
					unknown.push(`${proposal.name}${author.email ? ` <${author.email}>` : ''}`);
				proposer ??= proposal.name;
			}
		}
		const deciders = unique(matched);
		if (unknown.length > 0) {
			lines.push({
				level: 'warning',
				field: 'deciders',
				message: `authors in the file's history who are not people of the archive: ${unknown.join(', ')}; person files proposed below, pass --write-people to save them and credit them`,
			});
		}
		if (deciders.length > 0) {
			lines.push({
				level: 'note',
				field: 'deciders',
				message: `none named; taken from the file's history: ${deciders.join(', ')} (${proposer} wrote its first version)`,
			});
			return { deciders, source: 'history', unknown, ...(proposer ? { proposer } : {}) };
		}
		return fallBack(input, lines, unknown, 'none named, and no author in its history is a person of the archive');
	}
	return fallBack(input, lines, [], 'none named, and the file has no version history');
}

function fallBack(input: CreditInput, lines: ReportLine[], unknown: string[], why: string): Credit {
	if (input.fallbackDeciders.length > 0) {
		lines.push({ level: 'warning', field: 'deciders', message: `${why}; set to ${input.fallbackDeciders.join(', ')} (--decider)` });
		return { deciders: [...input.fallbackDeciders], source: 'option', unknown };
	}
	lines.push({
		level: 'warning',
		field: 'deciders',
		message: `${why}; marked as not recorded (decidersNotRecorded: true), which npm run check lists as a to-do`,
	});
	return { deciders: [], source: 'not-recorded', unknown };
}

const unique = (ids: readonly string[]) => [...new Set(ids)];
