// @ts-check
// The floor of the build benchmark: bare Astro with the same Markdown processor as Hindsight (unified
// plus remark-gfm) and @astrojs/mdx, one minimal page per MDX file. Package-free: everything resolves
// from the repository's root node_modules. bench/build/run.ts points it at a folder of MDX files with
// FLOOR_CONTENT and at its output and cache folders with FLOOR_OUT and FLOOR_CACHE. FLOOR_PROCESSOR=default
// keeps Astro 7's own Markdown processor (Sätteri, GFM built in), the one Starlight uses: for reference only.
import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import remarkGfm from 'remark-gfm';

export default defineConfig({
	output: 'static',
	trailingSlash: 'always',
	build: { format: 'directory' },
	outDir: process.env.FLOOR_OUT || './dist',
	cacheDir: process.env.FLOOR_CACHE || './node_modules/.astro',
	...(process.env.FLOOR_PROCESSOR === 'default' ? {} : { markdown: { processor: unified({ gfm: false, remarkPlugins: [remarkGfm] }) } }),
	integrations: [mdx()],
	devToolbar: { enabled: false },
	vite: { cacheDir: `${process.env.FLOOR_CACHE || './node_modules/.astro'}/vite` },
});
