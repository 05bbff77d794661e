import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateArchive } from '../../../src/archive/validate-archive.ts';
import { listDecisionFiles } from '../../../src/importers/adr/import-folder.ts';
import type { ArchiveState } from '../../../src/importers/adr/plan-import.ts';
import type { AdrSource } from '../../../src/importers/adr/types.ts';

/** The ADR folders, one per supported format. */
export const ADR_FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const FORMAT_FOLDERS = ['madr2', 'madr3', 'madr4', 'madr-no-frontmatter', 'adr-tools', 'log4brains'] as const;

/** What the importer needs to know of an archive folder, read the way the CLI reads it. */
export async function readArchiveState(contentDir: string): Promise<ArchiveState> {
	const { archive } = await validateArchive(contentDir);
	return {
		people: archive.people.map(({ id, data }) => ({ id, name: data.name, aliases: data.aliases })),
		decisions: archive.decisions.map(({ data, body }) => ({ id: data.id, status: data.status, date: data.date, body })),
		decisionFiles: await listDecisionFiles(contentDir),
	};
}

/** One fixture file as a source, with a fixed modification day. */
export async function readFixture(folder: string, file: string): Promise<AdrSource> {
	return { file, text: await readFile(join(ADR_FIXTURES, folder, file), 'utf8'), modifiedDay: '2024-07-01' };
}

/** An archive with the three fixture people and no decisions, for planning tests. */
export const PEOPLE_ONLY: ArchiveState = {
	people: [
		{ id: 'ada', name: 'Ada Park', aliases: ['apark'] },
		{ id: 'ben', name: 'Ben Ito', aliases: [] },
		{ id: 'cleo', name: 'Cleo Marsh', aliases: [] },
	],
	decisions: [],
	decisionFiles: [],
};
