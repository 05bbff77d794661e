import type { Archive } from '../archive/parse-entries.ts';
import { decisionPath, experimentPath, monthPath, personPath, withBase } from '../model/urls.ts';
import { listDecisionIdAliases, listIdentifierAliases } from './identifier-aliases.ts';

/** A page as the search index sees it, without rendering it: what `npm run dev` searches. */
export interface SearchRecord {
	url: string;
	content: string;
	meta: Record<string, string>;
	filters: Record<string, string[]>;
	sort: Record<string, string>;
}

/** Markdown/MDX reduced to its words: component tags, link targets and markup go, code text stays. */
export function toPlainText(markdown: string): string {
	return (
		markdown
			.replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
			.replace(/<\/?[A-Za-z][^>]*>/g, ' ')
			.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/^(```|~~~).*$/gm, ' ')
			// Underscores stay: they are part of identifiers such as val_loss.
			.replace(/[`*#|]+|^\s*>+/gm, ' ')
			.replace(/\s+/g, ' ')
			.trim()
	);
}

const dated = (date: string) => ({ month: [date.slice(0, 7)], year: [date.slice(0, 4)] });

/** One search record per retro, decision, experiment and person, with the filters the built pages carry. */
export function buildSearchRecords(archive: Archive, base: string): SearchRecord[] {
	const records: SearchRecord[] = [];
	for (const { data, body } of archive.decisions) {
		const named = [...data.affects.code, ...data.affects.config, ...data.affects.metrics];
		const identifiers = [...named, ...named.flatMap(listIdentifierAliases), ...listDecisionIdAliases(data.id)].join(' ');
		const title = `${data.id}: ${data.title}`;
		records.push({
			url: withBase(base, decisionPath(data.id)),
			content: `${title}. ${data.summary} ${identifiers} ${toPlainText(body)}`,
			meta: { title, kind: 'decision', date: data.date },
			filters: {
				kind: ['decision'],
				status: [data.status],
				impact: data.impact,
				person: [...data.deciders, ...data.consulted],
				tag: data.tags,
				...dated(data.date),
			},
			sort: { date: data.date },
		});
	}
	for (const { data, body } of archive.retros) {
		const lessons = data.lessons.map((lesson) => `${lesson.title} ${lesson.detail}`).join(' ');
		// The month page shows its exchanges and rejected ideas; the built index finds them there.
		const exchanges = data.exchanges.map((exchange) => `${exchange.topic} ${exchange.outcome} ${exchange.with.join(' ')}`).join(' ');
		const ideas = data.rejectedIdeas.map((idea) => `${idea.idea} ${idea.reason}`).join(' ');
		records.push({
			url: withBase(base, monthPath(data.month)),
			content: `${data.title}. ${data.summary} ${lessons} ${exchanges} ${ideas} ${toPlainText(body)}`,
			meta: { title: data.title, kind: 'month', date: data.month },
			filters: { kind: ['month'], person: data.authors, tag: data.tags, ...dated(data.month) },
			sort: { date: data.month },
		});
	}
	for (const { id, data, body } of archive.experiments) {
		records.push({
			url: withBase(base, experimentPath(id)),
			content: `${data.title}. ${data.summary} ${data.hypothesis} ${data.metrics.map(({ key }) => key).join(' ')} ${data.lessons.map((lesson) => `${lesson.title} ${lesson.detail}`).join(' ')} ${toPlainText(body)}`,
			meta: { title: data.title, kind: 'experiment', date: data.started },
			filters: { kind: ['experiment'], status: [data.status], person: data.owners, tag: data.tags, ...dated(data.started) },
			sort: { date: data.started },
		});
	}
	for (const { id, data } of archive.people) {
		records.push({
			url: withBase(base, personPath(id)),
			content: `${data.name}. ${data.role}, ${data.affiliation}.`,
			meta: { title: data.name, kind: 'person' },
			filters: { kind: ['person'], person: [id] },
			sort: {},
		});
	}
	return records;
}
