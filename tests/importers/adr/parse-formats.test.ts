import { expect, test } from 'vitest';
import { dateFromFileName, numberFromFileName, recordName } from '../../../src/importers/adr/adr-document.ts';
import { detectFormat, parseAdr } from '../../../src/importers/adr/detect-format.ts';
import { readFixture } from './helpers.ts';

test('MADR 2: bullet metadata, "superseded by" in the status, sections renamed, Links kept', async () => {
	const source = await readFixture('madr2', '0002-store-training-data-as-parquet-shards.md');
	const adr = parseAdr(source);
	expect(adr).toMatchObject({
		format: 'madr-2',
		number: 2,
		title: 'Store training data as Parquet shards',
		rawDate: '2024-03-11',
		rawStatus: 'superseded',
		deciders: ['Ada Park', 'Priya Raman'],
		links: [{ relation: 'superseded-by', target: '0004-store-training-data-in-delta-tables.md' }],
	});
	expect(adr.body).not.toMatch(/^\* (Status|Deciders|Date):/m);
	expect(adr.body).toMatch(/^## Context$/m);
	expect(adr.body).toMatch(/^## Alternatives considered$/m);
	expect(adr.body).toMatch(/^## Decision$/m);
	expect(adr.body).toMatch(/^## Pros and Cons of the Options$/m);
	expect(adr.body).toMatch(/^## Decision Drivers$/m);
	expect(adr.body).toContain('Technical Story: the labelled wafer images');
	expect(adr.context).toMatch(/^\s*The labelled wafer crops live in one 180 GB HDF5 file/);
});

test('MADR 3: front matter with deciders, consulted and informed, status "superseded by [ADR-0013](…)"', async () => {
	const adr = parseAdr(await readFixture('madr3', '0011-evaluate-on-a-frozen-holdout-set.md'));
	expect(adr).toMatchObject({
		format: 'madr-3',
		number: 11,
		title: 'Evaluate on a frozen holdout set',
		rawDate: '2024-05-20',
		rawStatus: 'superseded',
		deciders: ['apark'],
		consulted: ['Cleo Marsh', 'Farid Nasser'],
		informed: [],
		links: [{ relation: 'superseded-by', target: '0013-evaluate-on-a-rolling-holdout-set.md' }],
	});
	const first = parseAdr(await readFixture('madr3', '0010-track-experiments-in-mlflow.md'));
	expect(first).toMatchObject({ deciders: ['Ada Park', 'Ben Ito'], consulted: ['Cleo Marsh'], informed: ['the whole Lumen team'] });
});

test('MADR 4: decision-makers, quoted status "superseded by ADR-0023", plain-text "Supersedes ADR-0021"', async () => {
	const old = parseAdr(await readFixture('madr4', '0021-distil-to-resnet-18.md'));
	expect(old).toMatchObject({ format: 'madr-4', rawStatus: 'superseded', deciders: ['Ada Park'], links: [{ relation: 'superseded-by', target: 'ADR-0023' }] });
	const successor = parseAdr(await readFixture('madr4', '0023-distil-to-efficientnet-b0.md'));
	expect(successor).toMatchObject({
		rawStatus: 'accepted',
		deciders: ['Ada Park', 'Emeka Obi'],
		consulted: ['Farah Haddad'],
		links: [{ relation: 'supersedes', target: 'ADR-0021' }],
	});
	const proposed = parseAdr(await readFixture('madr4', '0022-quantise-line-model-to-int8.md'));
	expect(proposed).toMatchObject({ format: 'madr-4', rawStatus: 'proposed', deciders: ['Emeka Obi'] });
});

test('MADR without front matter: no metadata at all, links in "More Information"', async () => {
	const adr = parseAdr(await readFixture('madr-no-frontmatter', '0032-warm-up-over-the-first-epoch.md'));
	expect(adr).toMatchObject({
		format: 'madr',
		number: 32,
		title: 'Warm up over the first epoch instead',
		rawDate: undefined,
		rawStatus: undefined,
		deciders: [],
		links: [{ relation: 'supersedes', target: '0031-warm-up-the-learning-rate.md' }],
	});
});

test('adr-tools: numbered title, Date line, Status section with "Superceded by" / "Supercedes" and "Amended by"', async () => {
	const old = parseAdr(await readFixture('adr-tools', '0002-use-pytorch-lightning-for-training-loops.md'));
	expect(old).toMatchObject({
		format: 'adr-tools',
		number: 2,
		title: 'Use PyTorch Lightning for training loops',
		rawDate: '2023-11-20',
		rawStatus: 'superseded',
		links: [{ relation: 'superseded-by', target: '0004-use-plain-pytorch-training-loops.md' }],
	});
	expect(old.body).not.toMatch(/## Status|Superceded/);
	const successor = parseAdr(await readFixture('adr-tools', '0004-use-plain-pytorch-training-loops.md'));
	expect(successor).toMatchObject({ rawStatus: 'Accepted', links: [{ relation: 'supersedes', target: '0002-use-pytorch-lightning-for-training-loops.md' }] });
	const amended = parseAdr(await readFixture('adr-tools', '0003-version-data-with-dvc.md'));
	expect(amended.links).toEqual([]);
	expect(amended.body).toMatch(/## Status\n+Amended by \[5\. Keep the DVC remote/);
	expect(amended.context).toContain('Datasets are copied by hand');
});

test('Log4brains: date-prefixed names carry no number, Tags bullet, draft status in front matter', async () => {
	const fp16 = parseAdr(await readFixture('log4brains', '20240115-train-in-mixed-precision-with-fp16.md'));
	expect(fp16).toMatchObject({
		format: 'log4brains',
		number: undefined,
		fileDate: '2024-01-15',
		rawStatus: 'superseded',
		deciders: ['Ada Park', 'apark'],
		tags: ['training', 'GPU'],
		links: [{ relation: 'superseded-by', target: '20240301-train-in-bf16.md' }],
	});
	const draft = parseAdr(await readFixture('log4brains', '20240220-smooth-labels-of-ambiguous-crops.md'));
	expect(draft).toMatchObject({ format: 'log4brains', rawStatus: 'draft', deciders: ['Cleo Marsh'], tags: ['regularisation', 'Label Noise'] });
});

test('format detection looks at each file, not at the folder', () => {
	const source = (file: string, text: string) => ({ file, text, modifiedDay: '2024-01-01' });
	expect(detectFormat(source('0001-a.md', '---\nstatus: accepted\ndecision-makers: [x]\n---\n# A\n'))).toBe('madr-4');
	expect(detectFormat(source('0001-a.md', '---\nstatus: accepted\ndeciders: [x]\n---\n# A\n'))).toBe('madr-3');
	expect(detectFormat(source('0001-a.md', '# A\n\n* Status: accepted\n'))).toBe('madr-2');
	expect(detectFormat(source('0001-a.md', '# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n'))).toBe('adr-tools');
	expect(detectFormat(source('20200101-a.md', '# A\n\n- Status: accepted\n'))).toBe('log4brains');
	expect(detectFormat(source('0001-a.md', '# A\n\n## Context and Problem Statement\n\nWhy.\n'))).toBe('madr');
	// A dated name is Log4brains' only in its own compact form; a dated folder or `YYYY-MM-DD-` file says nothing of the template.
	expect(detectFormat(source('2024-01-15-a.md', '---\ndecision-makers: [x]\n---\n# A\n'))).toBe('madr-4');
	expect(detectFormat(source('20240115-a/README.md', '# A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n'))).toBe('adr-tools');
});

test('numbers and dates are read from file names and from the folders of records kept one per folder', () => {
	expect([
		numberFromFileName('0007-x.md'),
		numberFromFileName('ADR-007-x/index.md'),
		numberFromFileName('2024-01-15-x.md'),
		numberFromFileName('20240115-x/README.md'),
	]).toEqual([7, 7, undefined, undefined]);
	expect([dateFromFileName('20240115-x.md'), dateFromFileName('cat/2024-01-15-x/README.md'), dateFromFileName('0007-x/README.md')]).toEqual([
		'2024-01-15',
		'2024-01-15',
		undefined,
	]);
	expect([recordName('cat/0007-x/README.md'), recordName('cat/0007-x.md'), recordName('README.md')]).toEqual(['0007-x', '0007-x.md', 'README.md']);
});
