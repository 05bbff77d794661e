import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchChromium } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
	browser = await launchChromium();
	page = await browser.newPage();
	page.on('request', (request) => requests.push(request.url()));
});
afterAll(() => browser?.close());

test('the theme toggle switches theme and the choice survives a reload without a flash', async () => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto(siteUrl);
	const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
	const light = await background();
	await page.click('#theme-toggle');
	const dark = await background();
	expect(dark).not.toBe(light);
	await page.reload();
	// The theme is applied by a head script before first paint, so it is already set when the DOM is ready.
	expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
	expect(await background()).toBe(dark);
	await page.click('#theme-toggle');
});

test('navigation from home reaches a month, a decision and back, every request staying on this host', async () => {
	await page.goto(siteUrl);
	await page.click('nav.site-nav >> text=Months');
	await expect.poll(() => page.url()).toMatch(/\/research\/retros\/months\/$/);
	await page.locator('.year-grid a').first().click();
	await expect.poll(() => page.url()).toMatch(/\/months\/\d{4}-\d{2}\/$/);
	await page.click('nav.site-nav >> text=Decisions');
	await page.locator('tbody a').first().click();
	await expect.poll(() => page.url()).toMatch(/\/decisions\/dr-\d{4}\/$/);
	expect(await page.locator('h1').textContent()).toMatch(/^DR-\d{4}: /);
	const origin = new URL(siteUrl).origin;
	expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
});

test('an unknown address shows the 404 page', async () => {
	const response = await page.goto(`${siteUrl}decisions/dr-9999/`);
	expect(response?.status()).toBe(404);
	expect(await page.locator('h1').textContent()).toBe('Page not found');
});

test('the decision index filters by status and impact in the browser, with no script', async () => {
	await page.goto(`${siteUrl}decisions/`);
	expect(await page.locator('script').evaluateAll((scripts) => scripts.filter((script) => !script.textContent?.includes('hindsight-theme')).length)).toBe(0);
	const rows = page.locator('tbody tr:visible');
	const all = await rows.count();
	await page.check('input[name="status"][value="superseded"]');
	const superseded = await rows.count();
	expect(superseded).toBeGreaterThan(0);
	expect(superseded).toBeLessThan(all);
	for (const status of await rows.evaluateAll((list) => list.map((row) => row.getAttribute('data-status')))) expect(status).toBe('superseded');
	await page.check('input[name="status"][value="accepted"]');
	expect(await rows.count()).toBeGreaterThan(superseded);
	await page.check('input[name="impact"][value="preprocessing"]');
	const both = await rows.evaluateAll((list) => list.map((row) => [row.getAttribute('data-status'), row.getAttribute('data-impact')]));
	expect(both.length).toBeGreaterThan(0);
	for (const [status, impact] of both) {
		expect(['superseded', 'accepted']).toContain(status);
		expect(impact).toContain('preprocessing');
	}
	await page.click('button[type="reset"]');
	await expect.poll(() => rows.count()).toBe(all);
});

test('the lesson archive filters by tag, month, person and source with no script, and one filter is a link', async () => {
	await page.goto(`${siteUrl}lessons/`);
	const lessons = page.locator('article.lesson:visible');
	const all = await lessons.count();
	expect(all).toBeGreaterThan(10);
	const choose = (name: string, value: string) => page.click(`label[for="filter:${name}:${value || 'any'}"]`);
	// A lesson's filter values are on the wrappers around it.
	const valuesOf = (name: string) => lessons.evaluateAll((items, attribute) => items.map((item) => item.closest(`[${attribute}]`)?.getAttribute(attribute) ?? null), `data-${name}`);
	await choose('source', 'run');
	const fromRuns = await lessons.count();
	expect(fromRuns).toBeGreaterThan(0);
	expect(fromRuns).toBeLessThan(all);
	for (const source of await valuesOf('source')) expect(source).toBe('run');
	await choose('source', '');
	await choose('person', 'farah');
	const farah = await valuesOf('person');
	expect(farah.length).toBeGreaterThan(0);
	for (const people of farah) expect(people?.split(' ')).toContain('farah');
	// While a filter is on, month headings give way to the month each lesson names, so no empty month shows.
	expect(await page.locator('section[data-month] > h2:visible').count()).toBe(0);
	const month = await page.locator('input[name="month"]').nth(1).getAttribute('value');
	// Filters combine as AND: a month and a person.
	await choose('month', month!);
	for (const value of await valuesOf('month')) expect(value).toBe(month);
	for (const people of await valuesOf('person')) expect(people?.split(' ')).toContain('farah');
	await choose('person', '');
	expect(await lessons.count()).toBeGreaterThan(0);
	for (const value of await valuesOf('month')) expect(value).toBe(month);
	await page.click('button[type="reset"]');
	await expect.poll(() => lessons.count()).toBe(all);
	// A tag on a lesson links to the view of that tag, which survives a reload and can be shared.
	const tagLink = page.locator('article.lesson ul.tags a').first();
	const tag = await tagLink.textContent();
	await tagLink.click();
	expect(new URL(page.url()).hash).toBe(`#tag:${tag}`);
	await page.reload();
	expect(await page.locator('.linked-filter:visible').count()).toBe(1);
	const tagged = await valuesOf('tag');
	expect(tagged.length).toBeGreaterThan(0);
	expect(tagged.length).toBeLessThan(all);
	for (const tags of tagged) expect(tags?.split(' ')).toContain(tag);
	await page.click('.linked-filter:visible a');
	await expect.poll(() => lessons.count()).toBe(all);
});

test('a lesson link lands on the lesson, and the lesson links back to its source', async () => {
	await page.goto(`${siteUrl}lessons/`);
	const id = await page.locator('article.lesson h3[id]').first().getAttribute('id');
	await page.goto(`${siteUrl}lessons/#${id}`);
	expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(id);
	const source = await page.locator(`article.lesson:has(#${id}) .meta a`).first().getAttribute('href');
	expect(source).toMatch(/^\/research\/retros\/(months|experiments)\//);
});
