import type { ResolveRef } from '../markdown/remark-entry-refs.ts';
import { createInlineRenderer, type RenderInline } from '../markdown/render-inline.ts';
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

let latestRenderer: { resolve: ResolveRef; render: Promise<RenderInline> } | undefined;

/** Renders frontmatter Markdown with this edition's links; made once per site model. */
export async function loadInlineRenderer(): Promise<RenderInline> {
	const resolve = await loadRefResolver();
	if (latestRenderer?.resolve !== resolve) latestRenderer = { resolve, render: createInlineRenderer(resolve) };
	return latestRenderer.render;
}
