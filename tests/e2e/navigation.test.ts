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

test('the decision table, timeline and supersession graph are pages that lead to each other and to the records', async () => {
	await page.goto(`${siteUrl}decisions/`);
	await page.click('nav.decision-views >> text=Timeline');
	await page.waitForURL(/\/research\/retros\/decisions\/timeline\/$/);
	expect(await page.locator('ol.timeline > li').count()).toBeGreaterThan(1);
	expect(await page.locator('nav.site-nav a[aria-current="page"]').textContent()).toBe('Decisions');
	await page.click('nav.decision-views >> text=Supersession graph');
	await page.waitForURL(/\/research\/retros\/decisions\/graph\/$/);
	const node = page.locator('svg.supersession-graph a.graph-node').first();
	const target = (await node.getAttribute('href'))!;
	expect(target).toMatch(/^\/research\/retros\/decisions\/dr-\d{4}\/$/);
	await node.click();
	await page.waitForURL((url) => url.pathname === target);
	await page.goBack();
	await page.click('nav.decision-views >> text=Table');
	await page.waitForURL(/\/research\/retros\/decisions\/$/);
	expect(await page.locator('tbody tr').count()).toBeGreaterThan(10);
});

test('a year of the lesson archive filters by tag, month, person and source with no script, and one filter is a link', async () => {
	await page.goto(`${siteUrl}lessons/2026/`);
	const lessons = page.locator('article.lesson:visible');
	const all = await lessons.count();
	expect(all).toBeGreaterThan(10);
	const choose = (name: string, value: string) => page.click(`label[for="filter:${name}:${value || 'any'}"]`);
	// A lesson's filter values are on the wrappers around it.
	const valuesOf = (name: string) =>
		lessons.evaluateAll((items, attribute) => items.map((item) => item.closest(`[${attribute}]`)?.getAttribute(attribute) ?? null), `data-${name}`);
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
	// The view of one tag within the year is a link, which survives a reload and can be shared.
	const tag = (await page.locator('article.lesson ul.tags a').first().textContent())!;
	await page.goto(`${siteUrl}lessons/2026/#tag:${tag}`);
	await page.reload();
	expect(await page.locator('.linked-filter:visible').count()).toBe(1);
	const tagged = await valuesOf('tag');
	expect(tagged.length).toBeGreaterThan(0);
	expect(tagged.length).toBeLessThan(all);
	for (const tags of tagged) expect(tags?.split(' ')).toContain(tag);
	await page.click('.linked-filter:visible a[href="#"]');
	await expect.poll(() => lessons.count()).toBe(all);
	// Its note leads to the tag's lessons of every year.
	await page.goto(`${siteUrl}lessons/2026/#tag:${tag}`);
	await page.click(`.linked-filter:visible a:text("Every year's")`);
	await page.waitForURL(new RegExp(`/research/retros/lessons/tags/${tag}/$`));
	expect(await page.locator('article.lesson').count()).toBeGreaterThanOrEqual(tagged.length);
});

test("a lesson's tag leads to the tag's page, which spans the years and leads back to each year's view of the tag", async () => {
	await page.goto(`${siteUrl}lessons/`);
	const tagLink = page.locator('article.lesson ul.tags a').first();
	const tag = (await tagLink.textContent())!;
	await tagLink.click();
	await page.waitForURL(new RegExp(`/research/retros/lessons/tags/${tag}/$`));
	const tagsOfEach = await page
		.locator('article.lesson')
		.evaluateAll((items) => items.map((item) => [...item.querySelectorAll('ul.tags a')].map((link) => link.textContent)));
	expect(tagsOfEach.length).toBeGreaterThan(0);
	for (const tags of tagsOfEach) expect(tags).toContain(tag);
	const yearLink = page.locator('section > h2 a').first();
	const year = (await yearLink.textContent())!;
	await yearLink.click();
	await page.waitForURL(new RegExp(`/research/retros/lessons/${year}/#tag:${tag}$`));
	expect(await page.locator('.linked-filter:visible').count()).toBe(1);
});

test('the lesson archive opens on its newest year, and every year has a page reached from every other', async () => {
	await page.goto(`${siteUrl}lessons/`);
	const years = await page.locator('nav.lesson-years a').evaluateAll((links) => links.map((link) => link.textContent ?? ''));
	expect(years).toEqual(['2026', '2025']);
	expect(await page.locator('nav.lesson-years a[aria-current="page"]').textContent()).toBe('2026');
	expect(await page.locator('article.lesson:visible').count()).toBeGreaterThan(10);
	await page.click('nav.lesson-years a:text("2025")');
	await page.waitForURL(/\/research\/retros\/lessons\/2025\/$/);
	const months = await page
		.locator('article.lesson')
		.evaluateAll((items) => items.map((item) => item.closest('[data-month]')?.getAttribute('data-month') ?? ''));
	expect(months.length).toBeGreaterThan(0);
	for (const month of months) expect(month).toMatch(/^2025-/);
	await page.click('nav.lesson-years a:text("2026")');
	await page.waitForURL(/\/research\/retros\/lessons\/2026\/$/);
});

test("a lesson link lands on the lesson on its year's page, and the lesson links back to its source", async () => {
	await page.goto(`${siteUrl}lessons/2025/`);
	const id = await page.locator('article.lesson h3[id]').first().getAttribute('id');
	await page.goto(`${siteUrl}lessons/2025/#${id}`);
	expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(id);
	const source = await page.locator(`article.lesson:has(#${id}) .meta a`).first().getAttribute('href');
	expect(source).toMatch(/^\/research\/retros\/(months|experiments)\//);
});

test("a person's page links each of their lessons to its year's page, where it is the target", async () => {
	await page.goto(`${siteUrl}people/farah/`);
	const link = page.locator('#lessons + ul a').first();
	const target = (await link.getAttribute('href'))!;
	expect(target).toMatch(/^\/research\/retros\/lessons\/\d{4}\/#[a-z0-9-]+$/);
	await link.click();
	await page.waitForURL((url) => url.href.endsWith(target));
	expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(target.split('#')[1]);
});
