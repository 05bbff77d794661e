import { expect, test } from 'vitest';
import { escapeHtml, renderRunRows } from '../../src/components/run-rows-html.ts';
import { runSchema } from '../../src/schemas/index.ts';

const run = runSchema.parse({
	id: 'mlflow:abc',
	source: 'mlflow-fs',
	nativeId: 'abcdef0123456789',
	name: '<b>lr="1e-3"</b>',
	experiment: 'x',
	experimentId: '1',
	status: 'failed',
	statusRaw: '4',
	startedAt: '2026-02-11T09:30:00.000Z',
	endedAt: null,
	durationMs: null,
	user: 'aokafor',
	git: null,
	params: {},
	metrics: {
		val_loss: { final: 'NaN', best: null, bestStep: null, direction: 'min', min: null, max: null, count: 1, nanCount: 1, lastStep: null, series: [] },
	},
	tags: {},
	notes: null,
	deleted: true,
	parentId: 'mlflow:p',
	warnings: [],
});

test('a run row escapes what the run store wrote, links the person and carries no attribute the stylesheet can do without', () => {
	const html = renderRunRows([run], ['val_loss', 'val/acc'], {
		columns: 'full',
		anchors: true,
		personLink: () => ({ url: '/people/amara/', name: 'Amara Okafor' }),
	});
	expect(html).toBe(
		'<tr id="run-mlflow-abc"><th>&lt;b&gt;lr=&quot;1e-3&quot;&lt;/b&gt; (deleted) (child)</th>' +
			'<td class="status-failed">failed</td><td>2026-02-11 09:30</td><td><a href="/people/amara/">Amara Okafor</a></td>' +
			'<td>NaN</td><td>—</td></tr>'
	);
});

test('without a known person the run-store user is shown as text', () => {
	expect(
		renderRunRows([{ ...run, name: null, user: 'x<y', deleted: false, parentId: null }], [], { columns: 'full', anchors: false, personLink: () => undefined })
	).toContain('<tr><th>abcdef01</th>');
	expect(renderRunRows([{ ...run, user: 'x<y' }], [], { columns: 'full', anchors: false, personLink: () => undefined })).toContain('<td>x&lt;y</td>');
	expect(escapeHtml(`a&b'`)).toBe('a&amp;b&#39;');
});

test('a brief row, for tables in prose, has the run, its status and its values, and no anchor', () => {
	expect(renderRunRows([run], ['val_loss'], { columns: 'brief' })).toBe(
		'<tr><th>&lt;b&gt;lr=&quot;1e-3&quot;&lt;/b&gt;</th><td class="status-failed">failed</td><td>NaN</td></tr>'
	);
});
