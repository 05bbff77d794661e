import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cleanEnv } from '../build/build-site.ts';
import { FIXTURE_ARCHIVE, PROJECT_ROOT } from '../helpers.ts';
import { launchChromium } from './browser.ts';

let dev: ChildProcess;
let url: string;
let browser: Browser;

const freePort = () =>
	new Promise<number>((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});

// `npm run dev` on the fixture archive: search must work there without a build.
let output = '';
beforeAll(async () => {
	const port = await freePort();
	url = `http://127.0.0.1:${port}/`;
	dev = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port), '--host', '127.0.0.1'], {
		cwd: PROJECT_ROOT,
		env: cleanEnv({ HINDSIGHT_CONTENT: FIXTURE_ARCHIVE }),
	});
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`astro dev did not start:\n${output}`)), 90_000);
		dev.stdout?.on('data', (chunk: Buffer) => {
			output += chunk;
			if (/ready in/.test(output)) {
				clearTimeout(timer);
				resolve();
			}
		});
		dev.stderr?.on('data', (chunk: Buffer) => (output += chunk));
	});
	browser = await launchChromium();
}, 120_000);

afterAll(async () => {
	await browser?.close();
	dev?.kill();
});

test('search works in npm run dev, from an index built from the archive', async () => {
	const page = await browser.newPage();
	await page.goto(`${url}search/?q=data.zscore_momentum`, { timeout: 60_000 });
	await page.waitForSelector('.search-result-link', { timeout: 30_000 });
	const first = await page.locator('.search-result-link').first().getAttribute('href');
	expect(first?.split('#')[0]).toBe('/decisions/dr-0004/');
	await page.check('#filter-kind-decision');
	await expect.poll(() => page.locator('.search-status').textContent()).toMatch(/\(filtered\)/);
}, 90_000);

test('on an archive without a run index, the server says how to write one', async () => {
	await expect
		.poll(() => output, { timeout: 30_000 })
		.toMatch(/runs\/ has no run index, so pages read every digest; `npm run ingest -- --index-only` writes it/);
});

test('the dev search page says plainly what dev search leaves out', async () => {
	const page = await browser.newPage();
	await page.goto(`${url}search/`, { timeout: 60_000 });
	expect(await page.locator('.search-dev-note').textContent()).toMatch(/not the runs: run names, parameters, metrics and the lessons found in run notes/);
	await page.goto(`${url}search/?q=${encodeURIComponent('clean break')}`, { timeout: 60_000 });
	await page.waitForSelector('.search-result-link', { timeout: 30_000 });
	const links = await page.locator('.search-result-link').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')?.split('#')[0]));
	expect(links).toContain('/months/2026-02/');
	await page.close();
}, 90_000);
