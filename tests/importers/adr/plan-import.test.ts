import { expect, test } from 'vitest';
import { type ArchiveState, type ImportOptions, planImport } from '../../../src/importers/adr/plan-import.ts';
import type { AdrSource } from '../../../src/importers/adr/types.ts';
import { PEOPLE_ONLY } from './helpers.ts';

const OPTIONS: ImportOptions = { fallbackDeciders: [], impact: ['assumptions'] };

/** A MADR 2 source with the given metadata lines and body. */
function madr(file: string, title: string, metadata: Record<string, string>, body = '## Context and Problem Statement\n\nWhy we decided.\n'): AdrSource {
	const lines = Object.entries(metadata).map(([key, value]) => `* ${key}: ${value}`);
	return { file, text: `# ${title}\n\n${lines.join('\n')}\n\n${body}`, modifiedDay: '2024-07-01' };
}

const lines = (plan: ReturnType<typeof planImport>, source: string) =>
	plan.report.find((entry) => entry.source === source)!.lines.map(({ level, field, message }) => `${level} ${field ?? ''}: ${message}`);

test('ADR numbers are kept when all are free, and all renumbered in order when one is taken', () => {
	const sources = [
		madr('0003-b.md', 'B', { Status: 'accepted', Deciders: 'Ada Park', Date: '2024-02-01' }),
		madr('0002-a.md', 'A', { Status: 'accepted', Deciders: 'Ada Park', Date: '2024-01-01' }, 'See [B](0003-b.md).\n'),
	];
	const kept = planImport(sources, PEOPLE_ONLY, OPTIONS);
	expect(kept.records.map(({ id, file }) => `${id} ${file}`)).toEqual(['DR-0002 0002-a.mdx', 'DR-0003 0003-b.mdx']);
	expect(kept.general).toEqual(['Ids: every ADR keeps its own number.']);

	const taken: ArchiveState = {
		...PEOPLE_ONLY,
		decisions: [{ id: 'DR-0003', status: 'accepted', date: '2023-01-01', body: '' }],
		decisionFiles: ['0003-old.mdx', '0007-x.mdx'],
	};
	const renumbered = planImport(sources, taken, OPTIONS);
	expect(renumbered.records.map(({ id }) => id)).toEqual(['DR-0008', 'DR-0009']);
	expect(renumbered.general[0]).toBe("Ids: numbered from DR-0008 in the ADRs' order, because the archive already uses DR-0003.");
	expect(renumbered.records[0]!.text).toContain('See B (DR-0009).');
	expect(planImport(sources, PEOPLE_ONLY, { ...OPTIONS, renumber: true }).records.map(({ id }) => id)).toEqual(['DR-0001', 'DR-0002']);
});

test('supersession from either side ends up as supersedes on the successor; an accepted successor supersedes its predecessor', () => {
	const plan = planImport(
		[
			madr('0001-old.md', 'Old', { Status: 'accepted', Deciders: 'ada', Date: '2024-01-01' }),
			madr('0002-new.md', 'New', { Status: 'accepted', Deciders: 'ada', Date: '2024-02-01' }, '## Links\n\n* Supersedes [ADR-0001](0001-old.md)\n'),
			madr('0003-gone.md', 'Gone', { Status: 'superseded by [ADR-0009](0009-missing.md)', Deciders: 'ada', Date: '2024-03-01' }),
		],
		PEOPLE_ONLY,
		OPTIONS
	);
	const byId = new Map(plan.records.map((record) => [record.id, record.data]));
	expect(byId.get('DR-0002')!.supersedes).toEqual(['DR-0001']);
	expect(byId.get('DR-0001')!.status).toBe('superseded');
	expect(lines(plan, '0001-old.md')).toContain('warning status: was accepted, but accepted DR-0002 supersedes it; set to superseded');
	expect(byId.get('DR-0003')!.status).toBe('deprecated');
	expect(lines(plan, '0003-gone.md')).toEqual(
		expect.arrayContaining([
			'warning supersedes: "Superseded by 0009-missing.md": no such ADR in this import',
			'warning status: superseded, but no imported record supersedes it; set to deprecated (Hindsight needs the successor)',
		])
	);
});

test('a successor dated before its predecessor is reported as an error the archive check will raise', () => {
	const plan = planImport(
		[
			madr('0001-old.md', 'Old', { Status: 'superseded by [2](0002-new.md)', Deciders: 'ada', Date: '2024-05-01' }),
			madr('0002-new.md', 'New', { Status: 'accepted', Deciders: 'ada', Date: '2024-04-01' }),
		],
		PEOPLE_ONLY,
		OPTIONS
	);
	expect(lines(plan, '0002-new.md')).toContain(
		'error date: 2024-04-01 is before 2024-05-01, the date of DR-0001 which it supersedes; the archive check will reject it until one date is corrected'
	);
});

test('people are matched by id, name or alias in any case; the rest get proposed person files; none matched means not recorded', () => {
	const sources = [
		madr('0001-a.md', 'A', {
			Status: 'accepted',
			Deciders: 'ADA PARK, @ben, Cleo Marsh <cleo@example.org>, Zed Z',
			Consulted: 'apark, Yan',
			Informed: 'ben, Ops',
			Date: '2024-01-01',
		}),
		madr('0002-b.md', 'B', { Status: 'accepted', Deciders: 'Nobody Known', Date: '2024-01-02' }),
	];
	const plan = planImport(sources, PEOPLE_ONLY, OPTIONS);
	expect(plan.records.map(({ data }) => [data.deciders, data.decidersNotRecorded])).toEqual([
		[['ada', 'ben', 'cleo'], undefined],
		[[], true],
	]);
	const [record] = plan.records;
	expect(record!.data.consulted).toEqual([]);
	expect(record!.text).toContain('Deciders named in the ADR who are not in the archive: Zed Z. Consulted, not in the archive: Yan. Informed: @ben, Ops.');
	expect(lines(plan, '0002-b.md')).toContain(
		'warning deciders: none of the deciders the ADR names is a person of the archive; marked as not recorded (decidersNotRecorded: true), which npm run check lists as a to-do'
	);
	expect(plan.people.map(({ file, sources }) => `${file} ${sources.join(',')}`)).toEqual(['zed-z.yaml 0001-a.md', 'nobody-known.yaml 0002-b.md']);

	const withFallback = planImport(sources, PEOPLE_ONLY, { ...OPTIONS, fallbackDeciders: ['cleo'] });
	expect(withFallback.records.map(({ data }) => data.deciders)).toEqual([['ada', 'ben', 'cleo'], ['cleo']]);
	expect(lines(withFallback, '0002-b.md')).toContain(
		'warning deciders: none of the deciders the ADR names is a person of the archive; set to cleo (--decider)'
	);

	const writing = planImport(sources, PEOPLE_ONLY, { ...OPTIONS, writePeople: true });
	expect(writing.records.map(({ data }) => data.deciders)).toEqual([['ada', 'ben', 'cleo', 'zed-z'], ['nobody-known']]);
});

test('an ADR that names no deciders is credited to the authors of its history, the first as proposer, never to anyone else', () => {
	const history = (...authors: [string, string][]) => ({ authors: authors.map(([name, email]) => ({ name, email })), firstDay: '2023-03-04' });
	const sources: AdrSource[] = [
		{
			...madr('0001-a.md', 'A', { Status: 'accepted', Date: '2024-01-01' }),
			history: history(['Ben Ito', 'ben@example.org'], ['someone', 'APARK'], ['Ben Ito', 'ben@example.org']),
		},
		{ ...madr('0002-b.md', 'B', { Status: 'accepted' }), history: history(['Outside Olu', 'olu@else.org'], ['Ada Park', 'ada@x.org']) },
		{ ...madr('0003-c.md', 'C', { Status: 'accepted', Date: '2024-01-03' }), history: history(['Outside Olu', 'olu@else.org']) },
		madr('0004-d.md', 'D', { Status: 'accepted', Date: '2024-01-04' }),
	];
	const plan = planImport(sources, PEOPLE_ONLY, OPTIONS);
	expect(plan.records.map(({ data }) => [data.id, data.deciders, data.decidersNotRecorded ?? false, data.date])).toEqual([
		['DR-0001', ['ben', 'ada'], false, '2024-01-01'],
		['DR-0002', ['ada'], false, '2023-03-04'],
		['DR-0003', [], true, '2024-01-03'],
		['DR-0004', [], true, '2024-01-04'],
	]);
	expect(plan.records[0]!.text).toContain('Deciders taken from the version history of the file; @ben wrote its first version.');
	expect(plan.records[1]!.text).toContain('Deciders taken from the version history of the file; Outside Olu wrote its first version.');
	expect(lines(plan, '0002-b.md')).toContain('warning date: no date in the ADR; used 2023-03-04, the day of the commit that added the file');
	expect(lines(plan, '0004-d.md')).toContain(
		'warning deciders: none named, and the file has no version history; marked as not recorded (decidersNotRecorded: true), which npm run check lists as a to-do'
	);
	expect(plan.people).toHaveLength(1);
	expect(plan.people[0]).toMatchObject({ id: 'outside-olu', file: 'outside-olu.yaml', sources: ['0002-b.md', '0003-c.md'] });
	expect(plan.people[0]!.text).toContain('aliases:\n  - Outside Olu\n  - olu@else.org');

	const writing = planImport(sources, PEOPLE_ONLY, { ...OPTIONS, writePeople: true });
	expect(writing.records.map(({ data }) => data.deciders)).toEqual([['ben', 'ada'], ['outside-olu', 'ada'], ['outside-olu'], []]);
});

test('unknown statuses, unreadable dates and missing titles fall back and are reported', () => {
	const plan = planImport(
		[{ file: '0004-use-the-thing.md', text: '* Status: on hold\n* Date: 12/03/2024\n* Deciders: ada\n\nSome text.\n', modifiedDay: '2024-07-01' }],
		PEOPLE_ONLY,
		OPTIONS
	);
	expect(plan.records[0]!.data).toMatchObject({ title: 'Use the thing', status: 'proposed', date: '2024-07-01', summary: 'Some text.' });
	expect(lines(plan, '0004-use-the-thing.md')).toEqual(
		expect.arrayContaining([
			'warning title: no "# Title" heading; taken from the file name: "Use the thing"',
			'warning date: "12/03/2024" is not a date (expected YYYY-MM-DD); used 2024-07-01, the file\'s modification day',
			'warning status: status "on hold" is not one the importer knows; set to proposed',
			'note impact: ADRs do not record it; set to assumptions (--impact)',
			'note summary: no Context section; taken from the first paragraph',
		])
	);
});

test('a file imported before is recognised by its content and skipped; new ADRs may supersede it', () => {
	const old = madr('0001-old.md', 'Old', { Status: 'accepted', Deciders: 'ada', Date: '2024-01-01' });
	const first = planImport([old], PEOPLE_ONLY, OPTIONS);
	const archive: ArchiveState = {
		...PEOPLE_ONLY,
		decisions: [{ id: 'DR-0001', status: 'accepted', date: '2024-01-01', body: first.records[0]!.text.split('---\n').slice(2).join('---\n') }],
		decisionFiles: [first.records[0]!.file],
	};
	const newer = madr('0002-new.md', 'New', { Status: 'accepted', Deciders: 'ada', Date: '2024-02-01' }, '* Supersedes [Old](0001-old.md)\n');
	const second = planImport([old, newer], archive, OPTIONS);
	expect(lines(second, '0001-old.md')).toEqual(['warning : already imported as DR-0001 (same content); skipped']);
	expect(second.records.map(({ id, data }) => `${id} ${data.supersedes.join(',')}`)).toEqual(['DR-0002 DR-0001']);
	expect(lines(second, '0002-new.md')).toContain('error supersedes: DR-0001 is accepted in the archive; set its status to superseded by hand');
});

test('files that are not named like ADRs are listed and left out', () => {
	const plan = planImport([{ file: 'README.md', text: '# ADRs\n', modifiedDay: '2024-07-01' }], PEOPLE_ONLY, OPTIONS);
	expect(plan.records).toEqual([]);
	expect(plan.report).toEqual([{ source: 'README.md', outcome: 'not-an-adr', lines: [expect.objectContaining({ level: 'note' })] }]);
});
