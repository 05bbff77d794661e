import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COMPONENT_TAG, type GenerateSummary, generateArchive, stripComponents } from '../../bench/archive/generate.ts';
import { findComponentUses } from '../../src/archive/component-refs.ts';
import { validateArchive } from '../../src/archive/validate-archive.ts';

/** Hash of every file of an archive folder, by relative path. */
async function hashes(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		out[relative(dir, path)] = createHash('sha256')
			.update(await readFile(path))
			.digest('hex');
	}
	return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

let root: string;
let first: GenerateSummary;
beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'hindsight-bench-archive-'));
	first = await generateArchive({ outDir: join(root, 'a'), seed: 7, years: 1 });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the benchmark archive generator', () => {
	test('writes one year of a busy team', () => {
		expect(first).toMatchObject({ retros: 12, decisions: 60, experiments: 30, runs: 5000, people: 6 });
		expect(first.superseded).toBeGreaterThan(0);
		expect(first.componentUses).toBeGreaterThan(0);
	});

	test('is deterministic: the same seed writes the same files, another seed other files', async () => {
		await generateArchive({ outDir: join(root, 'b'), seed: 7, years: 1 });
		await generateArchive({ outDir: join(root, 'c'), seed: 8, years: 1 });
		const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => hashes(join(root, name))));
		expect(Object.keys(a!)).toHaveLength(first.files + 1); // and runs/index.json, as ingest writes it
		expect(b).toEqual(a);
		expect(c).not.toEqual(a);
	});

	test('writes an archive that passes every check of npm run check', async () => {
		const { issues, archive } = await validateArchive(join(root, 'a'));
		expect(issues).toEqual([]);
		expect(archive.decisions.length).toBe(60);
	});

	test('can leave the MDX components out, and strip them from a body', async () => {
		const summary = await generateArchive({ outDir: join(root, 'plain'), seed: 7, years: 1, runsPerYear: 120 });
		const plain = await generateArchive({ outDir: join(root, 'plain'), seed: 7, years: 1, runsPerYear: 120, components: false });
		expect(summary.componentUses).toBeGreaterThan(0);
		expect(plain.componentUses).toBe(0);
		for (const kind of ['retros', 'decisions', 'experiments']) {
			for (const name of await readdir(join(root, 'plain', kind))) {
				expect(findComponentUses(await readFile(join(root, 'plain', kind, name), 'utf8'))).toEqual([]);
			}
		}
		const body = 'Before.\n\n<RunTable experiment="x" />\n\nIt reached <MetricValue run="r" metric="val/loss" /> then.\n';
		expect(stripComponents(body)).toBe('Before.\n\n\nIt reached  then.\n');
		expect(stripComponents(body)).not.toMatch(COMPONENT_TAG);
	});
});
