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
 * thousands, so rows are written as one string rather than as a component per cell; every value
 * from a run store is escaped.
 */
export function renderRunRows(runs: readonly Run[], metrics: readonly string[], options: { anchors: boolean; personLink: PersonLink }): string {
	let html = '';
	for (const run of runs) {
		const id = options.anchors ? ` id="${escapeHtml(runAnchor(run.id))}"` : '';
		const name = escapeHtml(run.name ?? run.nativeId.slice(0, 8));
		const notes = `${run.deleted ? '<span class="muted"> (deleted)</span>' : ''}${run.parentId ? '<span class="muted"> (child)</span>' : ''}`;
		const started = run.startedAt ? run.startedAt.slice(0, 16).replace('T', ' ') : '—';
		const person = options.personLink(run.user);
		const by = person ? `<a href="${escapeHtml(person.url)}">${escapeHtml(person.name)}</a>` : escapeHtml(run.user ?? '—');
		const values = metrics.map((metric) => `<td class="num">${escapeHtml(formatMetric(run.metrics[metric]?.final))}</td>`).join('');
		html += `<tr${id}><th scope="row">${name}${notes}</th><td><span class="badge status-${run.status}">${run.status}</span></td><td>${started}</td><td>${by}</td>${values}</tr>`;
	}
	return html;
}
