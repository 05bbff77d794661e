import * as urls from '../lib/urls.ts';

const base = import.meta.env.BASE_URL;

/** A site path under the configured base (`npm run build -- --base /research/retros/`). */
export const href = (path = '') => urls.withBase(base, path);
export const monthHref = (month: string) => href(urls.monthPath(month));
export const decisionHref = (id: string) => href(urls.decisionPath(id));
export const experimentHref = (slug: string) => href(urls.experimentPath(slug));
export const personHref = (id: string) => href(urls.personPath(id));
export const lessonHref = (id: string) => href(urls.lessonPath(id));
export const runHref = (month: string, runId: string) => href(urls.runPath(month, runId));
export const runGroupHref = (month: string, experiment: string | null) => href(urls.runGroupPath(month, experiment));
export const lessonFilterHref = (filter: string, value: string) => href(urls.lessonFilterPath(filter, value));
