// Figure: a Bland–Altman plot (Bland & Altman 1986): each pair's difference (first − second
// measurement) against its mean, with the bias as a solid line and the 95 % limits of agreement
// as dashed lines, each labelled with its value; the confidence interval of each line is a light
// band. The words come from the caller (the report's language).
import type { BlandAltman } from '../../stats/agreement/bland-altman';
import {
	bottomAxis,
	emptyElement,
	formatNumber,
	linearScale,
	niceLinearTicks,
	svgDocument,
	textElement
} from './svg';

export interface BlandAltmanTexts {
	title: string;
	description: string;
	/** The x axis, e.g. "Mean of reader and truth (mm)". */
	xLabel: string;
	/** The y axis, e.g. "Reader − truth (mm)". */
	yLabel: string;
	bias: string;
	lower: string;
	upper: string;
}

const LEFT = 64;
const TOP = 40;
const WIDTH = 360;
const HEIGHT = 240;
const RIGHT = LEFT + WIDTH;
const BOTTOM = TOP + HEIGHT;
const LABEL_SPACE = 130;

export function blandAltmanPlot(
	result: BlandAltman,
	texts: BlandAltmanTexts,
	decimals = 1
): string {
	const means = result.points.map((point) => point.mean);
	const levels = [
		result.lower.ciLower,
		result.upper.ciUpper,
		...result.points.map((point) => point.difference)
	];
	const xMin = Math.min(...means);
	const xMax = Math.max(...means);
	const xTicks = niceLinearTicks(xMin, xMax > xMin ? xMax : xMin + 1, 5);
	const yTicks = niceLinearTicks(
		Math.min(...levels),
		Math.max(...levels, Math.min(...levels) + 1),
		5
	);
	const x = linearScale(
		[xTicks.values[0]!, xTicks.values[xTicks.values.length - 1]!],
		[LEFT, RIGHT]
	);
	const y = linearScale(
		[yTicks.values[0]!, yTicks.values[yTicks.values.length - 1]!],
		[BOTTOM, TOP]
	);
	const line = (
		value: { estimate: number; ciLower: number; ciUpper: number },
		label: string,
		dash?: string
	) => [
		emptyElement('rect', {
			class: 'ci-band',
			x: LEFT,
			y: y(value.ciUpper),
			width: WIDTH,
			height: Math.max(0.5, y(value.ciLower) - y(value.ciUpper)),
			fill: '#1f4e9c',
			'fill-opacity': 0.08
		}),
		emptyElement('line', {
			x1: LEFT,
			y1: y(value.estimate),
			x2: RIGHT,
			y2: y(value.estimate),
			stroke: '#1f4e9c',
			'stroke-width': 1.5,
			'stroke-dasharray': dash
		}),
		textElement(
			RIGHT + 6,
			y(value.estimate) + 4,
			`${label} ${formatNumber(value.estimate, decimals)}`,
			{
				'font-size': 11
			}
		)
	];
	const body = [
		'<g class="y-axis" stroke="#000" stroke-width="1">',
		emptyElement('line', { x1: LEFT, y1: TOP, x2: LEFT, y2: BOTTOM }),
		...yTicks.values.map((tick) =>
			emptyElement('line', { x1: LEFT - 5, y1: y(tick), x2: LEFT, y2: y(tick) })
		),
		'</g>',
		'<g class="tick-labels" font-size="11" text-anchor="end">',
		...yTicks.values.map((tick) =>
			textElement(LEFT - 8, y(tick) + 4, formatNumber(tick, yTicks.decimals))
		),
		'</g>',
		...bottomAxis(x, xTicks.values, LEFT, RIGHT, BOTTOM, (tick) =>
			formatNumber(tick, xTicks.decimals)
		),
		textElement((LEFT + RIGHT) / 2, BOTTOM + 36, texts.xLabel, { 'text-anchor': 'middle' }),
		textElement(16, (TOP + BOTTOM) / 2, texts.yLabel, {
			'text-anchor': 'middle',
			transform: `rotate(-90 16 ${(TOP + BOTTOM) / 2})`
		}),
		textElement(LEFT, 22, texts.title, { 'font-weight': 600, 'font-size': 13 }),
		...line(result.bias, texts.bias),
		...line(result.lower, texts.lower, '6 4'),
		...line(result.upper, texts.upper, '6 4'),
		'<g class="points" fill="none" stroke="#000" stroke-width="1.2">',
		...result.points.map((point) =>
			emptyElement('circle', { cx: x(point.mean), cy: y(point.difference), r: 3 })
		),
		'</g>'
	];
	return svgDocument({
		width: RIGHT + LABEL_SPACE,
		height: BOTTOM + 48,
		title: texts.title,
		description: texts.description,
		body,
		className: 'figure bland-altman'
	});
}
