import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';
import { formatMetric } from '../model/run-summary.ts';
import type { ChartMarker, SeriesLine, TrendPoint } from './chart-data.ts';

/** The drawing area of a chart, in SVG user units; the SVG scales to its container. */
export const CHART_SIZE = { width: 640, height: 260, margin: { top: 16, right: 28, bottom: 36, left: 56 } } as const;

/** A tick on an axis: where, and its label. */
export interface Tick {
	position: number;
	label: string;
}

/** Everything needed to draw a chart, already in SVG coordinates. */
export interface ChartGeometry {
	width: number;
	height: number;
	plot: { left: number; right: number; top: number; bottom: number };
	xTicks: Tick[];
	yTicks: Tick[];
	lines: { id: string; label: string; path: string; points: { x: number; y: number; label: string }[] }[];
	markers: (ChartMarker & { x: number })[];
}

const MONTH_LABEL = new Intl.DateTimeFormat('en', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const DAY_LABEL = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const YEAR_LABEL = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'UTC' });

/**
 * Labels time ticks at the grain d3 chose them: years, months (`Feb 26`), or days and weeks (`Feb 8`)
 * for a short span. A month label on a daily tick would repeat the same month along the axis.
 */
export function labelTimeTicks(ticks: readonly Date[]): string[] {
	const startsMonth = (tick: Date) => tick.getUTCDate() === 1 && tick.getUTCHours() === 0 && tick.getUTCMinutes() === 0;
	const format =
		ticks.every((tick) => startsMonth(tick) && tick.getUTCMonth() === 0) && ticks.length > 1 ? YEAR_LABEL : ticks.every(startsMonth) ? MONTH_LABEL : DAY_LABEL;
	return ticks.map((tick) => format.format(tick));
}

// A tenth of an SVG unit is far below a pixel at any size the chart is shown; more digits only add bytes
// to pages that carry dozens of charts.
const round = (value: number) => Math.round(value * 10) / 10;

const plotArea = () => {
	const { width, height, margin } = CHART_SIZE;
	return { width, height, plot: { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom } };
};

/** Pads a value range so that a flat line does not sit on the frame. */
function paddedDomain(values: readonly number[]): [number, number] {
	const low = Math.min(...values);
	const high = Math.max(...values);
	const pad = low === high ? Math.abs(low) * 0.05 || 1 : (high - low) * 0.08;
	return [low - pad, high + pad];
}

/**
 * Lays out a metric's best values on a time axis, each at the day its run started, with the
 * comparability markers at their dates; points on either side of a marker are not joined.
 */
export function layoutTrend(points: readonly TrendPoint[], markers: readonly ChartMarker[], firstMonth: string, lastMonth: string): ChartGeometry {
	const { width, height, plot } = plotArea();
	const start = new Date(`${firstMonth}-01T00:00:00Z`);
	const end = new Date(`${lastMonth}-01T00:00:00Z`);
	end.setUTCMonth(end.getUTCMonth() + 1);
	const x = scaleUtc().domain([start, end]).range([plot.left, plot.right]);
	const y = scaleLinear()
		.domain(paddedDomain(points.map((point) => point.value)))
		.range([plot.bottom, plot.top])
		.nice();
	const draw = line<{ x: number; y: number }>()
		.x((point) => point.x)
		.y((point) => point.y)
		.digits(1);
	const eras = [...new Set(points.map((point) => point.era))].sort((a, b) => a - b);
	// d3 picks the interval for the span: days or weeks for a month or two, months or years beyond.
	const timeTicks = x.ticks(8);
	const timeLabels = labelTimeTicks(timeTicks);
	return {
		width,
		height,
		plot,
		xTicks: timeTicks.map((tick, index) => ({ position: round(x(tick)), label: timeLabels[index] ?? '' })),
		yTicks: y.ticks(5).map((tick) => ({ position: round(y(tick)), label: formatMetric(tick) })),
		lines: eras.map((era) => {
			const coordinates = points
				.filter((point) => point.era === era)
				.map((point) => ({
					x: round(x(new Date(`${point.date}T12:00:00Z`))),
					y: round(y(point.value)),
					label: `${point.month}: ${formatMetric(point.value)} (${point.runName}, ${point.date})`,
				}));
			return {
				id: `era-${era}`,
				label: era === 0 ? 'best per month' : `best per month after break ${era}`,
				path: draw(coordinates) ?? '',
				points: coordinates,
			};
		}),
		markers: markers.map((marker) => ({ ...marker, x: round(x(new Date(`${marker.date}T00:00:00Z`))) })),
	};
}

/** Lays out several runs' series of one metric against the step. */
export function layoutSeries(series: readonly SeriesLine[]): ChartGeometry {
	const { width, height, plot } = plotArea();
	const steps = series.flatMap((entry) => entry.points.map(([step]) => step));
	const values = series.flatMap((entry) => entry.points.map(([, value]) => value));
	const x = scaleLinear()
		.domain([Math.min(...steps), Math.max(...steps)])
		.range([plot.left, plot.right])
		.nice();
	const y = scaleLinear().domain(paddedDomain(values)).range([plot.bottom, plot.top]).nice();
	const draw = line<[number, number]>()
		.x(([step]) => x(step))
		.y(([, value]) => y(value))
		.digits(1);
	return {
		width,
		height,
		plot,
		xTicks: x.ticks(6).map((tick) => ({ position: round(x(tick)), label: String(tick) })),
		yTicks: y.ticks(5).map((tick) => ({ position: round(y(tick)), label: formatMetric(tick) })),
		lines: series.map((entry) => ({
			id: entry.runId,
			label: entry.label,
			path: draw(entry.points) ?? '',
			points: [],
		})),
		markers: [],
	};
}
