import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseFlatYaml } from '../../src/runs/flat-yaml.ts';

const yaml = (text: string) => parse(text, { intAsBigInt: true, uniqueKeys: false });

function metaFiles(dir: string): string[] {
	return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('meta.yaml')).map((f) => join(dir, f));
}

describe('parseFlatYaml', () => {
	it('reads every meta.yaml of the example store as the YAML parser does', () => {
		const files = metaFiles('examples/mlruns');
		expect(files.length).toBeGreaterThan(10);
		for (const file of files) {
			const text = readFileSync(file, 'utf8');
			const flat = parseFlatYaml(text);
			if (flat !== null) expect(flat, file).toEqual(yaml(text));
		}
	});

	it('reads the plain forms MLflow writes', () => {
		const text = "artifact_uri: file:///m/1/ab/artifacts\nend_time: null\nentry_point_name: ''\nexperiment_id: '482915730118264530'\nid: 482915730118264530\nrun_name: bright-owl-42\nq: 'it''s'\ntags: []\nempty:\n";
		expect(parseFlatYaml(text)).toEqual(yaml(text));
		expect(parseFlatYaml(text)!['id']).toBe(482915730118264530n);
	});

	it('leaves anything else to the YAML parser', () => {
		for (const text of ['a: 1.5\n', 'a: true\n', 'a: 0x1f\n', 'a: "x"\n', 'a: x # c\n', 'a: b c\n', 'a:\n  b: 1\n', '- a\n', 'a: 1\na: 2\n', 'a: 1\r\n', 'a: 1', 'a: 1 \n', 'a: .inf\n', 'a: ~\n', 'a: +1\n', 'a: x:\n', '# c\na: 1\n', 'null: 1\n', 'a: {}\n', 'a: \u0000\n', '\n']) {
			expect(parseFlatYaml(text), JSON.stringify(text)).toBeNull();
		}
	});

	it('agrees with the YAML parser whenever it answers', () => {
		const token = fc.constantFrom('a', 'run_name', 'x1', 'null', 'true', 'False', '1', '-7', '007', '1.5', "'q'", "'it''s'", "''", '[]', 'file:///a/b', 'a:b', 'a:', 'x-y', 'e1', '0x1f', '~', '.nan', 'Yes', 'on', 'a#b', 'a,b', '@x', 'a.b.c', '006fcb9b2e4f4675403acf2465736448', '1e5', '12e', '1E+5', '0o17', '0o8', '0x', '1_000', '1.2.3', '1.', '1:20', '2026-01-01', '3f', '0b101', '1e5x');
		const line = fc.tuple(fc.constantFrom('k', 'end_time', 'status', 'name', 'tags'), fc.option(token, { nil: undefined }));
		fc.assert(
			fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
				const text = lines.map(([k, v]) => (v === undefined ? `${k}:\n` : `${k}: ${v}\n`)).join('');
				const flat = parseFlatYaml(text);
				if (flat === null) return;
				expect(flat).toEqual(yaml(text));
			}),
			{ numRuns: 2000 },
		);
	});
});
