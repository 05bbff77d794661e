import type { ImportPlan } from './plan-import.ts';
import { FORMAT_NAMES, type ReportEntry } from './types.ts';

const MARK = { note: '-', warning: '!', error: '✗' } as const;

/** The report as text: one block per source file, then the general lines and the counts. */
export function formatReport(plan: ImportPlan, options: { dryRun: boolean; sourceLabel: string; writePeople?: boolean }): string {
	const verb = options.dryRun ? 'would become' : 'became';
	const blocks = [...plan.report]
		.sort((a, b) => a.source.localeCompare(b.source))
		.map((entry) => {
			const head = describeOutcome(entry, verb);
			const lines = entry.lines.map(({ level, field, message }) => `    ${MARK[level]} ${field ? `${field}: ` : ''}${message}`);
			return [`${options.sourceLabel}/${entry.source}${entry.format ? ` [${FORMAT_NAMES[entry.format]}]` : ''}: ${head}`, ...lines].join('\n');
		});
	const count = (outcome: ReportEntry['outcome']) => plan.report.filter((entry) => entry.outcome === outcome).length;
	const level = (wanted: 'warning' | 'error') => plan.report.reduce((sum, entry) => sum + entry.lines.filter((line) => line.level === wanted).length, 0);
	const totals = `${options.dryRun ? 'Dry run, nothing written: would import' : 'Imported'} ${count('imported')}, skipped ${count('skipped')}, not ADRs ${count('not-an-adr')}; ${level('warning')} warning(s), ${level('error')} error(s).`;
	return [...blocks, '', ...plan.general, ...describePeople(plan, options.dryRun, options.writePeople ?? false), totals].join('\n');
}

function describeOutcome(entry: ReportEntry, verb: string): string {
	if (entry.outcome === 'not-an-adr') return 'not an ADR, left out';
	if (entry.outcome === 'skipped') return 'skipped';
	const record = entry.record!;
	return `${verb} decisions/${record.file} (${record.id}, ${record.status})`;
}

// Each proposal is shown whole, so it can be saved by hand as it is.
function describePeople(plan: ImportPlan, dryRun: boolean, written: boolean): string[] {
	if (plan.people.length === 0) return [];
	const head = written
		? `${dryRun ? 'Would write' : 'Wrote'} ${plan.people.length} person file(s) for people the ADRs or their history name (--write-people):`
		: `${plan.people.length} person(s) the ADRs or their history name are not in the archive. Save these files (or run again with --write-people) to credit them:`;
	const files = plan.people.map(({ file, text, sources }) =>
		[
			`  people/${file} (from ${sources.join(', ')})`,
			...text
				.trimEnd()
				.split('\n')
				.map((line) => `    ${line}`),
		].join('\n')
	);
	return [head, ...files, ''];
}
