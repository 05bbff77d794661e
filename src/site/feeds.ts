import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { loadSite } from './archive.ts';

/** The RSS feed of one kind of entry, newest first; links carry the base path, `rss` adds the site. */
export async function renderFeed(context: APIContext, kind: 'retros' | 'decisions') {
	const site = await loadSite();
	const { title, description } = site.options;
	const base = import.meta.env.BASE_URL;
	const items =
		kind === 'retros'
			? site.months
					.filter((model) => model.retro)
					.map(({ month, retro }) => ({
						title: `${month}: ${retro!.data.title}`,
						description: retro!.data.summary,
						link: `${base}months/${month}/`,
						pubDate: new Date(`${month}-01T00:00:00Z`),
						categories: retro!.data.tags,
					}))
			: [...site.decisionById.values()].map(({ data }) => ({
					title: `${data.id}: ${data.title} (${data.status})`,
					description: data.summary,
					link: `${base}decisions/${data.id.toLowerCase()}/`,
					pubDate: new Date(`${data.date}T00:00:00Z`),
					categories: [...data.impact, ...data.tags],
				}));
	items.sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime());
	return rss({
		title: `${title}: ${kind === 'retros' ? 'monthly retrospectives' : 'decision records'}`,
		description,
		site: new URL(base, context.site),
		items,
		trailingSlash: true,
	});
}
