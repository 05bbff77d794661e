// The components authors use in MDX; pages pass them to every entry's <Content />, so no import is needed.
import DecisionRef from './DecisionRef.astro';
import Lesson from './Lesson.astro';
import MetricChart from './MetricChart.astro';
import MetricValue from './MetricValue.astro';
import RunTable from './RunTable.astro';

export const mdxComponents = { DecisionRef, Lesson, MetricChart, MetricValue, RunTable };
