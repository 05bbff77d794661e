/** A person of the target archive, as the importer matches names against them. */
export interface KnownPerson {
	id: string;
	name: string;
	aliases: readonly string[];
}

/** The people named in an ADR that are in the archive, and the names that are not. */
export interface ResolvedNames {
	ids: string[];
	unknown: string[];
}

// ADRs name people as `Ada Park`, `@apark`, `Ada Park <ada@example.org>` or `Ada Park (data team)`.
function normaliseName(name: string): string {
	return name
		.replace(/<[^>]*>|\([^)]*\)/g, '')
		.replace(/^@/, '')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/** Matches each name on a person's id, full name or an alias, ignoring case; keeps order, drops repeats. */
export function resolveNames(names: readonly string[], people: readonly KnownPerson[]): ResolvedNames {
	const byName = new Map<string, string>();
	for (const { id, name, aliases } of people) for (const key of [id, name, ...aliases]) byName.set(normaliseName(key), id);
	const ids: string[] = [];
	const unknown: string[] = [];
	for (const name of names) {
		const email = /<([^@>\s]+)@[^>]*>/.exec(name)?.[1];
		const id = byName.get(normaliseName(name)) ?? (email ? byName.get(email.toLowerCase()) : undefined);
		if (id === undefined) unknown.push(name);
		else if (!ids.includes(id)) ids.push(id);
	}
	return { ids, unknown };
}
