// The file side of an import: reads the ADR folder, writes the planned records without overwriting.
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createFileExclusively } from '../../archive/create-file.ts';
import { readFileHistory } from './file-history.ts';
import { type ArchiveState, type ImportOptions, type ImportPlan, planImport } from './plan-import.ts';
import type { AdrSource, ReportEntry } from './types.ts';

/** What an ADR folder holds: its ADR sources, the other files under it (by path inside it), and those that could not be read. */
export interface AdrFolder {
	sources: AdrSource[];
	files: Set<string>;
	unreadable: ReportEntry[];
}

const MARKDOWN = /\.(md|markdown)$/i;
const RECORD_FILE = /^(?:readme|index)\.(?:md|markdown)$/i;
const RECORD_FOLDER = /^(?:adr[-_]?)?\d+[-_]/i;

/**
 * Reads the ADRs under `dir`: Markdown files, records kept in a folder of their own (`0007-x/README.md`,
 * `2024-01-15-x/index.md`), and both inside category folders at any depth.
 */
export async function readAdrFolder(dir: string, options: { history?: boolean | undefined } = {}): Promise<AdrFolder> {
	const folder: AdrFolder = { sources: [], files: new Set(), unreadable: [] };
	await walk(dir, '', folder, options.history !== false);
	folder.sources.sort((a, b) => a.file.localeCompare(b.file));
	return folder;
}

async function walk(root: string, relative: string, folder: AdrFolder, history: boolean): Promise<void> {
	const entries = await readdir(join(root, relative), { withFileTypes: true });
	for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
		const path = relative ? `${relative}/${entry.name}` : entry.name;
		if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
		if (entry.isDirectory()) {
			const recordFile = RECORD_FOLDER.test(entry.name) ? (await readdir(join(root, path))).sort().find((name) => RECORD_FILE.test(name)) : undefined;
			if (recordFile) {
				await readSource(root, `${path}/${recordFile}`, folder, history);
				await listFiles(root, path, folder);
			} else await walk(root, path, folder, history);
		} else if (entry.isFile()) {
			if (MARKDOWN.test(entry.name)) await readSource(root, path, folder, history);
			else folder.files.add(path);
		}
	}
}

// A record's folder holds its images (at any depth); its other Markdown files are not records.
async function listFiles(root: string, relative: string, folder: AdrFolder): Promise<void> {
	for (const entry of await readdir(join(root, relative), { withFileTypes: true })) {
		const path = `${relative}/${entry.name}`;
		if (entry.isDirectory()) await listFiles(root, path, folder);
		else if (entry.isFile() && !MARKDOWN.test(entry.name)) folder.files.add(path);
	}
}

async function readSource(root: string, file: string, folder: AdrFolder, history: boolean): Promise<void> {
	try {
		const path = join(root, file);
		const [text, info, versions] = await Promise.all([readFile(path, 'utf8'), stat(path), history ? readFileHistory(path) : undefined]);
		folder.sources.push({ file, text, modifiedDay: localDay(info.mtime), history: versions });
	} catch (error) {
		folder.unreadable.push({ source: file, outcome: 'skipped', lines: [{ level: 'error', message: `could not be read: ${(error as Error).message}` }] });
	}
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
	const { sources, files, unreadable } = await readAdrFolder(sourceDir, { history: options.history });
	const plan = planImport(sources, archive, options, files);
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
	const records = plan.records.filter(({ source }) => !skipped.has(source));
	if (!options.dryRun) {
		for (const { assets } of records) {
			for (const { from, to } of assets) {
				if (!(await copyFileExclusively(join(sourceDir, from), join(contentDir, 'decisions', to))))
					plan.general.push(`decisions/${to} already exists; it was left untouched`);
			}
		}
	}
	return { ...plan, records };
}

/** Copies a file unless something is already at `to`; false when it was. */
async function copyFileExclusively(from: string, to: string): Promise<boolean> {
	await mkdir(dirname(to), { recursive: true });
	try {
		await copyFile(from, to, constants.COPYFILE_EXCL);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	}
}
