/** Writes the "Dev server" section of BENCHMARKS.md from the figures of bench/dev/run.ts. */
import { median, replaceSection } from '../report-section.ts';

/** What one dev server gave: its first page, warm requests, edits and memory. */
export interface Session {
	/** Start to first complete page, one per cold start. */
	firstPageMs: number[];
	firstPageBytes: number;
	errors: string[];
	warmMs: number[];
	editMs: number[];
	/** Rewrites of the month's run digest to the page that shows them (Hindsight alone has digests). */
	digestMs: number[];
	peakRssBytes: number;
}

interface DevResults {
	date: string;
	machine: { cpu: string; cores: number; ramGiB: number; node: string; kernel: string; loadAtStart: number[]; loadAtEnd: number[] };
	years: number;
	month: string;
	archive: { files: number; bytes: number; runs: number };
	/** The digests Hindsight's month page is built from, by the run index, of all the archive's. */
	digestsShown: { read: number; total: number };
	documents: number;
	starlightVersions: { starlight: string; astro: string };
	astro: string;
	hindsight: Session;
	starlight: Session;
	/** Hindsight on the same archive without its run digests: first pages only. */
	withoutDigests: Session;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const msText = (ms: number) => `${ms.toFixed(0)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const list = (values: number[]) => values.map((ms) => ms.toFixed(0)).join(', ');

/** The section's text: what is measured, the command, the machine, the table and the targets. */
export function formatDevSection(o: DevResults): string {
	const h = o.hindsight;
	const st = o.starlight;
	const firstPage = (x: Session) =>
		`${s(median(x.firstPageMs))} (${x.firstPageMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')}; ${(x.firstPageBytes / 1024).toFixed(0)} KB)`;
	const row = (name: string, x: Session) =>
		`| ${name} | ${firstPage(x)} | ${x.errors.length} | ${msText(median(x.warmMs))} (${list(x.warmMs)}) | ${msText(median(x.editMs))} (${list(x.editMs)}) | ${x.digestMs.length > 0 ? `${msText(median(x.digestMs))} (${list(x.digestMs)})` : 'no digests'} | ${mb(x.peakRssBytes)} |`;
	const hFirst = median(h.firstPageMs);
	const stFirst = median(st.firstPageMs);
	const firstRatio = hFirst / stFirst;
	const warmRatio = median(h.warmMs) / median(st.warmMs);
	const GB = 1.5 * 1024 ** 3;
	return `
Command: \`npm run bench:dev\` (bench/dev/run.ts), ${o.date.slice(0, 10)}. Archive: \`npm run bench:archive\`'s ten-year
archive (${o.archive.files} files, ${(o.archive.bytes / 1e6).toFixed(0)} MB, ${o.archive.runs.toLocaleString('en')} runs in ${o.years * 12} monthly digests);
Starlight ${o.starlightVersions.starlight} (astro ${o.starlightVersions.astro}) over the same ${o.documents} MDX files, components stripped, as the
build benchmark copies them (bench/build/starlight.ts). Hindsight runs on astro ${o.astro}.

The two dev servers take turns, each started cold (no content store, no Vite cache) ${h.firstPageMs.length} times, and each is asked for
the same month: Hindsight's month page \`/months/${o.month}/\` (complete: the closing \`</html>\` and the runs section), Starlight's
page of that month's retro. Measured: the time from starting the process to the first complete page (median of the cold starts, and
each), and every answer on the way that was an error or a page cut short; then, in the last start, ten warm requests of the page (median, and each); appending a word to
the retro and asking for the page every 50 ms until it shows the word, three times, 2 s apart (median, and each); the
same for a new version of the month's run digest, renamed into place, and the run index written again, as \`npm run ingest\`
writes them (Hindsight alone); the
peak of the summed RSS of the server's process tree, sampled from /proc every 100 ms over the whole run.

Machine: ${o.machine.cores} × ${o.machine.cpu}, ${o.machine.ramGiB} GiB RAM, ${o.machine.kernel}, Node ${o.machine.node}. Load average
(1, 5, 15 min) ${o.machine.loadAtStart.join(', ')} at the start, ${o.machine.loadAtEnd.join(', ')} at the end (the machine's 2 cores are shared with other work).

| server | first complete page | errors | warm request | edit to visible | digest rewrite to visible | peak RSS |
|---|---|---|---|---|---|---|
${row(`Hindsight, month page, ${o.years} years`, h)}
${row(`Starlight ${o.starlightVersions.starlight}, doc page`, st)}
| Hindsight, month page, the same archive without its run digests | ${firstPage(o.withoutDigests)} | ${o.withoutDigests.errors.length} | — | — | — | ${mb(o.withoutDigests.peakRssBytes)} |

What the run digests cost: Hindsight's first page with them, less without them (medians), is ${s(hFirst - median(o.withoutDigests.firstPageMs))}. As it
starts, the dev server checks the entries and the run index (\`runs/index.json\`), not the digests (${o.archive.runs.toLocaleString('en')} runs in ${o.digestsShown.total}
files), which it checks once no request has come for 3 s; the month page is built from the ${o.digestsShown.read} digests the index says it shows
(its month's, the month its changes compare with, the months of its experiments' runs and of the runs and lessons
its retro names). Without digests its first page takes ${ratio(median(o.withoutDigests.firstPageMs), stFirst)} Starlight's.

| target | figure | |
|---|---|---|
| first complete month page ≤ 1.2× Starlight's first page, never an error | ${ratio(hFirst, stFirst)} (${s(hFirst)} against ${s(stFirst)}, medians of ${h.firstPageMs.length} cold starts), ${h.errors.length} errors | ${verdict(firstRatio <= 1.2 && h.errors.length === 0)} |
| edit to visible ≤ Starlight's (median of three) | ${msText(median(h.editMs))} against ${msText(median(st.editMs))} | ${verdict(median(h.editMs) <= median(st.editMs))} |
| warm month page ≤ 2× Starlight's warm doc page | ${ratio(median(h.warmMs), median(st.warmMs))} (${msText(median(h.warmMs))} against ${msText(median(st.warmMs))}) | ${verdict(warmRatio <= 2)} |
| peak memory ≤ 1.5 GB | ${mb(h.peakRssBytes)} | ${verdict(h.peakRssBytes <= GB)} |
${[...h.errors.map((e) => `\nHindsight error: ${e}`), ...st.errors.map((e) => `\nStarlight error: ${e}`)].join('')}
`;
}

export async function writeDevSection(file: string, results: DevResults): Promise<void> {
	await replaceSection(file, 'Dev server', formatDevSection(results));
}
