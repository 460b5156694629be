// Geometry of the monitor's cumulative reads chart: each day's reads are drawn as a rise from the
// day's start to its end, so a study whose reads all fall on one day still shows a line.
import type { DashboardSnapshot } from '$lib/domain/dashboard';

const DAY_MS = 86_400_000;

export interface ChartSize {
	width: number;
	height: number;
}

export const CHART_MARGIN = { top: 14, right: 16, bottom: 30, left: 16 };

export interface CumulativeChart {
	/** The SVG path of the cumulative count (empty when nothing was read). */
	path: string;
	/** The y of the planned total. */
	plannedY: number;
	/** The x of the projected end, or null without one. */
	projectedX: number | null;
	firstDay: string | null;
	lastDay: string | null;
}

const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function cumulativeChart(
	timeline: DashboardSnapshot['timeline'],
	planned: number,
	projected: string | null,
	size: ChartSize
): CumulativeChart {
	const margin = CHART_MARGIN;
	const first = timeline[0];
	const last = timeline.at(-1);
	const start = first ? toTime(first.day) : Date.now();
	const end = Math.max(
		start + DAY_MS,
		last ? toTime(last.day) + DAY_MS : 0,
		projected ? toTime(projected) + DAY_MS : 0
	);
	const top = Math.max(1, planned, last?.cumulative ?? 0);
	const x = (time: number) =>
		margin.left + ((size.width - margin.left - margin.right) * (time - start)) / (end - start);
	const y = (value: number) =>
		size.height - margin.bottom - ((size.height - margin.top - margin.bottom) * value) / top;
	const point = (time: number, value: number) => `${x(time).toFixed(1)},${y(value).toFixed(1)}`;
	const path = first
		? `M${point(start, 0)}` +
			timeline.map((entry) => `L${point(toTime(entry.day) + DAY_MS, entry.cumulative)}`).join('')
		: '';
	return {
		path,
		plannedY: y(planned),
		projectedX: projected ? x(toTime(projected) + DAY_MS) : null,
		firstDay: first?.day ?? null,
		lastDay: last?.day ?? null
	};
}
