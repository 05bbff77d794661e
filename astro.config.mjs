// @ts-check
import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import remarkGfm from 'remark-gfm';
import { createHindsight } from './src/integrations/hindsight.ts';

const hindsight = createHindsight();

// The site works under any sub-path of an intranet server: `npm run build -- --base /research/retros/`.
export default defineConfig({
	// Feeds and the sitemap need absolute URLs: set HINDSIGHT_SITE to the server's address
	// (`https://intranet.example.org`); the default is where `npm run preview` serves the site.
	site: process.env.HINDSIGHT_SITE || 'http://localhost:4321',
	output: 'static',
	// Builds that run side by side (tests, benchmarks) each keep their own content cache.
	...(process.env.HINDSIGHT_CACHE_DIR ? { cacheDir: process.env.HINDSIGHT_CACHE_DIR } : {}),
	trailingSlash: 'always',
	build: { format: 'directory' },
	// remark-gfm is added explicitly, with the project's own remark plugins after it.
	markdown: { processor: unified({ gfm: false, remarkPlugins: [remarkGfm, ...hindsight.remarkPlugins] }) },
	integrations: [mdx(), sitemap({ filter: (page) => !/\/(404|search)\/?$/.test(page) }), hindsight.integration],
	devToolbar: { enabled: false },
});
