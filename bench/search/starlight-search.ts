/**
 * Starlight's side of the search benchmark: the search archive's MDX files in Starlight's docs folder (the
 * build benchmark's install, bench/build/work/starlight/), built with Starlight's defaults, and the same
 * queries asked of its search dialog the way a reader asks them: typed into the box of Pagefind's default UI,
 * which waits for a pause in the typing (300 ms, Pagefind UI's default, which Starlight keeps) before it searches.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { setUpStarlight, writePeerCopies } from '../build/starlight.ts';

/** Pagefind UI's pause after the last keystroke before it searches (its `debounceTimeoutMs` default). */
export const TYPING_PAUSE_MS = 300;

/** Builds Starlight over the archive's retros, decisions and experiments into `<work>/search-starlight-dist`. */
export async function buildStarlightSearchSite(archiveDir: string, work: string, log: (...args: unknown[]) => void) {
	const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true', NO_COLOR: '1' };
	const starlight = await setUpStarlight(work, env, log);
	const copies = await writePeerCopies(archiveDir, work);
	const dist = join(work, 'search-starlight-dist');
	const cache = join(work, 'search-starlight-cache');
	await rm(dist, { recursive: true, force: true });
	await rm(cache, { recursive: true, force: true });
	log(`building Starlight ${starlight.starlight} over ${copies.files} MDX files`);
	const started = performance.now();
	const code = await new Promise<number | null>((done, fail) => {
		const child = spawn(process.execPath, [join(starlight.dir, 'node_modules/astro/bin/astro.mjs'), 'build'], {
			cwd: starlight.dir,
			env: { ...env, BENCH_OUT_DIR: dist, BENCH_CACHE_DIR: cache },
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		child.on('error', fail);
		child.on('close', done);
	});
	if (code !== 0) throw new Error('the Starlight build of the search archive failed');
	return { dist, buildMs: performance.now() - started, versions: { starlight: starlight.starlight, astro: starlight.astro }, docs: copies.files };
}

/**
 * In the page, from its first script on: as soon as Pagefind's UI has put its box in the search dialog, opens the
 * dialog and types `query`; resolves with when it was typed and when the first result link was shown
 * (performance.now(), so from navigation start).
 */
export const typeOnArrival = (query: string) =>
	new Promise<{ typedAt: number; at: number; status: string }>((done) => {
		let typedAt = -1;
		const step = () => {
			const input = document.querySelector<HTMLInputElement>('.pagefind-ui__search-input');
			if (typedAt < 0 && input) {
				document.querySelector<HTMLButtonElement>('button[data-open-modal]')?.click();
				input.value = query;
				input.dispatchEvent(new Event('input', { bubbles: true }));
				typedAt = performance.now();
			}
			const status = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
			if (typedAt >= 0 && status.includes(query) && document.querySelector('.pagefind-ui__result-link')) {
				observer.disconnect();
				done({ typedAt, at: performance.now(), status });
			}
		};
		const observer = new MutationObserver(step);
		observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
	});

/** Types each query into the open dialog's box, one after another; the time from typing to its first result shown. */
export async function typeWarmQueries(page: Page, queries: string[]): Promise<{ query: string; ms: number; status: string }[]> {
	const out: { query: string; ms: number; status: string }[] = [];
	for (const query of queries) {
		out.push(
			await page.evaluate(
				(q) =>
					new Promise<{ query: string; ms: number; status: string }>((done) => {
						const input = document.querySelector<HTMLInputElement>('.pagefind-ui__search-input')!;
						const check = () => {
							const status = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
							if (!status.includes(q)) return false;
							if (!document.querySelector('.pagefind-ui__result-link') && !/^No results/.test(status)) return false;
							done({ query: q, ms: performance.now() - start, status });
							return true;
						};
						const observer = new MutationObserver(() => check() && observer.disconnect());
						observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
						input.value = q;
						input.dispatchEvent(new Event('input', { bubbles: true }));
						const start = performance.now();
					}),
				query
			)
		);
	}
	return out;
}
