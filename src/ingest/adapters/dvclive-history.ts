// DVCLive's metric histories, `plots/metrics/<name>.tsv` (run-formats.md §5.3): a header row, then one
// row per logged step, columns `[timestamp,] step, <name>`; `timestamp` is epoch ms and is written only
// for `log_metric(..., timestamp=True)`.
import { CsvError, parse } from 'csv-parse/sync';
import type { RunMetric } from '../../schemas/run-record.ts';

/** Python's `str(float)` spellings of the non-finite values, as `csv.DictWriter` writes them. */
function parsePythonFloat(cell: string): number | null {
	const t = cell.trim().toLowerCase();
	if (t === 'nan') return NaN;
	if (t === 'inf' || t === 'infinity') return Infinity;
	if (t === '-inf' || t === '-infinity') return -Infinity;
	if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) return null;
	return Number(t);
}

/**
 * Reads one history file. The value column is the one that is neither `step` nor `timestamp`, whatever
 * its header says (DVCLive has written both the full name, `train/acc`, and the last part, `acc`).
 * A row that cannot be read (a line cut off while DVCLive wrote it) is left out with a warning.
 */
export function readDvcliveHistory(text: string, path: string, warnings: string[]): RunMetric | null {
	let rows: string[][];
	try {
		rows = parse(text, { delimiter: '\t', relax_column_count: true, skip_empty_lines: true, relax_quotes: true });
	} catch (error) {
		if (!(error instanceof CsvError)) throw error;
		warnings.push(`${path}: not a readable TSV file (${error.message}); metric left out`);
		return null;
	}
	const header = rows[0];
	if (!header) {
		warnings.push(`${path}: empty file; metric left out`);
		return null;
	}
	const stepColumn = header.indexOf('step');
	const timeColumn = header.indexOf('timestamp');
	const valueColumn = header.findIndex((_, i) => i !== stepColumn && i !== timeColumn);
	if (stepColumn < 0 || valueColumn < 0) {
		warnings.push(`${path}: header ${JSON.stringify(header.join('\t'))}: expected a step column and a value column; metric left out`);
		return null;
	}
	const metric: RunMetric = { steps: [], values: [], timestamps: [], finalRule: 'last-logged', final: null, direction: null };
	let bad = 0;
	let firstBad = 0;
	for (let i = 1; i < rows.length; i++) {
		const row = rows[i]!;
		const step = parsePythonFloat(row[stepColumn] ?? '');
		const value = parsePythonFloat(row[valueColumn] ?? '');
		const time = timeColumn < 0 ? null : parsePythonFloat(row[timeColumn] ?? '');
		if (
			row.length !== header.length ||
			step === null ||
			!Number.isFinite(step) ||
			value === null ||
			(timeColumn >= 0 && (time === null || !Number.isFinite(time)))
		) {
			if (bad++ === 0) firstBad = i + 1;
			continue;
		}
		metric.steps.push(step);
		metric.values.push(value);
		metric.timestamps.push(time);
	}
	if (bad > 0) warnings.push(`${path}: ${bad} row(s) left out, the first at line ${firstBad} (expected ${header.length} tab-separated numbers)`);
	if (metric.steps.length === 0) {
		warnings.push(`${path}: no rows; metric left out`);
		return null;
	}
	return metric;
}
