import { defineCollection } from 'astro:content';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'astro/loaders';

// The same MDX files Hindsight builds (retros, decisions, experiments), without a schema.
const base = resolve(process.env.FLOOR_CONTENT || '../work/floor-content');
const from = (dir: string) => defineCollection({ loader: glob({ base: pathToFileURL(`${base}/${dir}/`), pattern: '*.mdx' }) });

export const collections = { retros: from('retros'), decisions: from('decisions'), experiments: from('experiments') };
