import type { ResolveRef } from '../markdown/remark-entry-refs.ts';
import { createInlineRenderer, type RenderInline } from '../markdown/render-inline.ts';
import { collectEntryTitles, createRefResolver } from '../model/entry-links.ts';
import type { SiteModel } from '../model/site-model.ts';

let latest: { site: SiteModel; resolve: ResolveRef } | undefined;

/** Resolves `DR-0006`, `exp:slug` and `@person` to links within this edition; made once per site model. */
export function loadRefResolver(site: SiteModel): ResolveRef {
	if (latest?.site !== site) {
		const titles = collectEntryTitles({ decisions: site.decisionById.values(), experiments: site.experimentById.values(), people: site.personById.values() });
		latest = { site, resolve: createRefResolver(titles, import.meta.env.BASE_URL) };
	}
	return latest.resolve;
}

let latestRenderer: { resolve: ResolveRef; render: Promise<RenderInline> } | undefined;

/** Renders frontmatter Markdown with this edition's links; made once per site model. */
export async function loadInlineRenderer(site: SiteModel): Promise<RenderInline> {
	const resolve = loadRefResolver(site);
	if (latestRenderer?.resolve !== resolve) latestRenderer = { resolve, render: createInlineRenderer(resolve) };
	return latestRenderer.render;
}
