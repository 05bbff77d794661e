import * as urls from '../model/urls.ts';

const base = import.meta.env.BASE_URL;

/** A site path under the configured base (`npm run build -- --base /research/retros/`). */
export const href = (path = '') => urls.withBase(base, path);
export const monthHref = (month: string) => href(urls.monthPath(month));
export const decisionHref = (id: string) => href(urls.decisionPath(id));
export const decisionIndexHref = () => href(urls.decisionIndexPath);
export const decisionTimelineHref = () => href(urls.decisionTimelinePath);
export const decisionGraphHref = () => href(urls.decisionGraphPath);
export const experimentHref = (slug: string) => href(urls.experimentPath(slug));
export const personHref = (id: string) => href(urls.personPath(id));
export const lessonHref = (lesson: { id: string; month: string }) => href(urls.lessonPath(lesson));
export const lessonYearHref = (year: string) => href(urls.lessonYearPath(year));
export const lessonTagHref = (tag: string) => href(urls.lessonTagPath(tag));
export const lessonViewHref = (year: string, filter: string, value: string) => href(urls.lessonViewPath(year, filter, value));
export const lessonMonthHref = (month: string) => href(urls.lessonMonthPath(month));
export const runHref = (month: string, runId: string) => href(urls.runPath(month, runId));
export const runGroupHref = (month: string, experiment: string | null) => href(urls.runGroupPath(month, experiment));
