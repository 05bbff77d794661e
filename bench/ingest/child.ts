// One timed ingest in a fresh process, so peak memory (maxRSS) belongs to this ingest alone. Modules
// load before the clock starts (under `npm run bench:ingest` with Node's compile cache, as under `npm run ingest`).
import { ingest } from '../../src/ingest/pipeline.ts';

const [store, out, cache] = process.argv.slice(2) as [string, string, string];
const started = performance.now();
const report = await ingest({
	paths: [store],
	outDir: out,
	cacheDir: cache,
	lockDir: cache,
	lockWaitMs: 0,
	since: null,
	until: null,
	dryRun: false,
	strict: false,
	replace: false,
	nowMs: Date.parse('2026-12-31T00:00:00Z'),
	staleAfterMs: 86_400_000,
	cwd: process.cwd(),
});
const ms = performance.now() - started;
const usage = process.resourceUsage();
process.stdout.write(
	`${JSON.stringify({
		ms,
		cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
		maxRssMb: usage.maxRSS / 1024,
		runsRead: report.runsRead,
		runsReused: report.runsReused,
		bad: report.bad.length,
		months: report.months.length,
	})}\n`
);
