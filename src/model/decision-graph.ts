import type { Decision } from '../schemas/index.ts';

/** The records that supersede each record, derived from every record's `supersedes`; sorted by id. */
export function mapSuccessors(decisions: readonly Pick<Decision, 'id' | 'supersedes'>[]): Map<string, string[]> {
	const successors = new Map<string, string[]>();
	for (const { id, supersedes } of decisions) {
		for (const predecessor of supersedes) {
			const list = successors.get(predecessor) ?? [];
			list.push(id);
			successors.set(predecessor, list);
		}
	}
	for (const list of successors.values()) list.sort();
	return successors;
}

/**
 * Every supersession cycle, each as the ids along it (`['DR-0003', 'DR-0007', 'DR-0003']`), found once
 * whatever record it is entered from.
 */
export function findSupersessionCycles(decisions: readonly Pick<Decision, 'id' | 'supersedes'>[]): string[][] {
	const edges = new Map(decisions.map(({ id, supersedes }) => [id, [...supersedes].sort()]));
	const state = new Map<string, 'visiting' | 'done'>();
	const cycles: string[][] = [];
	const stack: string[] = [];
	const visit = (id: string) => {
		state.set(id, 'visiting');
		stack.push(id);
		for (const next of edges.get(id) ?? []) {
			if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next]);
			else if (!state.has(next) && edges.has(next)) visit(next);
		}
		stack.pop();
		state.set(id, 'done');
	};
	for (const id of [...edges.keys()].sort()) if (!state.has(id)) visit(id);
	return cycles;
}

/** A broken rule of the decision lifecycle, attached to the record and field that must change. */
export interface LifecycleProblem {
	id: string;
	field: 'status' | 'supersedes' | 'date';
	message: string;
}

/**
 * Checks the lifecycle rules that span records: a superseded record has a successor; an accepted
 * successor's predecessors are marked superseded; successors are not dated before what they replace;
 * no record supersedes itself or sits on a cycle.
 */
export function checkDecisionLifecycle(decisions: readonly Decision[]): LifecycleProblem[] {
	const problems: LifecycleProblem[] = [];
	const byId = new Map(decisions.map((decision) => [decision.id, decision]));
	const successors = mapSuccessors(decisions);
	for (const decision of decisions) {
		if (decision.status === 'superseded' && !successors.has(decision.id)) {
			problems.push({
				id: decision.id,
				field: 'status',
				message: `is "superseded" but no record lists ${decision.id} in its supersedes; add the successor or change the status`,
			});
		}
		for (const predecessorId of decision.supersedes) {
			const predecessor = byId.get(predecessorId);
			if (predecessorId === decision.id) {
				problems.push({ id: decision.id, field: 'supersedes', message: `${decision.id} cannot supersede itself` });
				continue;
			}
			if (!predecessor) continue; // an unknown id is reported by the reference check
			if (predecessor.date > decision.date) {
				problems.push({
					id: decision.id,
					field: 'date',
					message: `${decision.date} is before ${predecessor.date}, the date of ${predecessorId} which it supersedes`,
				});
			}
		}
	}
	for (const predecessor of decisions) {
		if (predecessor.status === 'superseded') continue;
		const accepted = (successors.get(predecessor.id) ?? []).filter((id) => byId.get(id)?.status === 'accepted');
		if (accepted.length === 0) continue;
		problems.push({
			id: predecessor.id,
			field: 'status',
			message: `is "${predecessor.status}" but accepted ${accepted.join(' and ')} supersede${accepted.length === 1 ? 's' : ''} it; expected "superseded"`,
		});
	}
	for (const cycle of findSupersessionCycles(decisions)) {
		problems.push({
			id: cycle[0] ?? '',
			field: 'supersedes',
			message: `supersession cycle: ${cycle.join(' → ')}; a record cannot be replaced by one it replaces`,
		});
	}
	return problems;
}
