import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { parseFrontmatter } from '../../src/archive/frontmatter.ts';
import { PROJECT_ROOT } from '../helpers.ts';
import { launchChromium } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
	browser = await launchChromium();
	page = await browser.newPage();
});
afterAll(() => browser?.close());

/** Runs a query through the search page and returns the result links in rank order. */
async function search(query: string): Promise<string[]> {
	await page.goto(`${siteUrl}search/?q=${encodeURIComponent(query)}`);
	await page.waitForSelector('.search-result-link', { timeout: 15_000 });
	// An identifier query shows its first results while it still checks the others: wait for the first page.
	await page.waitForFunction(() => document.querySelector('.search-results')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 15_000 });
	// Result links carry a text fragment that marks the query on the target page; the page is what matters here.
	return page.locator('.search-result-link').evaluateAll((links) => links.map((link) => (link.getAttribute('href') ?? '').split('#')[0]!));
}

/** The number the results message states ("12 results for …"), once an identifier query has counted them all. */
async function resultCount(): Promise<number> {
	await page.waitForFunction(() => !(document.querySelector('.search-status')?.textContent ?? '').includes('counting'), undefined, { timeout: 15_000 });
	const text = await page.locator('.search-status').textContent();
	return Number(/(\d+)\s+result/.exec(text ?? '')?.[1] ?? Number.NaN);
}

/**
 * Identifiers in backticks that exactly one decision's text mentions, read from the example archive,
 * with that decision's id.
 */
async function findUniqueIdentifiers(): Promise<{ identifier: string; decision: string }[]> {
	const dir = join(PROJECT_ROOT, 'content/decisions');
	const mentions = new Map<string, Set<string>>();
	for (const name of (await readdir(dir)).filter((file) => file.endsWith('.mdx'))) {
		const text = await readFile(join(dir, name), 'utf8');
		const id = String(parseFrontmatter(text).data['id']);
		for (const [, identifier] of text.matchAll(/`([A-Za-z_][\w./-]*[._/][\w./-]*)`/g)) {
			mentions.set(identifier!, (mentions.get(identifier!) ?? new Set()).add(id));
		}
	}
	return [...mentions].filter(([, ids]) => ids.size === 1).map(([identifier, ids]) => ({ identifier, decision: [...ids][0]! }));
}

describe('search in the example site served under /research/retros/', () => {
	test('a config key that only one decision mentions finds that decision first', async () => {
		const unique = await findUniqueIdentifiers();
		const configKeys = unique.filter(({ identifier }) => /^[a-z_]+\.[a-z_]+$/.test(identifier));
		expect(configKeys.length).toBeGreaterThanOrEqual(3);
		const misses: string[] = [];
		for (const { identifier, decision } of configKeys) {
			const [first] = await search(identifier);
			if (!first?.endsWith(`/decisions/${decision.toLowerCase()}/`)) misses.push(`${identifier}: expected ${decision}, got ${first}`);
		}
		expect(misses).toEqual([]);
	}, 90_000);

	test('file paths and metric keys that only one decision mentions find that decision first', async () => {
		const unique = (await findUniqueIdentifiers()).filter(({ identifier }) => identifier.includes('/'));
		expect(unique.length).toBeGreaterThanOrEqual(2);
		const misses: string[] = [];
		for (const { identifier, decision } of unique) {
			const [first] = await search(identifier);
			if (!first?.endsWith(`/decisions/${decision.toLowerCase()}/`)) misses.push(`${identifier}: expected ${decision}, got ${first}`);
		}
		expect(misses).toEqual([]);
	}, 90_000);

	test('a first search fetches each Pagefind file once, from the main thread, with what the page asked ahead for', async () => {
		const context = await browser.newContext();
		const fresh = await context.newPage();
		const requested: string[] = [];
		fresh.on('request', (request) => requested.push(new URL(request.url()).pathname));
		await fresh.goto(`${siteUrl}search/?q=normalisation`);
		await fresh.waitForSelector('.search-result-link', { timeout: 15_000 });
		await fresh.waitForLoadState('networkidle');
		await context.close();
		const bundle = requested.filter((path) => path.includes('/pagefind/'));
		expect(bundle.some((path) => path.endsWith('/pagefind/wasm.en.pagefind'))).toBe(true);
		expect(bundle.some((path) => path.endsWith('pagefind-worker.js'))).toBe(false);
		expect(bundle.filter((path) => path.endsWith('/pagefind.js') || path.endsWith('pagefind-entry.json') || path.endsWith('.pagefind'))).toHaveLength(3);
		expect(new Set(bundle).size).toBe(bundle.length);
	});

	test('result links stay under the base path', async () => {
		const links = await search('val_loss');
		expect(links.length).toBeGreaterThan(0);
		for (const link of links) expect(link.startsWith('/research/retros/')).toBe(true);
	});

	test('a filter narrows the results to the chosen kind', async () => {
		await search('val_loss');
		const before = await resultCount();
		await page.check('#filter-kind-decision');
		await page.waitForFunction((previous) => {
			const text = document.querySelector('.search-status')?.textContent ?? '';
			const count = Number(/(\d+)\s+result/.exec(text)?.[1]);
			return count > 0 && count < previous;
		}, before);
		const links = await page.locator('.search-result-link').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href') ?? ''));
		expect(await resultCount()).toBeLessThan(before);
		for (const link of links) expect(link).toMatch(/\/decisions\/dr-\d{4}\//);
	});

	test('the header search box leads to the search page with results', async () => {
		await page.goto(`${siteUrl}decisions/`);
		await page.fill('#header-search-input', 'normalize');
		await page.press('#header-search-input', 'Enter');
		await page.waitForURL(/\/research\/retros\/search\/\?q=normalize/);
		await page.waitForSelector('.search-result-link');
		expect(await resultCount()).toBeGreaterThan(0);
	});
});

describe('filters in the search page', () => {
	test('values of one filter combine with OR, filters with AND, and the URL keeps the search', async () => {
		await search('normalisation');
		const total = await resultCount();
		await page.check('#filter-kind-decision');
		await page.waitForFunction((n) => !document.querySelector('.search-status')?.textContent?.startsWith(`${n} `), total);
		const decisions = await resultCount();
		await page.check('#filter-kind-experiment');
		await page.waitForFunction((n) => !document.querySelector('.search-status')?.textContent?.startsWith(`${n} `), decisions);
		const either = await resultCount();
		expect(either).toBeGreaterThan(decisions);
		// The address bar follows once the results are shown.
		await page.waitForURL((url) => url.searchParams.getAll('kind').length === 2);
		expect(new URL(page.url()).searchParams.getAll('kind').sort()).toEqual(['decision', 'experiment']);
		await page.check('#filter-status-accepted');
		await page.waitForFunction((n) => !document.querySelector('.search-status')?.textContent?.startsWith(`${n} `), either);
		expect(await resultCount()).toBeLessThan(either);
	});

	test('filters alone browse the archive, newest first when sorted by date', async () => {
		await page.goto(`${siteUrl}search/?kind=decision&sort=date-desc`);
		await page.waitForSelector('.search-result-link');
		expect(await resultCount()).toBeGreaterThanOrEqual(12);
		const dates = await page.locator('.search-result .meta').evaluateAll((nodes) => nodes.map((node) => node.textContent?.split(' · ')[1] ?? ''));
		expect(dates).toEqual([...dates].sort().reverse());
	});

	test('the first results come at once, the rest of the page and the filter counts follow, and more results load on demand', async () => {
		await page.goto(`${siteUrl}search/?kind=decision&sort=date-desc`);
		await page.waitForSelector('.search-result-link');
		const total = await resultCount();
		expect(total).toBeGreaterThan(10);
		await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 10);
		const counts = page.locator('.search-filter[data-filter="kind"] li');
		await counts.first().waitFor();
		expect(await counts.allTextContents()).toContainEqual(`decision ${total}`);
		await page.locator('.search-more').click();
		await page.waitForFunction((expected) => document.querySelectorAll('.search-result').length === expected, Math.min(total, 20));
		const links = await page.locator('.search-result-link').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
		expect(new Set(links).size).toBe(links.length);
	});

	test('DR 6 written loosely finds DR-0006 first', async () => {
		const [first] = await search('DR 6');
		expect(first).toMatch(/\/decisions\/dr-0006\/$/);
	});
});

describe('getting to a result', () => {
	test('every page offers the search box on an access key, and / focuses it on the search page', async () => {
		// Access keys are handled by the browser's own shell, which synthetic key events do not reach,
		// so the attribute is what can be checked here.
		await page.goto(`${siteUrl}decisions/`);
		expect(await page.getAttribute('#header-search-input', 'accesskey')).toBe('k');
		await page.goto(`${siteUrl}search/`);
		await page.locator('h1').click();
		await page.keyboard.press('/');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-query');
	});

	test('a result links to its page with a text fragment that marks the searched identifier, with no script on that page', async () => {
		await search('augment.mixup_alpha');
		const href = await page.locator('.search-result-link').first().getAttribute('href');
		expect(href).toMatch(/\/decisions\/dr-0008\/#:~:text=(?:[^,]+-,)?augment\.mixup_alpha(?:,-[^,]+)?$/);
		await page.locator('.search-result-link').first().click();
		await page.waitForURL(/\/decisions\/dr-0008\//);
		expect(await page.locator('script[src]').count()).toBe(0);
		expect(await page.locator('#main').textContent()).toContain('augment.mixup_alpha');
	});

	test('sub-results link to lessons on their year pages in the lesson archive', async () => {
		await page.goto(`${siteUrl}search/?q=${encodeURIComponent('review')}&kind=lessons`);
		await page.waitForSelector('.search-sections a');
		const sections = await page.locator('.search-sections a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
		expect(sections.some((href) => /\/lessons\/\d{4}\/#[a-z0-9-]+:~:text=(?:[^,]+-,)?review(?:,-[^,]+)?$/i.test(href))).toBe(true);
	});

	test('sub-results link to sections of the page', async () => {
		await search('leakage');
		const sections = await page.locator('.search-sections a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
		expect(sections.length).toBeGreaterThan(0);
		expect(sections.every((href) => /#[\w-]+:~:text=(?:[^,]+-,)?leakage(?:,-[^,]+)?$/i.test(href))).toBe(true);
	});

	test('a section link lands on its section, with the words marked in the content rather than in the page header', async () => {
		await search('warmup');
		const link = page.locator('.search-sections a').first();
		const href = (await link.getAttribute('href')) ?? '';
		const [, anchor = ''] = /#([\w-]+):~:text=/.exec(href) ?? [];
		expect(anchor).not.toBe('');
		// The words around the marked one come from the content, so the browser cannot settle on the header.
		expect(href).toMatch(/:~:text=[^,]+-,|,-[^,]+$/);
		await link.click();
		await page.waitForURL((url) => url.hash === '' || url.pathname !== '/research/retros/search/');
		await page.waitForFunction(() => window.scrollY > 0, null, { timeout: 10_000 });
		const heading = await page.evaluate((id) => {
			const rect = document.getElementById(id)?.getBoundingClientRect();
			return rect ? { top: rect.top, viewport: window.innerHeight } : undefined;
		}, anchor);
		expect(heading).toBeDefined();
		expect(heading!.top).toBeLessThan(heading!.viewport);
	});
});

describe('identifiers and ids', () => {
	test('an id that names no record says so and offers the nearest ids instead of loose matches', async () => {
		await page.goto(`${siteUrl}search/?q=DR-0042`);
		await page.waitForSelector('.search-missing:not([hidden])');
		expect(await page.locator('.search-missing').textContent()).toBe('No record DR-0042. Nearest: DR-0014, DR-0015, DR-0016.');
		await expect.poll(() => page.locator('.search-status').textContent()).toMatch(/^0 results/);
		expect(await page.locator('.search-result').count()).toBe(0);
		expect(await page.locator('.search-missing a').first().getAttribute('href')).toBe('/research/retros/decisions/dr-0014/');
	});

	// `holdout/loss` is written nowhere in the example archive, while `holdout` and `loss` are everywhere.
	test('an identifier that appears nowhere says so rather than passing off loose matches as results', async () => {
		await page.goto(`${siteUrl}search/?q=${encodeURIComponent('holdout/loss')}`);
		await expect.poll(() => page.locator('.search-status').textContent(), { timeout: 15_000 }).toMatch(/^No page mentions “holdout\/loss” as written/);
	});

	test('an identifier query shows only the pages that hold it as written', async () => {
		const links = await search('optimizer.lr');
		expect(links.length).toBeGreaterThan(0);
		const without: string[] = [];
		for (const link of links) {
			const html = await (await page.request.get(new URL(link, siteUrl).toString())).text();
			if (!html.toLowerCase().includes('optimizer.lr')) without.push(link);
		}
		expect(without).toEqual([]);
	});

	test('the trailing part of a path finds the same pages as the whole path', async () => {
		const whole = await search('src/data/normalize.py');
		const tail = await search('normalize.py');
		expect(whole.length).toBeGreaterThan(1);
		expect(new Set(tail)).toEqual(new Set(whole));
	});
});
