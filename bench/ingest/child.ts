// One timed ingest in a fresh process, so peak memory (maxRSS) belongs to this ingest alone.
// `--concurrency N` is passed to ingest (default 16: as many worker threads as cores); with
// HINDSIGHT_BENCH_RSS=1 the RSS is polled every 50 ms and the time of its peak reported next to the
// time the last run was read, to tell where the peak occurs. Modules load before the clock starts
// (under `npm run bench:ingest` with Node's compile cache, as under `npm run ingest`).
import { ingest } from '../../src/runs/ingest.ts';

const [store, out, cache] = process.argv.slice(2) as [string, string, string];
const at = process.argv.indexOf('--concurrency');
const concurrency = at > 0 ? Number(process.argv[at + 1]) : 16;
const started = performance.now();
let readDoneMs = 0;
let peak = { rssMb: 0, heapMb: 0, atMs: 0 };
const poll = process.env['HINDSIGHT_BENCH_RSS'] === '1'
	? setInterval(() => {
			const m = process.memoryUsage();
			if (m.rss / 2 ** 20 > peak.rssMb) peak = { rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20, atMs: performance.now() - started };
		}, 50)
	: null;
const report = await ingest({
	paths: [store], outDir: out, cacheDir: cache, lockDir: cache, lockWaitMs: 0, since: null, until: null, dryRun: false, strict: false,
	replace: false, nowMs: Date.parse('2026-12-31T00:00:00Z'), staleAfterMs: 86_400_000, concurrency, cwd: process.cwd(),
	onProgress: (done, total) => {
		if (done === total) readDoneMs = performance.now() - started;
	},
});
const ms = performance.now() - started;
if (poll) clearInterval(poll);
const usage = process.resourceUsage();
process.stdout.write(
	JSON.stringify({
		ms,
		cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
		maxRssMb: usage.maxRSS / 1024,
		...(poll ? { readDoneMs, peak } : {}),
		runsRead: report.runsRead, runsReused: report.runsReused, bad: report.bad.length, months: report.months.length,
	}) + '\n',
);
