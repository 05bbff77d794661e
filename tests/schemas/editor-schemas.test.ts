// The JSON Schemas editors check data files with: current, and agreeing with the zod schemas on real entries.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listEditorSchemas, renderEditorSchema } from '../../src/schemas/editor-schemas.ts';
import { FIXTURE_ARCHIVE, PROJECT_ROOT } from '../helpers.ts';

const schemas = listEditorSchemas();
const validatorOf = (file: string) => {
	const ajv = new Ajv2020({ allErrors: true, strict: false });
	return ajv.compile(JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', file), 'utf8')));
};
const readData = (path: string) => (path.endsWith('.json') ? JSON.parse(readFileSync(path, 'utf8')) : parse(readFileSync(path, 'utf8')));
const filesIn = (dir: string, pattern: RegExp) =>
	readdirSync(dir)
		.filter((name) => pattern.test(name))
		.map((name) => join(dir, name));

describe('JSON Schemas for editors', () => {
	it.each(schemas.map((schema) => [schema.file, schema] as const))('schemas/%s is up to date (regenerate: npm run schemas)', (file, schema) => {
		expect(readFileSync(join(PROJECT_ROOT, 'schemas', file), 'utf8')).toBe(renderEditorSchema(schema));
	});

	it('accepts every person and site options file of the example and fixture archives, and every example manifest', () => {
		const cases = [
			...[join(PROJECT_ROOT, 'content'), FIXTURE_ARCHIVE].flatMap((archive) => [
				...filesIn(join(archive, 'people'), /\.ya?ml$/).map((path) => ['person.schema.json', path] as const),
				['site-options.schema.json', join(archive, 'hindsight.yaml')] as const,
			]),
			...filesIn(join(PROJECT_ROOT, 'examples/manifests'), /\.run\.(json|ya?ml)$/).map((path) => ['run-manifest.schema.json', path] as const),
		];
		expect(cases.length).toBeGreaterThan(10);
		for (const [file, path] of cases) {
			const validate = validatorOf(file);
			expect(validate(readData(path)), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
		}
	});

	it('rejects a misspelt field, a missing one and a malformed value', () => {
		const person = validatorOf('person.schema.json');
		expect(person({ name: 'Ada Park', rol: 'Engineer', affiliation: 'Lab' })).toBe(false);
		expect(person.errors?.map(({ keyword, params }) => `${keyword} ${JSON.stringify(params)}`)).toEqual(
			expect.arrayContaining(['required {"missingProperty":"role"}', 'additionalProperties {"additionalProperty":"rol"}'])
		);
		const options = validatorOf('site-options.schema.json');
		expect(options({ holidays: ['2026-13-01'] })).toBe(false);
		expect(options.errors?.[0]?.instancePath).toBe('/holidays/0');
		const manifest = validatorOf('run-manifest.schema.json');
		expect(manifest({ manifestVersion: 1, experiment: 'x' })).toBe(false);
	});

	it('the recommended editor settings apply each schema to the files it checks', () => {
		const settings = JSON.parse(readFileSync(join(PROJECT_ROOT, '.vscode/settings.json'), 'utf8')) as {
			'yaml.schemas': Record<string, string[]>;
			'json.schemas': { fileMatch: string[]; url: string }[];
		};
		for (const { file, appliesTo } of schemas) {
			const yamlGlobs = appliesTo.filter((glob) => !glob.endsWith('.json'));
			const jsonGlobs = appliesTo.filter((glob) => glob.endsWith('.json'));
			const archiveGlob = (glob: string) => (glob.startsWith('**/') ? glob : `content/${glob}`);
			expect(settings['yaml.schemas'][`./schemas/${file}`]).toEqual(yamlGlobs.map(archiveGlob));
			if (jsonGlobs.length > 0) expect(settings['json.schemas']).toContainEqual({ fileMatch: jsonGlobs.map(archiveGlob), url: `./schemas/${file}` });
		}
	});
});
