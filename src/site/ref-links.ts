import { createRefResolver } from '../lib/entry-links.ts';
import type { ResolveRef } from '../lib/remark-entry-refs.ts';
import { loadSite } from './archive.ts';

let resolver: Promise<ResolveRef> | undefined;

/** Resolves `DR-0006`, `exp:slug` and `@person` to links within this edition; built once per build. */
export function loadRefResolver(): Promise<ResolveRef> {
	resolver ??= loadSite().then((site) =>
		createRefResolver(
			{
				decisions: new Map([...site.decisionById].map(([id, { data }]) => [id, `${id}: ${data.title}`])),
				experiments: new Map([...site.experimentById].map(([id, { data }]) => [id, data.title])),
				people: new Map([...site.personById].map(([id, { data }]) => [id, data.name])),
			},
			import.meta.env.BASE_URL
		)
	);
	return resolver;
}
