import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchChromium } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(() => browser?.close());

// One page of every type the site makes, the search page with results shown.
const PAGES = [
	'',
	'months/',
	'months/2026-02/',
	'decisions/',
	'decisions/timeline/',
	'decisions/graph/',
	'decisions/dr-0006/',
	'experiments/',
	'experiments/lr-warmup/',
	'lessons/2026/',
	'lessons/tags/data-quality/',
	'people/',
	'people/amara/',
	'search/?q=warmup',
	'no-such-page/',
];

// Moderate in axe's terms, but they make a page hard to move through with a screen reader.
const ALSO_FAILING = new Set(['heading-order', 'landmark-unique']);

async function scan(page: Page, path: string, rules?: string[]): Promise<string[]> {
	await page.goto(`${siteUrl}${path}`);
	if (path.startsWith('search/')) await page.waitForSelector('.search-result-link');
	const builder = new AxeBuilder({ page });
	if (rules) builder.withRules(rules);
	const { violations } = await builder.analyze();
	return violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical' || ALSO_FAILING.has(violation.id))
		.map(
			(violation) =>
				`${path} ${violation.id} (${violation.impact}): ${violation.nodes
					.map((node) => node.target.join(' '))
					.slice(0, 3)
					.join(', ')}`
		);
}

test('every page type passes axe-core with no serious or critical violation in the light theme', async () => {
	const context = await browser.newContext({ colorScheme: 'light' });
	const page = await context.newPage();
	const found: string[] = [];
	for (const path of PAGES) found.push(...(await scan(page, path)));
	await context.close();
	expect(found).toEqual([]);
}, 300_000);

test('every page type keeps its contrast in the dark theme', async () => {
	// Only colours change with the theme, so the dark pass checks the rules about colour alone.
	const context = await browser.newContext({ colorScheme: 'dark' });
	const page = await context.newPage();
	const found: string[] = [];
	for (const path of PAGES) found.push(...(await scan(page, path, ['color-contrast', 'link-in-text-block'])));
	await context.close();
	expect(found).toEqual([]);
}, 300_000);

test('from the search box, a skip link reaches the first result in a few key presses', async () => {
	const page = await browser.newPage();
	await page.goto(`${siteUrl}search/?q=warmup`);
	await page.waitForSelector('.search-result-link');
	await page.focus('#search-query');
	let presses = 0;
	while (presses < 6 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Skip to results') {
		await page.keyboard.press('Tab');
		presses++;
	}
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => document.activeElement?.className)).toBe('search-result-link');
	expect(presses + 2).toBeLessThanOrEqual(6);
	await page.close();
});

test('the links in a chart are reachable by keyboard and not nested in an image', async () => {
	const page = await browser.newPage();
	await page.goto(`${siteUrl}months/2026-02/`);
	const markers = page.locator('svg.chart a.chart-marker');
	expect(await markers.count()).toBeGreaterThan(0);
	expect(await page.locator('[role="img"] a[href]').count()).toBe(0);
	await markers.first().focus();
	expect(await page.evaluate(() => document.activeElement?.getAttribute('class'))).toBe('chart-marker');
	await page.close();
});
