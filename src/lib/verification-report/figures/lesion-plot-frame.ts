// The frame shared by the lesion-level figures (FROC, wAFROC, precision–recall): a square plot
// of the same geometry as the ROC figure — from (64, 16) to (384, 336) — with a grid, axes,
// ticks and axis labels. The ordinate is always [0, 1]; the abscissa is [0, 1] or, for FROC
// curves, [0, a 1–2–5 tick at or above the largest NLs per image].
import {
	emptyElement,
	formatNumber,
	linearScale,
	niceLinearTicks,
	textElement,
	type Scale
} from './svg';

export const PLOT_LEFT = 64;
export const PLOT_TOP = 16;
export const PLOT_SIZE = 320;
export const PLOT_RIGHT = PLOT_LEFT + PLOT_SIZE;
export const PLOT_BOTTOM = PLOT_TOP + PLOT_SIZE;
/** The first legend row's baseline. */
export const LEGEND_TOP = PLOT_BOTTOM + 58;

export interface PlotFrame {
	x: Scale;
	y: Scale;
	/** The frame's markup: grid, axes, ticks, tick labels, axis labels. */
	body: string[];
}

const UNIT_TICKS = { values: [0, 0.2, 0.4, 0.6, 0.8, 1], decimals: 1 };

/** The frame for abscissae up to `xMax` (1 for a unit square). */
export function plotFrame(xMax: number, labels: { xAxis: string; yAxis: string }): PlotFrame {
	if (!(Number.isFinite(xMax) && xMax > 0))
		throw new RangeError(`the plot's abscissa must reach a finite value > 0, got ${xMax}`);
	const xTicks = xMax === 1 ? UNIT_TICKS : niceLinearTicks(0, xMax, 5);
	const xEnd = xTicks.values[xTicks.values.length - 1] as number;
	const x = linearScale([0, xEnd], [PLOT_LEFT, PLOT_RIGHT]);
	const y = linearScale([0, 1], [PLOT_BOTTOM, PLOT_TOP]);
	const body: string[] = ['<g class="grid" stroke="#ddd" stroke-width="0.75">'];
	for (const tick of xTicks.values.slice(1, -1))
		body.push(emptyElement('line', { x1: x(tick), y1: PLOT_TOP, x2: x(tick), y2: PLOT_BOTTOM }));
	for (const tick of UNIT_TICKS.values.slice(1, -1))
		body.push(emptyElement('line', { x1: PLOT_LEFT, y1: y(tick), x2: PLOT_RIGHT, y2: y(tick) }));
	body.push('</g>', '<g class="axes" stroke="#000" stroke-width="1">');
	body.push(
		emptyElement('rect', {
			x: PLOT_LEFT,
			y: PLOT_TOP,
			width: PLOT_SIZE,
			height: PLOT_SIZE,
			fill: 'none'
		})
	);
	for (const tick of xTicks.values)
		body.push(
			emptyElement('line', { x1: x(tick), y1: PLOT_BOTTOM, x2: x(tick), y2: PLOT_BOTTOM + 5 })
		);
	for (const tick of UNIT_TICKS.values)
		body.push(emptyElement('line', { x1: PLOT_LEFT - 5, y1: y(tick), x2: PLOT_LEFT, y2: y(tick) }));
	body.push('</g>', '<g class="tick-labels" font-size="11">');
	for (const tick of xTicks.values)
		body.push(
			textElement(x(tick), PLOT_BOTTOM + 18, formatNumber(tick, xTicks.decimals), {
				'text-anchor': 'middle'
			})
		);
	for (const tick of UNIT_TICKS.values)
		body.push(
			textElement(PLOT_LEFT - 8, y(tick) + 4, formatNumber(tick, 1), { 'text-anchor': 'end' })
		);
	body.push('</g>');
	body.push(
		textElement((PLOT_LEFT + PLOT_RIGHT) / 2, PLOT_BOTTOM + 38, labels.xAxis, {
			class: 'axis-label',
			'text-anchor': 'middle'
		})
	);
	const middle = (PLOT_TOP + PLOT_BOTTOM) / 2;
	body.push(
		textElement(18, middle, labels.yAxis, {
			class: 'axis-label',
			'text-anchor': 'middle',
			transform: `rotate(-90 18 ${middle})`
		})
	);
	return { x, y, body };
}
