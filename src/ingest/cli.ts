import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveContentDir } from '../archive/content-dir.ts';
import { displayPath } from '../archive/display-path.ts';
import { formatIssues } from '../archive/issues.ts';
import { RUN_INDEX_FILE, updateRunIndex } from '../archive/run-index.ts';
import { readSiteOptions, SITE_OPTIONS_FILE } from '../archive/site-options.ts';
import { monthSchema } from '../schemas/common.ts';
import { ADAPTERS } from './adapters/registry.ts';
import { LockHeldError } from './lock.ts';
import { holdingIngestLock, type IngestOptions, ingest } from './pipeline.ts';
import { makeProgressBar } from './progress.ts';
import { formatSummary } from './report-summary.ts';

export const USAGE = `Usage: npm run ingest -- [options] <path>…

Finds the run stores under each path and writes one digest per month to <archive>/runs/YYYY-MM.json,
naming experiments by the archive's hindsight.yaml (its experiments rules) where it has any.
Store kinds read: ${ADAPTERS.map((a) => a.kind).join(', ')} (see src/ingest/README.md).

Options:
  --since YYYY-MM       only months from this one on (other digests are left alone)
  --until YYYY-MM       only months up to this one
  --dry-run             read everything, report what would change, write nothing
  --strict              treat warnings and bad runs as errors: write nothing, exit 1
  --replace             rewrite a month even if its digest holds runs of stores not given now
  --content DIR         the archive, whose hindsight.yaml is read (default: --out's parent folder,
                        else $HINDSIGHT_CONTENT, else content/)
  --out DIR             digest folder (default <archive>/runs)
  --cache-dir DIR       cache folder (default node_modules/.cache/hindsight)
  --no-cache            read every run again
  --full-check          check every file of every run for changes, also of long-finished runs
  --wait SECONDS        if another ingest is running, wait this long for it (default 0: refuse)
  --stale-after HOURS   a RUNNING run silent this long is reported as crashed (default 24)
  --now ISO-TIME        the time to judge staleness against (default: now)
  --index-only          read no store: write <out>/index.json, the run index, from the digests there
                        (after digests were changed or copied in by hand)
  --verbose             list every warning
  -h, --help            this text

Exit status: 0 done (bad runs are reported and skipped), 1 errors (refused digests, --strict),
2 wrong usage or an invalid hindsight.yaml, 3 another ingest holds the lock.`;

class UsageError extends Error {}

function parseMonth(value: string | undefined, flag: string): string | null {
	if (value === undefined) return null;
	const result = monthSchema.safeParse(value);
	if (!result.success) throw new UsageError(`${flag}: expected a month as YYYY-MM, found ${JSON.stringify(value)}`);
	return value;
}

function parseNumber(value: string | undefined, flag: string, fallback: number, min: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isFinite(n) || n < min) throw new UsageError(`${flag}: expected a number ≥ ${min}, found ${JSON.stringify(value)}`);
	return n;
}

/** What the command line asks for: the ingest's options, and the archive whose `hindsight.yaml` it reads. */
export interface IngestArgs {
	options: IngestOptions;
	verbose: boolean;
	/** Only write the run index from the digests already there. */
	indexOnly: boolean;
	/** The archive folder, absolute. */
	contentDir: string;
	/** True when `--content` named it, so a missing folder is a mistake rather than an archive without options. */
	contentGiven: boolean;
}

/**
 * Turns command-line arguments into ingest options. The archive is `--content`, else the folder above
 * `--out` (digests live in `<archive>/runs`), else `HINDSIGHT_CONTENT` or `content/` as for every script.
 */
export function parseIngestArgs(argv: string[], cwd: string, env: Record<string, string | undefined> = process.env): IngestArgs | { help: true } {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			since: { type: 'string' },
			until: { type: 'string' },
			'dry-run': { type: 'boolean', default: false },
			strict: { type: 'boolean', default: false },
			replace: { type: 'boolean', default: false },
			content: { type: 'string' },
			out: { type: 'string' },
			'cache-dir': { type: 'string' },
			'no-cache': { type: 'boolean', default: false },
			'full-check': { type: 'boolean', default: false },
			wait: { type: 'string' },
			'stale-after': { type: 'string' },
			now: { type: 'string' },
			verbose: { type: 'boolean', default: false },
			'index-only': { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) return { help: true };
	if (positionals.length === 0 && !values['index-only'])
		throw new UsageError('give at least one path to a run store, for example: npm run ingest -- examples/mlruns');
	const since = parseMonth(values.since, '--since');
	const until = parseMonth(values.until, '--until');
	if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}`);
	let nowMs = Date.now();
	if (values.now !== undefined) {
		nowMs = Date.parse(values.now);
		if (Number.isNaN(nowMs)) throw new UsageError(`--now: expected an ISO 8601 time, found ${JSON.stringify(values.now)}`);
	}
	const cacheDir = resolve(cwd, values['cache-dir'] ?? 'node_modules/.cache/hindsight');
	const outGiven = values.out === undefined ? undefined : resolve(cwd, values.out);
	const contentDir = values.content !== undefined ? resolve(cwd, values.content) : outGiven !== undefined ? dirname(outGiven) : resolveContentDir(cwd, env);
	return {
		verbose: values.verbose,
		indexOnly: values['index-only'],
		contentDir,
		contentGiven: values.content !== undefined,
		options: {
			paths: positionals.map((p) => resolve(cwd, p)),
			outDir: outGiven ?? resolve(contentDir, 'runs'),
			cacheDir: values['no-cache'] ? null : cacheDir,
			fullCheck: values['full-check'],
			lockDir: cacheDir,
			lockWaitMs: parseNumber(values.wait, '--wait', 0, 0) * 1000,
			since,
			until,
			dryRun: values['dry-run'],
			strict: values.strict,
			replace: values.replace,
			nowMs,
			staleAfterMs: parseNumber(values['stale-after'], '--stale-after', 24, 0) * 3_600_000,
			cwd,
		},
	};
}

/** The `ingest` command; returns the exit status. */
export async function runIngestCli(argv: string[], cwd = process.cwd()): Promise<number> {
	let parsed: ReturnType<typeof parseIngestArgs>;
	try {
		parsed = parseIngestArgs(argv, cwd);
	} catch (error) {
		if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
			process.stderr.write(`ingest: ${(error as Error).message}\n\n${USAGE}\n`);
			return 2;
		}
		throw error;
	}
	if ('help' in parsed) {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	// A mistyped path is a usage error, not a bad run: nothing would be ingested from it.
	const missing = parsed.options.paths.filter((path) => !existsSync(path));
	if (missing.length > 0) {
		process.stderr.write(`ingest: no such file or folder: ${missing.map((path) => displayPath(cwd, path)).join(', ')}\n`);
		return 2;
	}
	if (parsed.contentGiven && !existsSync(parsed.contentDir)) {
		process.stderr.write(
			`ingest: --content: no such folder: ${displayPath(cwd, parsed.contentDir)}; expected the archive folder that holds ${SITE_OPTIONS_FILE} and runs/\n`
		);
		return 2;
	}
	// Runs named by rules that did not parse would be written under the wrong experiment, so nothing is read
	const site = await readSiteOptions(parsed.contentDir, cwd);
	if (site.issues.length > 0) {
		process.stderr.write(
			`ingest: ${displayPath(cwd, join(parsed.contentDir, SITE_OPTIONS_FILE))} is not valid, so its experiment names cannot be applied; nothing was read. Fix:\n${formatIssues(site.issues)}\n`
		);
		return 2;
	}
	if (parsed.indexOnly) return writeRunIndexOnly(parsed.options, cwd);
	const bar = makeProgressBar(process.stderr, 'ingest');
	const started = performance.now();
	try {
		const report = await ingest({ ...parsed.options, experimentRules: site.options.experiments, onProgress: bar.update });
		bar.end();
		process.stdout.write(formatSummary(report, { dryRun: parsed.options.dryRun, maxWarnings: parsed.verbose ? Infinity : 20 }));
		process.stdout.write(`Done in ${((performance.now() - started) / 1000).toFixed(2)} s.\n`);
		return report.errors.length ? 1 : 0;
	} catch (error) {
		bar.end();
		if (error instanceof LockHeldError) {
			process.stderr.write(`ingest: ${error.message}\n`);
			return 3;
		}
		throw error;
	}
}

/** `--index-only`: the run index written from the digests in the digest folder, no store read. */
async function writeRunIndexOnly(options: IngestOptions, cwd: string): Promise<number> {
	if (!existsSync(options.outDir)) {
		process.stderr.write(
			`ingest: --index-only: no such folder: ${displayPath(cwd, options.outDir)}; expected the folder of the digests (--out, or <archive>/runs)\n`
		);
		return 2;
	}
	try {
		const wrote = await holdingIngestLock(options, () => updateRunIndex(options.outDir, 'all'));
		process.stdout.write(`Run index: ${displayPath(cwd, join(options.outDir, RUN_INDEX_FILE))} ${wrote ? 'written' : 'unchanged'}\n`);
		return 0;
	} catch (error) {
		if (!(error instanceof LockHeldError)) throw error;
		process.stderr.write(`ingest: ${error.message}\n`);
		return 3;
	}
}
