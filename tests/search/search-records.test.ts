import { expect, test } from 'vitest';
import { validateArchive } from '../../src/archive/validate-archive.ts';
import { buildSearchRecords, toPlainText } from '../../src/search/search-records.ts';
import { FIXTURE_ARCHIVE } from '../helpers.ts';

test('plain text keeps words and code, drops markup and component tags', () => {
	expect(
		toPlainText(
			'## Decision\nSet `optimizer.lr` to **3e-4**; see [the run](https://x) <MetricValue run="a" metric="b" />.\n```yaml\naugment.mixup_alpha: 0.2\n```'
		)
	).toBe('Decision Set optimizer.lr to 3e-4 ; see the run . augment.mixup_alpha: 0.2');
});

test('every entry becomes a record under the base path, with the filters the built pages carry', async () => {
	const { archive } = await validateArchive(FIXTURE_ARCHIVE);
	const records = buildSearchRecords(archive, '/research/retros/');
	expect(records).toHaveLength(4 + 2 + 1 + 3);
	const decision = records.find((record) => record.url === '/research/retros/decisions/dr-0004/')!;
	expect(decision.meta).toEqual({ title: 'DR-0004: Normalise inputs with training-split statistics only', kind: 'decision', date: '2026-02-20' });
	expect(decision.filters).toMatchObject({
		kind: ['decision'],
		status: ['accepted'],
		impact: ['preprocessing', 'evaluation'],
		person: ['ada', 'cleo'],
		month: ['2026-02'],
		year: ['2026'],
	});
	expect(decision.content).toContain('src/data/zscore_inputs.py');
	expect(decision.content).toContain('data.zscore_momentum');
});

test('dev search holds what the month and experiment pages show: exchanges, rejected ideas and lessons', async () => {
	const { archive } = await validateArchive(FIXTURE_ARCHIVE);
	const records = buildSearchRecords(archive, '/');
	const month = records.find((record) => record.url === '/months/2026-02/')!;
	expect(month.content).toContain('Found the statistics leak');
	expect(month.content).toContain('Comparable but wrong numbers are worse than a clean break.');
	const experiment = records.find((record) => record.url === '/experiments/warmup-trial/')!;
	expect(experiment.content).toContain('Two runs with the same peak rate behaved differently');
});
