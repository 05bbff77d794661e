import type { Run } from '../schemas/index.ts';

/**
 * The run an author means: by id, else by name when exactly one run has it. Throws a message that
 * says what was found instead, for the build to show.
 */
export function findRun(index: { runById: Map<string, Run>; runsByName: Map<string, Run[]> }, wanted: string): Run {
	const byId = index.runById.get(wanted);
	if (byId) return byId;
	const byName = index.runsByName.get(wanted) ?? [];
	if (byName.length === 1) return byName[0]!;
	if (byName.length > 1) throw new Error(`Run name "${wanted}" is used by ${byName.length} runs (${byName.map((run) => run.id).join(', ')}); use the run id.`);
	throw new Error(`No run has the id or name "${wanted}" in the digests.`);
}
