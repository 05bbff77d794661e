// @ts-check
import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import remarkGfm from 'remark-gfm';
import { resolveCacheDir } from './src/archive/content-dir.ts';
import { createHindsight } from './src/integrations/hindsight.ts';

// Nothing Hindsight starts may contact another host, however Astro is started (an npm script, `npx astro dev`,
// a test): the dev server would otherwise ask the npm registry for a newer Astro, and Astro would send telemetry.
// The configuration is read before either happens.
process.env['ASTRO_DISABLE_UPDATE_CHECK'] ??= 'true';
process.env['ASTRO_TELEMETRY_DISABLED'] ??= '1';

const hindsight = createHindsight();

// The site works under any sub-path of an intranet server: `npm run build -- --base /research/retros/`.
export default defineConfig({
	// Feeds and the sitemap need absolute URLs: set HINDSIGHT_SITE to the server's address
	// (`https://intranet.example.org`); the default is where `npm run preview` serves the site.
	site: process.env.HINDSIGHT_SITE || 'http://localhost:4321',
	output: 'static',
	// One content cache per archive folder (HINDSIGHT_CONTENT), or HINDSIGHT_CACHE_DIR for builds that run side
	// by side. In `npm run dev` Astro keeps its store in .astro/ whatever the cache folder, but the folder is part of
	// the configuration it compares, so pointing HINDSIGHT_CONTENT elsewhere empties that store first.
	cacheDir: resolveCacheDir(process.cwd()),
	trailingSlash: 'always',
	build: { format: 'directory' },
	// remark-gfm is added explicitly, with the project's own remark plugins after it.
	markdown: { processor: unified({ gfm: false, remarkPlugins: [remarkGfm, ...hindsight.remarkPlugins] }) },
	// `optimize` turns the static parts of each MDX body into HTML strings at compile time: the same
	// pages, about 5 s less CPU and 250 MB less memory on a ten-year archive. It would bypass components
	// mapped to HTML elements; the entries' components (<MetricValue> and the rest) are not such.
	integrations: [mdx({ optimize: true }), sitemap({ filter: (page) => !/\/(404|search)\/?$/.test(page) }), hindsight.integration],
	devToolbar: { enabled: false },
	// Astro's editor extension completes and checks the frontmatter of every collection from its zod schema
	// (it reads the JSON Schemas this writes to .astro/collections/); data files use schemas/ (content/README.md).
	experimental: { contentIntellisense: true },
	vite: {
		build: {
			rolldownOptions: {
				// Astro marks every MDX module with a "use astro:head-inject" directive that the bundler then warns it may
				// not keep, ten lines per file (withastro/astro#18087, harmless): at a thousand entries they would bury the
				// build's own messages. Every other warning is shown.
				onLog(level, log, handler) {
					if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('astro:head-inject')) return;
					handler(level, log);
				},
			},
		},
	},
});
