import type { ResolveRef } from '../markdown/remark-entry-refs.ts';
import { collectEntryTitles, createRefResolver } from '../model/entry-links.ts';
import type { SiteModel } from '../model/site-model.ts';
import { loadSite } from './archive.ts';

let latest: { site: SiteModel; resolve: ResolveRef } | undefined;

/** Resolves `DR-0006`, `exp:slug` and `@person` to links within this edition; made once per site model. */
export async function loadRefResolver(): Promise<ResolveRef> {
	const site = await loadSite();
	if (latest?.site !== site) {
		const titles = collectEntryTitles({ decisions: site.decisionById.values(), experiments: site.experimentById.values(), people: site.personById.values() });
		latest = { site, resolve: createRefResolver(titles, import.meta.env.BASE_URL) };
	}
	return latest.resolve;
}
