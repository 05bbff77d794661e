import { parseEntryRef } from '../archive/check-references.ts';
import type { ResolveRef } from '../markdown/remark-entry-refs.ts';
import type { Decision, Experiment, Person } from '../schemas/index.ts';
import { decisionPath, experimentPath, personPath, withBase } from './urls.ts';

/** What a prose reference can point at: every decision, experiment and person, with a title. */
export interface EntryTitles {
	decisions: Map<string, string>;
	experiments: Map<string, string>;
	people: Map<string, string>;
}

/** The linkable entries, as the archive check and the site model both hold them. */
export interface LinkableEntries {
	decisions: Iterable<{ data: Decision }>;
	experiments: Iterable<{ id: string; data: Experiment }>;
	people: Iterable<{ id: string; data: Person }>;
}

/** Collects the titles of every linkable entry of the archive. */
export function collectEntryTitles(archive: LinkableEntries): EntryTitles {
	return {
		decisions: new Map([...archive.decisions].map(({ data }) => [data.id, `${data.id}: ${data.title}`])),
		experiments: new Map([...archive.experiments].map(({ id, data }) => [id, data.title])),
		people: new Map([...archive.people].map(({ id, data }) => [id, data.name])),
	};
}

/** Resolves `DR-0012`, `exp:slug` and `@person` to a link under the site's base path. */
export function createRefResolver(titles: EntryTitles, base: string): ResolveRef {
	return (ref) => {
		const { kind, id } = parseEntryRef(ref);
		if (kind === 'decisions') return linkTo(titles.decisions.get(id), withBase(base, decisionPath(id)));
		if (kind === 'experiments') return linkTo(titles.experiments.get(id), withBase(base, experimentPath(id)));
		if (kind === 'people') return linkTo(titles.people.get(id), withBase(base, personPath(id)));
		return undefined;
	};
}

const linkTo = (title: string | undefined, url: string) => (title === undefined ? undefined : { url, title });
