import type { RunStatus } from '../schemas/digest.ts';
import type { IngestReport } from './pipeline.ts';

const STATUSES: RunStatus[] = ['finished', 'failed', 'killed', 'crashed', 'running', 'scheduled', 'unknown'];

/** The end-of-ingest summary: runs per month and status, what was written, bad runs and warnings. */
export function formatSummary(report: IngestReport, options: { dryRun: boolean; maxWarnings: number }): string {
	const lines: string[] = [];
	const storeList = report.stores.map((s) => `${s.path} (${s.kind})`).join(', ');
	lines.push(`Stores read: ${report.stores.length}${storeList ? ` — ${storeList}` : ''}`);
	lines.push(
		`Runs: ${report.runsRead} read, ${report.runsReused} unchanged (not re-read), ${report.runsOutOfRange} outside --since/--until, ${report.bad.length} bad (skipped)`
	);
	const used = STATUSES.filter((s) => report.months.some((m) => m.byStatus[s]));
	const header = ['month', 'runs', ...used, 'deleted', 'digest'];
	const rows = report.months.map((m) => [m.month, String(m.runs), ...used.map((s) => String(m.byStatus[s] ?? 0)), String(m.deleted), `${m.path} ${m.action}`]);
	if (rows.length) {
		const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
		const fmt = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
		lines.push('', fmt(header), ...rows.map(fmt));
	} else lines.push('No runs in range; no digest written.');
	if (report.runIndex) lines.push(`Run index: ${report.runIndex.path} ${report.runIndex.action}`);
	if (report.bad.length) {
		lines.push('', `Bad runs (${report.bad.length}, skipped; the rest were ingested):`);
		for (const bad of report.bad) lines.push(`  ${bad.reason.startsWith(bad.path) ? bad.reason : `${bad.path}: ${bad.reason}`}`);
	}
	if (report.warnings.length) {
		lines.push('', `Warnings (${report.warnings.length}):`);
		for (const w of report.warnings.slice(0, options.maxWarnings)) lines.push(`  ${w.where}: ${w.text}`);
		if (report.warnings.length > options.maxWarnings) lines.push(`  … and ${report.warnings.length - options.maxWarnings} more (--verbose lists all)`);
	}
	if (report.cachedWarnings) lines.push(`(${report.cachedWarnings} warning(s) on unchanged runs were reported when those runs were read)`);
	if (report.errors.length) {
		lines.push('', 'Errors:');
		for (const e of report.errors) lines.push(`  ${e}`);
	}
	if (options.dryRun) lines.push('', 'Dry run: nothing was written.');
	return `${lines.join('\n')}\n`;
}
