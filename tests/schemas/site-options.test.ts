import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { readSiteOptions } from '../../src/archive/site-options.ts';
import { siteOptionsSchema } from '../../src/schemas/site-options.ts';
import { put, tempDir } from '../ingest/helpers/stores.ts';

describe('site options schema: experiments', () => {
	test('defaults to no rules, and keeps rules in order with their names trimmed', () => {
		expect(siteOptionsSchema.parse({}).experiments).toEqual([]);
		const rules = [
			{ path: 'runs/vision/**', experiment: 'vision' },
			{ from: 'outputs', experiment: ' bert-finetune ' },
			{ path: 'runs/nlp/**', from: 'scratch', experiment: 'nlp-scratch' },
		];
		expect(siteOptionsSchema.parse({ experiments: rules }).experiments).toEqual([rules[0], { from: 'outputs', experiment: 'bert-finetune' }, rules[2]]);
	});

	test.each(['content/README.md', 'src/ingest/README.md'])('the experiments example in %s is valid', (file) => {
		const text = readFileSync(join(import.meta.dirname, '..', '..', file), 'utf8');
		const yaml = /```yaml\n(experiments:[\s\S]*?)```/.exec(text)![1]!;
		const { experiments } = siteOptionsSchema.parse(parse(yaml));
		expect(experiments.length).toBeGreaterThanOrEqual(3);
	});

	test('the shipped example archive is valid', async () => {
		const { issues } = await readSiteOptions(join(import.meta.dirname, '..', '..', 'content'));
		expect(issues).toEqual([]);
	});

	test('a bad rule is reported with the file, its line and field, and what was expected', async () => {
		const archive = tempDir();
		put(
			join(archive, 'hindsight.yaml'),
			[
				'title: T',
				'experiments:',
				'  - path: runs/**',
				'    experiment: ""',
				'  - experiment: all',
				'  - path: ""',
				'    experiment: x',
				'  - from: a',
				'    experiment: b',
				'    note: typo',
				'',
			].join('\n')
		);
		const { issues } = await readSiteOptions(archive, archive);
		expect(issues.map(({ file, line, field, message }) => [file, line, field, message])).toEqual([
			['hindsight.yaml', 4, 'experiments[0].experiment', 'expected the experiment name the runs should get, for example lr-warmup'],
			['hindsight.yaml', 5, 'experiments[1]', 'expected path, from or both: a rule with neither would rename every run'],
			['hindsight.yaml', 6, 'experiments[2].path', 'expected a path or glob, for example runs/vision/** or examples/tensorboard'],
			['hindsight.yaml', 8, 'experiments[3]', 'Unrecognized key: "note"'],
		]);
	});
});
