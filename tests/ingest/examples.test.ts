// The example archive's digests are generated: ingesting examples/ again must reproduce the
// committed content/runs/*.json byte for byte, and each seeded generator must reproduce its store.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSiteOptions } from '../../src/archive/site-options.ts';
import { ingest } from '../../src/ingest/pipeline.ts';
import { tempDir, testOptions } from './helpers/stores.ts';

const repo = resolve(import.meta.dirname, '..', '..');

function listFiles(dir: string, prefix = ''): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]
	);
}

describe('example archive', () => {
	it('npm run ingest -- examples/mlruns examples/manifests examples/sacred examples/dvclive examples/wandb examples/tensorboard examples/hf-trainer reproduces content/runs/ byte for byte', async () => {
		const work = tempDir('hindsight-examples-');
		const paths = [
			'examples/mlruns',
			'examples/manifests',
			'examples/sacred',
			'examples/dvclive',
			'examples/wandb',
			'examples/tensorboard',
			'examples/hf-trainer',
		].map((p) => join(repo, p));
		// As `npm run ingest` does: with the example archive's experiment rules, if it has any
		const { options } = await readSiteOptions(join(repo, 'content'), repo);
		const report = await ingest(testOptions(paths, work, { cwd: repo, cacheDir: null, outDir: join(work, 'out'), experimentRules: options.experiments }));
		expect(report.bad).toEqual([]);
		const committed = readdirSync(join(repo, 'content/runs'))
			.filter((n) => /^(\d{4}-\d{2}|index)\.json$/.test(n))
			.sort();
		expect(readdirSync(join(work, 'out')).sort()).toEqual(committed);
		for (const name of committed) {
			expect(readFileSync(join(work, 'out', name), 'utf8'), name).toBe(readFileSync(join(repo, 'content/runs', name), 'utf8'));
		}
	});

	it.each([
		['generate-mlruns.ts', 'mlruns'],
		['generate-sacred.ts', 'sacred/kd_runs'],
		['generate-dvclive.ts', 'dvclive/label-noise-audit'],
	])('the seeded generator %s reproduces examples/%s', (generator, store) => {
		const out = join(tempDir('hindsight-gen-'), 'store');
		execFileSync(process.execPath, [join(repo, 'examples', generator), out]);
		const files = listFiles(join(repo, 'examples', store)).sort();
		expect(listFiles(out).sort()).toEqual(files);
		for (const f of files) expect(readFileSync(join(out, f)).equals(readFileSync(join(repo, 'examples', store, f))), f).toBe(true);
	});

	it('the seeded generator reproduces examples/wandb, logs included', () => {
		const out = join(tempDir('hindsight-gen-'), 'wandb');
		execFileSync(process.execPath, [join(repo, 'examples/generate-wandb.ts'), out]);
		const files = listFiles(join(repo, 'examples/wandb')).sort();
		expect(files.filter((f) => f.endsWith('.wandb'))).toHaveLength(7);
		expect(listFiles(out).sort()).toEqual(files);
		for (const f of files) expect(readFileSync(join(out, f)).equals(readFileSync(join(repo, 'examples/wandb', f))), f).toBe(true);
	});

	it('the seeded generator reproduces examples/tensorboard and examples/hf-trainer', () => {
		const out = tempDir('hindsight-gen-logs-');
		execFileSync(process.execPath, [join(repo, 'examples/generate-pytorch-logs.ts'), out]);
		for (const kind of ['tensorboard', 'hf-trainer']) {
			const files = listFiles(join(repo, 'examples', kind)).sort();
			expect(files.length).toBeGreaterThan(0);
			expect(listFiles(join(out, kind)).sort()).toEqual(files);
			for (const f of files) expect(readFileSync(join(out, kind, f)).equals(readFileSync(join(repo, 'examples', kind, f))), f).toBe(true);
		}
	});
});
