/** Writes the "Build" section of BENCHMARKS.md from the figures of bench/build/run.ts. */
import { replaceSection } from '../report-section.ts';

/** Phases of an astro build, from the times its log lines arrived: [start-up, content, vite build, rendering, after]. */
function phasesOf(m: { wallMs: number; phases?: { s: number; text: string }[] } | undefined): number[] | undefined {
	if (!m?.phases) return undefined;
	const at = (re: RegExp) => m.phases!.find((p) => re.test(p.text))?.s;
	const sync = at(/Syncing content/);
	const vite = at(/Building static entrypoints/);
	const render = at(/generating static routes/);
	const rendered = m.phases.find((p) => render !== undefined && p.s >= render && /^\s*✓ Completed in/.test(p.text))?.s;
	const end = m.wallMs / 1000;
	if ([sync, vite, render, rendered].some((x) => x === undefined)) return undefined;
	return [sync!, vite! - sync!, render! - vite!, rendered! - render!, end - rendered!];
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (b: number | null | undefined) => (b == null ? '—' : `${Math.round(b / 1024 / 1024)} MB`);
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');

/** The build's time target: its CPU at most this share of Starlight's on the same archive. */
const STARLIGHT_SHARE = 1.0;
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

/**
 * What the time target leaves for the work only Hindsight does (Starlight's CPU − the floor's), against two parts of that work measured alone: reading the digests, and
 * Pagefind over Hindsight's search input less the floor's Pagefind run. Empty when they were not measured.
 */
function describeOwnWork(
	own: { digests: { files: number; bytes: number; runs: number; cpuS: number }; searchInput: { pages: number; bytes: number } } | undefined,
	search: { cpuSeconds: number | null } | undefined,
	floor: { cpu: number; pagefindCpu: number; pages: number | undefined },
	starlightCpu: number | null | undefined
): string {
	if (!own || search?.cpuSeconds == null) return '';
	if (!starlightCpu) return '';
	const allowance = STARLIGHT_SHARE * starlightCpu - floor.cpu;
	const searchExtra = search.cpuSeconds - floor.pagefindCpu;
	const parts = own.digests.cpuS + searchExtra;
	const room =
		allowance > 0
			? `Hindsight may spend ${allowance.toFixed(1)} s CPU on everything the floor does not do (Starlight's CPU − the floor's)`
			: `nothing is left: in this run Starlight (${starlightCpu.toFixed(1)} s CPU) took less than the floor itself (${floor.cpu.toFixed(1)} s)`;
	const verdict =
		allowance <= 0
			? 'with nothing allowed'
			: parts > allowance
				? `more than the ${allowance.toFixed(1)} s allowed`
				: `${((100 * parts) / allowance).toFixed(0)}% of the ${allowance.toFixed(1)} s allowed`;
	return `
What the time targets leave for Hindsight's own work: the floor compiles and renders the same MDX files and indexes them, so
${room}. Two parts of that work, each measured alone in this run:

| part (measured alone) | CPU |
|---|---|
| reading and validating the ${own.digests.files} run digests (${(own.digests.bytes / 1e6).toFixed(1)} MB, ${own.digests.runs.toLocaleString('en')} runs) with the archive check's code (bench/build/digest-check.ts; the floor reads no digests) | ${own.digests.cpuS.toFixed(2)} s |
| Pagefind CLI over the ${own.searchInput.pages} pages Hindsight's search step indexes (${(own.searchInput.bytes / 1e6).toFixed(1)} MB after emptying ignored parts; bench/build/search-input.ts), ${search.cpuSeconds.toFixed(2)} s, less the floor's Pagefind run over its ${floor.pages ?? '—'} minimal pages, ${floor.pagefindCpu.toFixed(2)} s | ${searchExtra.toFixed(2)} s |
| **the two together** | **${parts.toFixed(2)} s**, ${verdict} |

Neither part renders a page: the archive check of the MDX files, the layout, the month, person, listing, lesson and feed pages
come on top.
`;
}

// biome-ignore lint/suspicious/noExplicitAny: the figures are the JSON run.ts wrote, typed where they are made
export async function writeBuildSection(file: string, o: any) {
	const r = o.results;
	const h = r.hindsight;
	const fa = r['floor-astro'];
	const fp = r['floor-pagefind'];
	const st = r.starlight;
	const half = r.half;
	const floorWall = fa && fp ? fa.wallMs + fp.wallMs : undefined;
	const floorCpu = fa && fp && fa.cpuSeconds != null ? fa.cpuSeconds + fp.cpuSeconds : undefined;
	const floorPeak = fa && fp ? Math.max(fa.peakTreeRssBytes, fp.peakTreeRssBytes) : undefined;
	const w = o.weight;
	const unwaited = (m: { unwaitedCpuSeconds?: number } | undefined) => (m?.unwaitedCpuSeconds ?? 0).toFixed(1);
	const cpuNote = `${unwaited(h)} s for Hindsight, ${unwaited(st)} s for Starlight`;
	const rows: string[] = [];
	const row = (
		name: string,
		m: {
			wallMs: number;
			cpuSeconds: number | null;
			peakTreeRssBytes: number;
			peakSingleRssBytes: number | null;
			pages?: number;
			loadBefore: number[];
			loadAfter: number[];
		},
		pages?: number
	) =>
		rows.push(
			`| ${name} | ${pages ?? m.pages ?? '—'} | ${s(m.wallMs)} | ${m.cpuSeconds?.toFixed(1) ?? '—'} s | ${mb(m.peakTreeRssBytes)} | ${mb(m.peakSingleRssBytes)} | ${((pages ?? m.pages ?? 0) / (m.wallMs / 1000)).toFixed(1)} | ${load(m.loadBefore)} → ${load(m.loadAfter)} |`
		);
	if (h) row(`Hindsight, ${o.years} years (astro build + Pagefind integration)`, h);
	if (fa) row('floor: bare Astro + MDX, unified + remark-gfm (astro build)', fa);
	if (fp) row('floor: Pagefind CLI over its output', fp, fa?.pages);
	if (fa && fp)
		rows.push(
			`| **floor, total** | ${fa.pages} | ${s(floorWall!)} | ${floorCpu?.toFixed(1) ?? '—'} s | ${mb(floorPeak)} | — | ${(fa.pages / (floorWall! / 1000)).toFixed(1)} | |`
		);
	if (st) row(`Starlight ${o.starlightVersions?.starlight} (astro ${o.starlightVersions?.astro}), Pagefind included`, st);
	if (half) row(`Hindsight, ${o.halfYears} years`, half);
	const fd = r['floor-default'];
	if (fd) row("for reference: the floor with Astro 7's default processor (Sätteri, as Starlight), no Pagefind", fd);
	const ratios: string[] = [];
	const targets: string[] = [];
	const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
	if (h && floorWall) {
		ratios.push(`| Hindsight / floor | ${ratio(h.wallMs, floorWall)} | ${floorCpu ? ratio(h.cpuSeconds, floorCpu) : '—'} |`);
	}
	if (h && st) {
		ratios.push(`| Hindsight / Starlight | ${ratio(h.wallMs, st.wallMs)} | ${ratio(h.cpuSeconds, st.cpuSeconds)} |`);
		targets.push(
			`| build CPU ≤ ${STARLIGHT_SHARE.toFixed(1)}× Starlight's | ${ratio(h.cpuSeconds, st.cpuSeconds)} CPU (${ratio(h.wallMs, st.wallMs)} wall) | ${verdict((st.cpuSeconds && h.cpuSeconds ? h.cpuSeconds / st.cpuSeconds : h.wallMs / st.wallMs) <= STARLIGHT_SHARE)} |`
		);
	}
	if (h && half) {
		ratios.push(`| Hindsight half / full (${o.halfYears} / ${o.years} years) | ${ratio(half.wallMs, h.wallMs)} | ${ratio(half.cpuSeconds, h.cpuSeconds)} |`);
		targets.push(
			`| half the archive takes about half the time | ${ratio(half.wallMs, h.wallMs)} wall, ${ratio(half.cpuSeconds, h.cpuSeconds)} CPU | ${verdict(Math.abs((half.cpuSeconds && h.cpuSeconds ? half.cpuSeconds / h.cpuSeconds : half.wallMs / h.wallMs) - 0.5) <= 0.1)} |`
		);
	}
	if (h) targets.push(`| peak memory ≤ 1.5 GB | ${mb(h.peakTreeRssBytes)} (process tree) | ${verdict(h.peakTreeRssBytes <= 1.5 * 1024 ** 3)} |`);
	if (w) {
		targets.push(`| median page ≤ 35 KB on first load (HTML + CSS + JS, gzip) | ${kb(w.medianTotalGzip)} | ${verdict(w.medianTotalGzip <= 35 * 1024)} |`);
		const extra = w.otherScripts.filter((x: { script: string }) => !x.script.startsWith('src:') || !/search/i.test(x.script));
		targets.push(
			`| no JavaScript beyond the theme toggle on pages without search | ${extra.length === 0 ? 'none' : extra.map((x: { script: string; pages: number }) => `${x.pages} pages: \`${x.script.replace(/`/g, '')}…\``).join('; ')} | ${verdict(extra.length === 0)} |`
		);
	}
	// Starlight compiles with Sätteri, Hindsight and the floor with unified + remark-gfm (the project's fixed stack)
	const processorNote =
		fd && fa && st && floorCpu && fd.cpuSeconds && fa.cpuSeconds && st.cpuSeconds
			? `
What the Markdown processor costs: the floor's astro build took ${fa.cpuSeconds.toFixed(1)} s CPU with unified + remark-gfm and
${fd.cpuSeconds.toFixed(1)} s with Sätteri, Astro 7's default and Starlight's. Starlight took ${st.cpuSeconds.toFixed(1)} s CPU, ${ratio(st.cpuSeconds, floorCpu)} the
floor (${floorCpu.toFixed(1)} s), which compiles the same MDX files with the processor Hindsight must use and renders nothing else.
`
			: '';
	const ownWorkNote =
		floorCpu && fp?.cpuSeconds != null
			? describeOwnWork(o.ownWork, r['hindsight-search-cli'], { cpu: floorCpu, pagefindCpu: fp.cpuSeconds, pages: fa?.pages }, st?.cpuSeconds)
			: '';
	const ph = { h: phasesOf(h), f: phasesOf(fa), st: phasesOf(st), half: phasesOf(half) };
	const phaseNames = [
		'start-up (Hindsight: + archive check)',
		'content sync',
		'vite build (MDX compiled)',
		'page rendering',
		'after: build:done hooks (sitemap, Pagefind)',
	];
	const phaseTable = ph.h
		? `
Time by phase (wall seconds, from the times the log lines arrived; the floor's Pagefind is its separate CLI run, ${fp ? (fp.wallMs / 1000).toFixed(1) : '—'} s):

| phase | Hindsight ${o.years} y | floor | Starlight | Hindsight ${o.halfYears} y |
|---|---|---|---|---|
${phaseNames.map((name, i) => `| ${name} | ${ph.h?.[i]?.toFixed(1) ?? '—'} | ${ph.f?.[i]?.toFixed(1) ?? '—'} | ${ph.st?.[i]?.toFixed(1) ?? '—'} | ${ph.half?.[i]?.toFixed(1) ?? '—'} |`).join('\n')}
`
		: '';
	const a = o.archive;
	const phases = (h?.phases ?? []).filter(
		(p: { text: string }) =>
			/Syncing|Synced|Completed|generating|Building static|vite\] ✓ built|Indexed|Complete!|Waiting|sitemap/.test(p.text) && !/WARN/.test(p.text)
	);
	const body = `
Command: \`npm run bench:build\` (bench/build/run.ts), ${o.date.slice(0, 10)}. Each build is cold (its cache and output
folders emptied first) and they run one after the other, never two at once. Wall time is measured around the
process; CPU is user + system seconds of the process tree: GNU time's figure, or when larger the sum of each process's
own CPU sampled from /proc, which also sees the Pagefind process that Hindsight's and Starlight's builds start through
Pagefind's Node API and do not wait for (GNU time missed it: ${cpuNote}); peak memory is the largest sum of RSS over the
process tree, polled from /proc every 100 ms (the largest single process, GNU time's %M, beside it).

Site measured: the working tree${o.versionAfter.srcHash !== o.version.srcHash ? ' (**its sources changed during the run**)' : ''}.

Machine: ${o.machine.cores} × ${o.machine.cpu}, ${o.machine.ramGiB} GiB RAM, ${o.machine.kernel}, Node ${o.machine.node}. Load average
(1/5/15 min) at the start: ${load(o.machine.loadAtStart)}. **The machine is shared** with other engineers' builds and tests, so wall times
carry their load; the CPU seconds are the steadier comparison.

Archive: \`npm run bench:archive\` (seed ${o.seed}), ${o.years} years: ${a.retros} retros, ${a.decisions} decisions (${a.superseded} superseded,
in chains), ${a.experiments} experiments, ${a.people} people, ${a.runs.toLocaleString('en')} runs in ${a.retros} monthly digests, ${a.lessons} lessons,
${a.componentUses} MDX component uses; ${a.files} files, ${(a.bytes / 1024 / 1024).toFixed(0)} MB (mostly the digests). \`npm run check\` on it: valid.

Same MDX files: the floor and Starlight build the ${o.copies.files} MDX bodies of the retros, decisions and experiments.
What differs: Hindsight's components (\`<MetricValue>\`, \`<RunTable>\`, \`<MetricChart>\`, \`<DecisionRef>\`, \`<Lesson>\`) are
removed from the copies (${o.copies.stripped} files had some; a tag alone on its line goes with its line), since neither the floor nor
Starlight has them; Starlight's copies carry only \`title\` in their frontmatter (a decision's \`DR-NNNN: title\`), the floor's the
original frontmatter with no schema. Neither reads people or run digests, and neither makes month, person, listing, lesson
or feed pages; Hindsight does all of that (its page count below). Starlight runs with its defaults (sidebar of every page,
its own Pagefind step); the floor runs the Pagefind CLI on its output.

| build | pages | wall | CPU | peak RSS (tree) | largest process | pages/s | load before → after |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

${phaseTable}
${h?.peakAtMs ? `Hindsight's peak RSS (${mb(h.peakTreeRssBytes)}) was reached ${(h.peakAtMs / 1000).toFixed(0)} s into its build of ${s(h.wallMs)}.\n` : ''}
| ratio | wall | CPU |
|---|---|---|
${ratios.join('\n')}
${
	w
		? `
Page weight of the Hindsight build (${w.pages} HTML pages; first load = the HTML, its stylesheet and its module scripts with
their static imports, gzip level 6; fonts and images not counted, there are none): median **${kb(w.medianTotalGzip)}**, 90th
percentile ${kb(w.p90TotalGzip)}, largest ${kb(w.largest.totalGzip)} (\`${w.largest.page}\`, ${kb(w.largest.htmlBytes)} of HTML before compression).
Median HTML alone ${kb(w.medianHtmlGzip)} gzip; the stylesheet ${kb(w.cssGzip)} gzip. JavaScript per page: median ${w.medianJsBytes} bytes,
largest ${w.maxJsBytes} bytes (uncompressed, inline and external).

| pages | count | median first load | largest |
|---|---|---|---|
${w.byKind.map((k: { kind: string; pages: number; median: number; max: number }) => `| ${k.kind} | ${k.pages} | ${kb(k.median)} | ${kb(k.max)} |`).join('\n')}

Scripts other than the theme's: ${w.otherScripts.map((x: { script: string; pages: number }) => `\`${x.script.replace(/`/g, '')}…\` on ${x.pages} pages`).join('; ') || 'none'}.
`
		: ''
}
Build-time targets are judged on CPU seconds (the steadier figure on this shared machine); wall is shown beside them.

| target | figure | |
|---|---|---|
${targets.join('\n')}
${processorNote}${ownWorkNote}${
	phases.length
		? `
Where Hindsight's build time goes (seconds since start, from its log):

${phases.map((p: { s: number; text: string }) => `- ${p.s} s: ${p.text.replace(/`/g, "'")}`).join('\n')}
`
		: ''
}`;
	await replaceSection(file, 'Build', body);
}
