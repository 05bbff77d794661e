import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
	browser = await launchChromium();
	page = await browser.newPage();
	await page.goto(`${siteUrl}search/`);
});
afterAll(() => browser?.close());

/**
 * The relevance suite: a query a researcher types, and the page that must come first. Identifiers are
 * found by their whole name and by their parts, and the record that decides about one outranks pages
 * that merely mention it.
 */
const SUITE: [query: string, expected: string][] = [
	// Config keys, whole and by their parts.
	['augment.mixup_alpha', 'decisions/dr-0008/'],
	['mixup_alpha', 'decisions/dr-0008/'],
	['optimizer.warmup_steps', 'decisions/dr-0005/'],
	['warmup_steps', 'decisions/dr-0005/'],
	['distill.temperature', 'decisions/dr-0015/'],
	['data.label_filter', 'decisions/dr-0016/'],
	['label_filter', 'decisions/dr-0016/'],
	['train.grad_clip_norm', 'decisions/dr-0003/'],
	['grad_clip_norm', 'decisions/dr-0003/'],
	['MLFLOW_TRACKING_URI', 'decisions/dr-0009/'],
	// File paths, whole and by their last parts.
	['src/data/normalize.py', 'decisions/dr-0006/'],
	['normalize.py', 'decisions/dr-0006/'],
	['eval/holdout_v2.yaml', 'decisions/dr-0011/'],
	['holdout_v2.yaml', 'decisions/dr-0011/'],
	['src/eval/dedup.py', 'decisions/dr-0012/'],
	['src/data/split.py', 'decisions/dr-0002/'],
	['scripts/plot_runs.py', 'decisions/dr-0007/'],
	['src/tracking/manifest.py', 'decisions/dr-0010/'],
	// Metric keys with a slash.
	['holdout/f1', 'decisions/dr-0013/'],
	// A commit a decision names (the first one, written right after its label).
	['a41f0d2e9', 'decisions/dr-0002/'],
	// Record ids, however they are typed.
	['DR-0006', 'decisions/dr-0006/'],
	['DR 11', 'decisions/dr-0011/'],
	['dr15', 'decisions/dr-0015/'],
	// People.
	['Farah Haddad', 'people/farah/'],
	['Ingrid Larsen', 'people/ingrid/'],
	// Experiments and prose.
	['Auditing training labels for noise', 'experiments/label-noise-audit/'],
	['exp:label-noise-audit', 'experiments/label-noise-audit/'],
	['distillation into resnet18', 'experiments/distill-small/'],
	// Statuses with a topic.
	['Enable mixup augmentation by default', 'decisions/dr-0008/'],
	['proposed drop flagged training labels', 'decisions/dr-0016/'],
	['superseded MLflow file store NFS', 'decisions/dr-0001/'],
];

async function firstResult(query: string): Promise<string> {
	await page.fill('#search-query', query);
	await page.press('#search-query', 'Enter');
	await page.waitForFunction(
		(typed) =>
			(document.querySelector('.search-status')?.textContent ?? '').includes(`“${typed}”`) &&
			document.querySelector('.search-results')?.getAttribute('aria-busy') === 'false',
		query
	);
	if ((await page.locator('.search-result-link').count()) === 0) return '';
	const href = await page.locator('.search-result-link').first().getAttribute('href');
	return (href ?? '').split('#')[0]!.replace(new URL(siteUrl).pathname, '');
}

describe('search relevance on the example archive', () => {
	test(`each of the ${SUITE.length} queries finds its expected page first`, { timeout: 120_000 }, async () => {
		expect(SUITE.length).toBeGreaterThanOrEqual(25);
		const misses: string[] = [];
		for (const [query, expected] of SUITE) {
			const first = await firstResult(query);
			if (first !== expected) misses.push(`${query} → ${first || 'no result'} (expected ${expected})`);
		}
		expect(misses).toEqual([]);
	});
});
