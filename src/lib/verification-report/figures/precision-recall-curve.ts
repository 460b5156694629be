// Figure: the AI's precision–recall curve, over all lesions and optionally per lesion type. Each
// series is drawn twice: thin, its raw points (one per score threshold) joined in order; bold,
// its interpolated precision — at each recall the best precision at any recall at least as high,
// a step line from recall 0 whose area is the all-point average precision (VOC 2010–2012, as
// stats/lesion/standalone/precision-recall.ts computes it). The legend gives each AP with its
// bootstrap interval when one is given.
import { armStyle } from './arm-style';
import { PR_LABELS_EN, type PrLabels } from './lesion-figure-labels';
import { LEGEND_TOP, PLOT_LEFT, PLOT_RIGHT, plotFrame, type PlotFrame } from './lesion-plot-frame';
import {
	attributes,
	emptyElement,
	escapeXml,
	formatNumber,
	linePath,
	svgDocument,
	textElement
} from './svg';
import { approxTextWidth } from './text-width';

export interface PrFigurePoint {
	recall: number;
	precision: number;
}

export interface PrSeries {
	points: readonly PrFigurePoint[];
	averagePrecision: { estimate: number; lower?: number; upper?: number };
}

export interface PrCurveInput {
	overall: PrSeries;
	/** Per lesion type. */
	types?: ReadonlyArray<PrSeries & { type: string }>;
	title?: string;
	description?: string;
	/** Decimals of AP in the legend; default 3. */
	decimals?: number;
	/** The intervals' confidence level; default 0.95. */
	level?: number;
	labels?: PrLabels;
}

const LEGEND_ROW = 18;
const LEGEND_TEXT_X = PLOT_LEFT + 44;
const MIN_WIDTH = PLOT_RIGHT + 24;

/**
 * The interpolated precision as a step line: for recall in (rᵢ₋₁, rᵢ], the largest precision at
 * a recall ≥ rᵢ, from recall 0; its area is the average precision.
 */
export function interpolatedPrecision(points: readonly PrFigurePoint[]): PrFigurePoint[] {
	const envelope = new Array<number>(points.length);
	let best = 0;
	for (let i = points.length - 1; i >= 0; i--) {
		best = Math.max(best, (points[i] as PrFigurePoint).precision);
		envelope[i] = best;
	}
	// One step per distinct recall, at the best precision of any point with that recall or more.
	const steps: PrFigurePoint[] = [];
	const push = (recall: number, precision: number) => {
		const last = steps[steps.length - 1];
		if (!last || last.recall !== recall || last.precision !== precision)
			steps.push({ recall, precision });
	};
	points.forEach((point, i) => {
		const previous = points[i - 1];
		if (previous && previous.recall === point.recall) return;
		const level = envelope[i] as number;
		push(previous ? previous.recall : 0, level);
		push(point.recall, level);
	});
	return steps;
}

function check(series: PrSeries, what: string): void {
	series.points.forEach((point, i) => {
		const previous = series.points[i - 1];
		if (
			!(point.recall >= 0 && point.recall <= 1 && point.precision >= 0 && point.precision <= 1) ||
			(previous && point.recall < previous.recall)
		)
			throw new RangeError(`${what}: point ${i + 1} must lie in [0, 1]² with recall not falling`);
	});
}

function path(frame: PlotFrame, points: readonly PrFigurePoint[]): string {
	return linePath(
		points.map((point) => [frame.x(point.recall), frame.y(point.precision)] as const)
	);
}

/** The PR figure as a standalone SVG string. */
export function precisionRecallCurve(input: PrCurveInput): string {
	const labels = input.labels ?? PR_LABELS_EN;
	const decimals = input.decimals ?? 3;
	const percent = Math.round((input.level ?? 0.95) * 100);
	const ap = (series: PrSeries) => {
		const { estimate, lower, upper } = series.averagePrecision;
		const value = formatNumber(estimate, decimals);
		if (lower === undefined || upper === undefined || Number.isNaN(lower)) return value;
		return `${value} (${percent}% CI ${formatNumber(lower, decimals)}–${formatNumber(upper, decimals)})`;
	};
	const series = [
		{
			series: input.overall,
			text: labels.legendOverall(ap(input.overall)),
			color: '#000',
			dash: undefined as string | undefined
		},
		...(input.types ?? []).map((type, t) => ({
			series: type as PrSeries,
			text: labels.legendType(type.type, ap(type)),
			color: armStyle(t).color,
			dash: armStyle(t + 1).dash
		}))
	];
	series.forEach((entry) => check(entry.series, entry.text));
	const frame = plotFrame(1, labels);
	const body = [...frame.body];
	const texts: string[] = [];
	let y = LEGEND_TOP;
	const legend: string[] = ['<g class="legend">'];
	for (const entry of series) {
		const paint = {
			fill: 'none',
			stroke: entry.color,
			'stroke-dasharray': entry.dash,
			'stroke-linejoin': 'round'
		};
		body.push(
			emptyElement('path', {
				class: 'pr-raw',
				d: path(frame, entry.series.points),
				...paint,
				'stroke-width': 1,
				'stroke-opacity': 0.45
			})
		);
		body.push(
			`<path${attributes({ class: 'pr-interpolated', d: path(frame, interpolatedPrecision(entry.series.points)), ...paint, 'stroke-width': 2.5 })}><title>${escapeXml(entry.text)}</title></path>`
		);
		legend.push(
			emptyElement('path', {
				d: linePath([
					[PLOT_LEFT, y - 4],
					[PLOT_LEFT + 36, y - 4]
				]),
				...paint,
				'stroke-width': 2.5
			}),
			textElement(LEGEND_TEXT_X, y, entry.text, { class: 'legend-series' })
		);
		texts.push(entry.text);
		y += LEGEND_ROW;
	}
	const notes = [labels.noteBold, labels.noteThin];
	for (const note of notes) {
		legend.push(textElement(PLOT_LEFT, y, note, { 'font-size': 10.5, fill: '#444' }));
		y += LEGEND_ROW - 3;
	}
	legend.push('</g>');
	body.push(...legend);
	const width = Math.max(
		MIN_WIDTH,
		...texts.map((text) => LEGEND_TEXT_X + approxTextWidth(text, 12) + 12),
		...notes.map((note) => PLOT_LEFT + approxTextWidth(note, 10.5) + 12)
	);
	const description = [input.description, labels.describe(texts.join('; ')), labels.describeMethod]
		.filter((part) => part)
		.join(' ');
	return svgDocument({
		width,
		height: y + 4,
		title: input.title ?? labels.title,
		description,
		body,
		className: 'figure precision-recall'
	});
}
