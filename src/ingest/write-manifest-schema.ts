// Writes schemas/run-manifest.schema.json from the zod schema: `node src/ingest/write-manifest-schema.ts`.
// tests/ingest/manifest-schema.test.ts fails when the committed file is out of date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeManifestJsonSchema } from '../schemas/manifest.ts';

export const MANIFEST_JSON_SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas', 'run-manifest.schema.json');

/** The file's exact text: 2-space JSON and a trailing newline. */
export function renderManifestJsonSchema(): string {
	return `${JSON.stringify(makeManifestJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	mkdirSync(dirname(MANIFEST_JSON_SCHEMA_PATH), { recursive: true });
	writeFileSync(MANIFEST_JSON_SCHEMA_PATH, renderManifestJsonSchema());
	process.stdout.write(`wrote ${MANIFEST_JSON_SCHEMA_PATH}\n`);
}
