import { join } from 'node:path';
import { expect, inject, test } from 'vitest';
import { validateArchive } from '../../src/archive/validate-archive.ts';
import { decisionPath, experimentPath, monthPath, personPath } from '../../src/model/urls.ts';
import { PROJECT_ROOT } from '../helpers.ts';

const siteUrl = inject('siteUrl');
const fetchPage = async (path: string) => {
	const response = await fetch(new URL(path, siteUrl));
	expect(response.status, path).toBe(200);
	return response.text();
};

// The example archive is the demo a newcomer sees: its February page must tell the whole month.
test('the example February page shows runs, signed changes since January, a chart with a decision marker, lessons, exchanges and contributors', async () => {
	const html = await fetchPage('months/2026-02/');
	const section = (id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('<h2', html.indexOf(`id="${id}"`) + 1));
	expect(section('runs')).toMatch(/\d+ runs: /);
	expect(section('runs')).toMatch(/<tr id="run-mlflow-[0-9a-f]+">/);
	const changes = section('changes');
	expect(changes).toContain('Changes since January 2026');
	expect(changes).toMatch(/class="num delta-(better|worse)">[+−][\d.]+/);
	expect(html).toMatch(/<svg class="chart"[\s\S]*?<a class="chart-marker" href="\/research\/retros\/decisions\/dr-0006\/">/);
	expect(section('lessons')).toContain('class="lesson"');
	expect(section('exchanges')).toMatch(/Farah Haddad/);
	for (const name of ['Amara Okafor', 'Bastian Roth', 'Chen Yu', 'Dana Whitfield', 'Emeka Obi', 'Farah Haddad'])
		expect(section('contributors')).toContain(name);
});

test('every entry of the example archive has a page, and the search index exists', async () => {
	const { archive } = await validateArchive(join(PROJECT_ROOT, 'content'));
	const paths = [
		...archive.retros.map(({ data }) => monthPath(data.month)),
		...archive.runs.map(({ data }) => monthPath(data.month)),
		...archive.decisions.map(({ data }) => decisionPath(data.id)),
		...archive.experiments.map(({ id }) => experimentPath(id)),
		...archive.people.map(({ id }) => personPath(id)),
		'decisions/',
		'decisions/timeline/',
		'decisions/graph/',
		'lessons/',
		'lessons/2026/',
		'lessons/2025/',
		'feeds/retros.xml',
		'feeds/decisions.xml',
		'sitemap-index.xml',
		'pagefind/pagefind.js',
		'pagefind/pagefind-entry.json',
	];
	expect(paths.length).toBeGreaterThan(40);
	for (const path of paths) await fetchPage(path);
});
