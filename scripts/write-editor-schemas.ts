// Writes the JSON Schemas of the archive's data files into schemas/ (person, hindsight.yaml, run manifests).
// tests/schemas/editor-schemas.test.ts fails when a committed file is out of date.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listEditorSchemas, renderEditorSchema } from '../src/schemas/editor-schemas.ts';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
await mkdir(dir, { recursive: true });
for (const schema of listEditorSchemas()) {
	const path = join(dir, schema.file);
	// Written whole or not at all, so an editor never reads half a schema.
	await writeFile(`${path}.${process.pid}.tmp`, renderEditorSchema(schema));
	await rename(`${path}.${process.pid}.tmp`, path);
	console.info(`wrote schemas/${schema.file}`);
}
