import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { parseFrontmatter } from '../../src/lib/frontmatter.ts';
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
	await page.waitForSelector('.pagefind-ui__result-link', { timeout: 15_000 });
	return page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
}

/** The number the results message states ("12 results for …"). */
async function resultCount(): Promise<number> {
	const text = await page.locator('.pagefind-ui__message').first().textContent();
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
	});

	test('file paths and metric keys that only one decision mentions find that decision first', async () => {
		const unique = (await findUniqueIdentifiers()).filter(({ identifier }) => identifier.includes('/'));
		expect(unique.length).toBeGreaterThanOrEqual(2);
		const misses: string[] = [];
		for (const { identifier, decision } of unique) {
			const [first] = await search(identifier);
			if (!first?.endsWith(`/decisions/${decision.toLowerCase()}/`)) misses.push(`${identifier}: expected ${decision}, got ${first}`);
		}
		expect(misses).toEqual([]);
	});

	test('result links stay under the base path', async () => {
		const links = await search('val_loss');
		expect(links.length).toBeGreaterThan(0);
		for (const link of links) expect(link.startsWith('/research/retros/')).toBe(true);
	});

	test('a filter narrows the results to the chosen kind', async () => {
		await search('val_loss');
		const before = await resultCount();
		await page.locator('.pagefind-ui__filter-name', { hasText: 'kind' }).click();
		await page.locator('label[for="kind-decision"]').click();
		await page.waitForFunction((previous) => {
			const text = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
			const count = Number(/(\d+)\s+result/.exec(text)?.[1]);
			return count > 0 && count < previous;
		}, before);
		const links = await page.locator('.pagefind-ui__result-link').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href') ?? ''));
		expect(await resultCount()).toBeLessThan(before);
		for (const link of links) expect(link).toMatch(/\/decisions\/dr-\d{4}\//);
	});

	test('the header search box leads to the search page with results', async () => {
		await page.goto(`${siteUrl}decisions/`);
		await page.fill('#header-search-input', 'normalize');
		await page.press('#header-search-input', 'Enter');
		await page.waitForURL(/\/research\/retros\/search\/\?q=normalize/);
		await page.waitForSelector('.pagefind-ui__result-link');
		expect(await resultCount()).toBeGreaterThan(0);
	});
});
