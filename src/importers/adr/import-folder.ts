// The file side of an import: reads the ADR folder, writes the planned records without overwriting.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileExclusively } from '../../archive/create-file.ts';
import { readFileHistory } from './file-history.ts';
import { planImport, type ArchiveState, type ImportOptions, type ImportPlan } from './plan-import.ts';
import type { AdrSource, ReportEntry } from './types.ts';

/** The folder's Markdown files, and a report entry for each one that could not be read. */
export async function readAdrFolder(
	dir: string,
	options: { history?: boolean | undefined } = {}
): Promise<{ sources: AdrSource[]; unreadable: ReportEntry[] }> {
	const entries = await readdir(dir, { withFileTypes: true });
	const sources: AdrSource[] = [];
	const unreadable: ReportEntry[] = [];
	for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
		if (!entry.isFile() || !/\.(md|markdown)$/i.test(entry.name)) continue;
		try {
			const path = join(dir, entry.name);
			const [text, info, history] = await Promise.all([readFile(path, 'utf8'), stat(path), options.history === false ? undefined : readFileHistory(path)]);
			sources.push({ file: entry.name, text, modifiedDay: localDay(info.mtime), history });
		} catch (error) {
			unreadable.push({ source: entry.name, outcome: 'skipped', lines: [{ level: 'error', message: `could not be read: ${(error as Error).message}` }] });
		}
	}
	return { sources, unreadable };
}

// The day as the person running the import sees it on their calendar, not in UTC.
function localDay(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The names of the files in `decisions/`, or none when the folder does not exist yet. */
export async function listDecisionFiles(contentDir: string): Promise<string[]> {
	try {
		return await readdir(join(contentDir, 'decisions'));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
}

/** Plans the import of `sourceDir` and, unless `dryRun`, writes each record that is not there yet. */
export async function importAdrFolder(
	sourceDir: string,
	contentDir: string,
	archive: ArchiveState,
	options: ImportOptions & { dryRun?: boolean; history?: boolean | undefined }
): Promise<ImportPlan> {
	const { sources, unreadable } = await readAdrFolder(sourceDir, { history: options.history });
	const plan = planImport(sources, archive, options);
	plan.report.push(...unreadable);
	if (options.writePeople && !options.dryRun) {
		for (const person of plan.people) {
			if (!(await createFileExclusively(join(contentDir, 'people', person.file), person.text))) {
				plan.general.push(`people/${person.file} already exists; it was left untouched, and the records that credit ${person.id} now credit that person`);
			}
		}
	}
	const skipped = new Set<string>();
	for (const record of plan.records) {
		const entry = plan.report.find(({ source }) => source === record.source)!;
		const exists = archive.decisionFiles.includes(record.file);
		const written = !exists && (options.dryRun || (await createFileExclusively(join(contentDir, 'decisions', record.file), record.text)));
		if (!written) {
			entry.outcome = 'skipped';
			entry.lines.push({ level: 'error', message: `decisions/${record.file} already exists; it was left untouched and this ADR skipped` });
			skipped.add(record.source);
		}
	}
	return { ...plan, records: plan.records.filter(({ source }) => !skipped.has(source)) };
}
