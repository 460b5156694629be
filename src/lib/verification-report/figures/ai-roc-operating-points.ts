// Figure: the AI's empirical ROC curve with its operating points marked — the model's default
// threshold and the protocol's high-sensitivity and high-specificity points — each a labelled
// marker at (1 − specificity, sensitivity). The words come from the caller (the report's language).
import type { RocPoint } from './empirical-roc';
import {
	bottomAxis,
	emptyElement,
	formatNumber,
	linePath,
	linearScale,
	svgDocument,
	textElement
} from './svg';

export interface MarkedPoint extends RocPoint {
	label: string;
}

export interface AiRocInput {
	points: readonly RocPoint[];
	marked: readonly MarkedPoint[];
	title: string;
	description: string;
	xLabel: string;
	yLabel: string;
}

const LEFT = 64;
const TOP = 36;
const SIZE = 300;
const RIGHT = LEFT + SIZE;
const BOTTOM = TOP + SIZE;
const LABELS_WIDTH = 220;
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
const MARKERS = ['circle', 'square', 'diamond'] as const;

function marker(kind: (typeof MARKERS)[number], x: number, y: number): string {
	const paint = { fill: '#fff', stroke: '#b3261e', 'stroke-width': 1.8 };
	if (kind === 'circle') return emptyElement('circle', { cx: x, cy: y, r: 5, ...paint });
	if (kind === 'square')
		return emptyElement('rect', { x: x - 4.5, y: y - 4.5, width: 9, height: 9, ...paint });
	return emptyElement('polygon', {
		points: `${x},${y - 6} ${x + 6},${y} ${x},${y + 6} ${x - 6},${y}`,
		...paint
	});
}

export function aiRocWithOperatingPoints(input: AiRocInput): string {
	const x = linearScale([0, 1], [LEFT, RIGHT]);
	const y = linearScale([0, 1], [BOTTOM, TOP]);
	const body = [
		textElement(LEFT, 22, input.title, { 'font-weight': 600, 'font-size': 13 }),
		emptyElement('line', {
			class: 'chance',
			x1: x(0),
			y1: y(0),
			x2: x(1),
			y2: y(1),
			stroke: '#bbb',
			'stroke-dasharray': '4 4'
		}),
		'<g class="y-axis" stroke="#000" stroke-width="1">',
		emptyElement('line', { x1: LEFT, y1: TOP, x2: LEFT, y2: BOTTOM }),
		...TICKS.map((tick) =>
			emptyElement('line', { x1: LEFT - 5, y1: y(tick), x2: LEFT, y2: y(tick) })
		),
		'</g>',
		'<g class="tick-labels" font-size="11" text-anchor="end">',
		...TICKS.map((tick) => textElement(LEFT - 8, y(tick) + 4, formatNumber(tick, 1))),
		'</g>',
		...bottomAxis(x, TICKS, LEFT, RIGHT, BOTTOM, (tick) => formatNumber(tick, 1)),
		textElement((LEFT + RIGHT) / 2, BOTTOM + 36, input.xLabel, { 'text-anchor': 'middle' }),
		textElement(16, (TOP + BOTTOM) / 2, input.yLabel, {
			'text-anchor': 'middle',
			transform: `rotate(-90 16 ${(TOP + BOTTOM) / 2})`
		}),
		emptyElement('path', {
			class: 'ai-roc',
			d: linePath(input.points.map((point) => [x(point.fpr), y(point.tpr)] as const)),
			fill: 'none',
			stroke: '#000',
			'stroke-width': 2
		}),
		'<g class="operating-points">',
		...input.marked.map((point, index) =>
			marker(MARKERS[index % MARKERS.length]!, x(point.fpr), y(point.tpr))
		),
		'</g>',
		'<g class="legend" font-size="11">',
		...input.marked.flatMap((point, index) => [
			marker(MARKERS[index % MARKERS.length]!, RIGHT + 24, TOP + 20 + index * 22),
			textElement(RIGHT + 36, TOP + 24 + index * 22, point.label)
		]),
		'</g>'
	];
	return svgDocument({
		width: RIGHT + LABELS_WIDTH,
		height: BOTTOM + 48,
		title: input.title,
		description: input.description,
		body,
		className: 'figure ai-roc-operating-points'
	});
}
