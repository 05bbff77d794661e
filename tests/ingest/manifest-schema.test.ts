import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../src/ingest/adapters/manifest.ts';
import { MANIFEST_JSON_SCHEMA_PATH, renderManifestJsonSchema } from '../../src/ingest/write-manifest-schema.ts';

describe('run manifest schema', () => {
	it('schemas/run-manifest.schema.json is up to date (regenerate: node src/ingest/write-manifest-schema.ts)', () => {
		expect(readFileSync(MANIFEST_JSON_SCHEMA_PATH, 'utf8')).toBe(renderManifestJsonSchema());
	});

	it('accepts the short manifest from the README', () => {
		const readme = readFileSync(new URL('../../src/ingest/README.md', import.meta.url), 'utf8');
		const text = readme.slice(readme.indexOf('## The run manifest'));
		const yaml = /```yaml\n([\s\S]*?)```/.exec(text)![1]!;
		expect(parseManifestText(yaml, 'readme.run.yaml')).toMatchObject({ id: expect.any(String) });
		const json = /```json\n([\s\S]*?)```/.exec(text)![1]!;
		expect(parseManifestText(json, 'readme.run.json')).toMatchObject({ id: expect.any(String) });
	});
});
