// @ts-check
import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import remarkGfm from 'remark-gfm';
import { createHindsight } from './src/integrations/hindsight.ts';

const hindsight = createHindsight();

// The site works under any sub-path of an intranet server: `npm run build -- --base /research/retros/`.
export default defineConfig({
	output: 'static',
	trailingSlash: 'always',
	build: { format: 'directory' },
	// remark-gfm is added explicitly, with the project's own remark plugins after it.
	markdown: { processor: unified({ gfm: false, remarkPlugins: [remarkGfm, ...hindsight.remarkPlugins] }) },
	integrations: [mdx(), hindsight.integration],
	devToolbar: { enabled: false },
});
