import { collectEntryTitles, createRefResolver } from '../model/entry-links.ts';
import type { ResolveRef } from '../markdown/remark-entry-refs.ts';
import { loadSite } from './archive.ts';

let resolver: Promise<ResolveRef> | undefined;

/** Resolves `DR-0006`, `exp:slug` and `@person` to links within this edition; built once per build. */
export function loadRefResolver(): Promise<ResolveRef> {
	// In `npm run dev` the archive changes under the server, as `loadSite` says.
	if (import.meta.env.DEV) resolver = undefined;
	resolver ??= loadSite().then((site) =>
		createRefResolver(
			collectEntryTitles({ decisions: site.decisionById.values(), experiments: site.experimentById.values(), people: site.personById.values() }),
			import.meta.env.BASE_URL
		)
	);
	return resolver;
}
