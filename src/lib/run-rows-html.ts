import type { Run } from '../schemas/index.ts';
import { formatMetric } from './run-summary.ts';
import { runAnchor } from './urls.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** How the run table shows who started a run. */
export type PersonLink = (user: string | null) => { url: string; name: string } | undefined;

/**
 * The rows of a run table as HTML. A month can hold hundreds of runs and the archive tens of
 * thousands, so rows are written as one string rather than as a component per cell, and carry no
 * attribute the table's stylesheet can do without (`table.runs` aligns the metric columns and colours
 * the status cell by its class); every value from a run store is escaped.
 */
export function renderRunRows(runs: readonly Run[], metrics: readonly string[], options: { anchors: boolean; personLink: PersonLink }): string {
	let html = '';
	for (const run of runs) {
		const id = options.anchors ? ` id="${escapeHtml(runAnchor(run.id))}"` : '';
		const name = escapeHtml(run.name ?? run.nativeId.slice(0, 8));
		const notes = `${run.deleted ? ' (deleted)' : ''}${run.parentId ? ' (child)' : ''}`;
		const started = run.startedAt ? run.startedAt.slice(0, 16).replace('T', ' ') : '—';
		const person = options.personLink(run.user);
		const by = person ? `<a href="${escapeHtml(person.url)}">${escapeHtml(person.name)}</a>` : escapeHtml(run.user ?? '—');
		let values = '';
		for (const metric of metrics) values += `<td>${escapeHtml(formatMetric(run.metrics[metric]?.final))}</td>`;
		html += `<tr${id}><th>${name}${notes}</th><td class="status-${run.status}">${run.status}</td><td>${started}</td><td>${by}</td>${values}</tr>`;
	}
	return html;
}
