/**
 * Joins the site's base path (Astro's `BASE_URL`, `/` or `/research/retros/`) and a site path, so
 * that every link works under any sub-path of a server.
 */
export function withBase(base: string, path = ''): string {
	const prefix = base.endsWith('/') ? base : `${base}/`;
	return `${prefix}${path.replace(/^\/+/, '')}`;
}

// Ids and names as anchor text: anything but letters, digits, `_` and `-` becomes `-`.
const toAnchorText = (text: string) => text.replace(/[^a-zA-Z0-9_-]/g, '-');
// A lesson filter's value in a fragment or an element id: spaces become `-`.
const toFilterText = (value: string) => value.replace(/\s/g, '-');

/** Site path of a month's page. */
export const monthPath = (month: string) => `months/${month}/`;
/** Site path of a decision's page; `DR-0012` → `decisions/dr-0012/`. */
export const decisionPath = (id: string) => `decisions/${id.toLowerCase()}/`;
// The decision views sit beside the records' pages, whose names (`dr-0012`) are never a plain word.
/** Site path of the table of every decision record, with its filters. */
export const decisionIndexPath = 'decisions/';
/** Site path of the decision records month by month. */
export const decisionTimelinePath = 'decisions/timeline/';
/** Site path of the graph of which decision record replaced which. */
export const decisionGraphPath = 'decisions/graph/';
/** Site path of an experiment's page. */
export const experimentPath = (slug: string) => `experiments/${slug}/`;
/** Site path of a person's page. */
export const personPath = (id: string) => `people/${id}/`;
/** Site path of the lesson archive's page of one year. */
export const lessonYearPath = (year: string) => `lessons/${year}/`;
/**
 * Site path of a lesson: its anchor on the archive's page of its month's year, stable for as long as
 * its id and month.
 */
export const lessonPath = (lesson: { id: string; month: string }) => `${lessonYearPath(lesson.month.slice(0, 4))}#${lesson.id}`;
/** Site path of a tag's lessons across every year. */
export const lessonTagPath = (tag: string) => `lessons/tags/${tag}/`;
/** Anchor id of a run within a month page. */
export const runAnchor = (runId: string) => `run-${toAnchorText(runId)}`;
/** Site path of a run: its row on the page of the month it started in. */
export const runPath = (month: string, runId: string) => `${monthPath(month)}#${runAnchor(runId)}`;
/** Anchor id of a metric's trend chart on an experiment page. */
export const metricChartAnchor = (metric: string) => `chart-trend-${metric.replace(/[^a-zA-Z0-9-]/g, '-')}`;
/** Site path of a metric's trend chart on an experiment page. */
export const metricChartPath = (slug: string, metric: string) => `${experimentPath(slug)}#${metricChartAnchor(metric)}`;
/** Anchor id of the runs of one source experiment name on a month page (`null`: runs without one). */
export const runGroupAnchor = (experiment: string | null) => `runs-${toAnchorText(experiment ?? 'none')}`;
/** Site path of the runs of one source experiment name on a month page. */
export const runGroupPath = (month: string, experiment: string | null) => `${monthPath(month)}#${runGroupAnchor(experiment)}`;
/**
 * Anchor of a lesson year page's view of one filter value, `tag:data-quality`, `month:2026-02`,
 * `person:ada`, `source:run`; the colon keeps it apart from lesson ids, which cannot hold one.
 */
export const lessonFilterAnchor = (filter: string, value: string) => `${filter}:${toFilterText(value)}`;
/** Site path of a year page's view of one filter value, `lessons/2026/#tag:data-quality`. */
export const lessonViewPath = (year: string, filter: string, value: string) => `${lessonYearPath(year)}#${lessonFilterAnchor(filter, value)}`;
/** Site path of a month's lessons: the view of that month on its year's page. */
export const lessonMonthPath = (month: string) => lessonViewPath(month.slice(0, 4), 'month', month);
/** Id of the lesson archive's radio button for one filter value (`''`: any). */
export const lessonFilterInputId = (filter: string, value: string) => `filter:${filter}:${toFilterText(value) || 'any'}`;
