import { formatMetric } from '../model/run-summary.ts';
import { runAnchor } from '../model/urls.ts';
import type { Run } from '../schemas/index.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** How the run table shows who started a run. */
export type PersonLink = (user: string | null) => { url: string; name: string } | undefined;

/**
 * Which columns a run table has. `full`: run, status, start, owner, final values (the table on a
 * month page, each run's home); `brief`: run, status, final values (a table placed in prose, which
 * repeats only what the author asked for, so that no run's full row is written twice in the site).
 */
export type RunRowOptions = { columns: 'full'; anchors: boolean; personLink: PersonLink } | { columns: 'brief' };

/**
 * The rows of a run table as HTML. A month can hold hundreds of runs and the archive tens of
 * thousands, so rows are written as one string rather than as a component per cell, and carry no
 * attribute the table's stylesheet can do without (`table.runs` aligns the metric columns and colours
 * the status cell by its class); every value from a run store is escaped.
 */
export function renderRunRows(runs: readonly Run[], metrics: readonly string[], options: RunRowOptions): string {
	let html = '';
	for (const run of runs) {
		let values = '';
		for (const metric of metrics) values += `<td>${escapeHtml(formatMetric(run.metrics[metric]?.final))}</td>`;
		const name = escapeHtml(run.name ?? run.nativeId.slice(0, 8));
		const status = `<td class="status-${run.status}">${run.status}</td>`;
		if (options.columns === 'brief') {
			html += `<tr><th>${name}</th>${status}${values}</tr>`;
			continue;
		}
		const id = options.anchors ? ` id="${escapeHtml(runAnchor(run.id))}"` : '';
		const notes = `${run.deleted ? ' (deleted)' : ''}${run.parentId ? ' (child)' : ''}`;
		const started = run.startedAt ? run.startedAt.slice(0, 16).replace('T', ' ') : '—';
		const person = options.personLink(run.user);
		const by = person ? `<a href="${escapeHtml(person.url)}">${escapeHtml(person.name)}</a>` : escapeHtml(run.user ?? '—');
		html += `<tr${id}><th>${name}${notes}</th>${status}<td>${started}</td><td>${by}</td>${values}</tr>`;
	}
	return html;
}
