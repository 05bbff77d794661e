/** Where an ADR reference leads: a file in the import, or undefined. */
export type FindAdr = (target: string) => string | undefined;

function baseName(target: string): string {
	let path = target.replace(/[#?].*$/, '');
	try {
		path = decodeURIComponent(path);
	} catch {
		// A stray % leaves the name as written.
	}
	// A record kept in a folder of its own is named by its folder: `../0005-use-x/README.md`, `../0005-use-x/`.
	path = path.replace(/\/(?:readme|index)\.(?:md|markdown|html)$/i, '').replace(/\/+$/, '');
	return (path.split('/').pop() ?? '').replace(/\.(md|markdown|mdx|html)$/i, '').toLowerCase();
}

/**
 * Finds the ADR a link or a plain reference names: by file (`0005-use-x.md`, `../adr/0005-use-x.md`,
 * a Log4brains slug `20240115-use-x`), else by number (`ADR-0005`, `ADR 5`, `#5`, `5. Use X`) when only
 * one file has it.
 */
export function indexAdrTargets(adrs: readonly { file: string; number: number | undefined }[]): FindAdr {
	const byName = new Map(adrs.map(({ file }) => [baseName(file), file]));
	const byNumber = new Map<number, string | null>();
	for (const { file, number } of adrs) if (number !== undefined) byNumber.set(number, byNumber.has(number) ? null : file);
	return (target) => {
		const name = baseName(target);
		if (name !== '' && byName.has(name)) return byName.get(name);
		const number = /^(?:adr[\s-]*)?#?(\d+)(?:\b|$)/i.exec(target.trim())?.[1];
		return number === undefined ? undefined : (byNumber.get(Number(number)) ?? undefined);
	};
}
