import { defineCollection } from 'astro:content';
import { pathToFileURL } from 'node:url';
import { glob } from 'astro/loaders';
import { COLLECTION_DIRS, resolveContentDir } from './archive/content-dir.ts';
import { decisionSchema, experimentSchema, personSchema, retroSchema } from './schemas/index.ts';

const contentDir = resolveContentDir(process.cwd());
// Files starting with `_` are drafts and partials, never loaded. Pages render a body from its file and read
// nothing else of it, so the store keeps no copy (`retainBody`): it is written whole after every edit in
// `npm run dev`, and the bodies were most of it.
const from = (dir: string, pattern: string) => glob({ base: pathToFileURL(`${contentDir}/${dir}/`), pattern: `[^_]${pattern}`, retainBody: false });

// Run digests (`runs/*.json`) are not a collection: pages read them directly (src/site/archive.ts).
export const collections = {
	retros: defineCollection({ loader: from(COLLECTION_DIRS.retros, '*.{md,mdx}'), schema: retroSchema }),
	decisions: defineCollection({ loader: from(COLLECTION_DIRS.decisions, '*.{md,mdx}'), schema: decisionSchema }),
	experiments: defineCollection({ loader: from(COLLECTION_DIRS.experiments, '*.{md,mdx}'), schema: experimentSchema }),
	people: defineCollection({ loader: from(COLLECTION_DIRS.people, '*.{yaml,yml}'), schema: personSchema }),
};
