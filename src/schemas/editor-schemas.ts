import { z } from 'astro/zod';
import { makeManifestJsonSchema } from './manifest.ts';
import { personSchema } from './person.ts';
import { siteOptionsSchema } from './site-options.ts';

/** A JSON Schema an editor checks a data file with, and the files it applies to. */
export interface EditorSchema {
	/** The file inside `schemas/`. */
	file: string;
	/** The archive files it checks, as globs relative to the archive folder. */
	appliesTo: string[];
	schema: Record<string, unknown>;
}

// Editors check what authors write, so the schemas describe the input: defaults may be left out.
const toJsonSchema = (schema: z.ZodType, file: string, title: string) => ({
	...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }),
	$id: `https://hindsight.invalid/schemas/${file}`,
	title,
});

/**
 * The JSON Schemas of the archive's data files, made from the same zod schemas the site and `npm run check`
 * use. Entries with frontmatter (retros, decisions, experiments) are checked by Astro's own content
 * Intellisense instead, from the collections' schemas.
 */
export function listEditorSchemas(): EditorSchema[] {
	return [
		{ file: 'person.schema.json', appliesTo: ['people/*.yaml', 'people/*.yml'], schema: toJsonSchema(personSchema, 'person.schema.json', 'Hindsight person') },
		{
			file: 'site-options.schema.json',
			appliesTo: ['hindsight.yaml'],
			schema: toJsonSchema(siteOptionsSchema, 'site-options.schema.json', 'Hindsight site options (hindsight.yaml)'),
		},
		{ file: 'run-manifest.schema.json', appliesTo: ['**/*.run.json', '**/*.run.yaml', '**/*.run.yml'], schema: makeManifestJsonSchema() },
	];
}

/** A schema file's exact text: 2-space JSON and a trailing newline. */
export function renderEditorSchema({ schema }: EditorSchema): string {
	return `${JSON.stringify(schema, null, 2)}\n`;
}
