/**
 * The shorter names a reader may search an identifier by: the trailing parts of a path or a dotted
 * key, as written (`src/data/normalize.py` → `data/normalize.py`, `normalize.py`;
 * `augment.mixup_alpha` → `mixup_alpha`). Parts shorter than four characters are left out: `lr` or
 * `f1` alone would match too much.
 */
export function listIdentifierAliases(identifier: string): string[] {
	const aliases = new Set<string>();
	const separators = [...identifier.matchAll(/[/.]/g)].map((match) => match.index);
	for (const index of separators) {
		const rest = identifier.slice(index + 1);
		// A file extension on its own (`py`, `yaml`) is not a name.
		const isExtension = index === identifier.lastIndexOf('.') && /^[a-z0-9]{1,5}$/i.test(rest);
		if (rest.length >= 4 && !isExtension) aliases.add(rest);
	}
	return [...aliases];
}

/** The decision id as readers type it: `DR-0042` → `DR 42`, `DR42`, `DR-42`. */
export function listDecisionIdAliases(id: string): string[] {
	const number = String(Number(id.slice(3)));
	return [`DR ${number}`, `DR${number}`, `DR-${number}`];
}
