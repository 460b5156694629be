// Reading-time figure: the Tukey box plot (with outliers and the geometric-mean diamond) of one arm.
import { emptyElement, type Scale } from './svg';
import { marker, type ArmStyle } from './arm-style';
import type { ReadingTimeSummary } from './reading-time-summary';

/** The box is centred BOX_MIDDLE below the top of the arm's band and is 2 × BOX_HALF high. */
export const BOX_MIDDLE = 72;
export const BOX_HALF = 9;

export function boxPlot(
	summary: ReadingTimeSummary,
	x: Scale,
	top: number,
	style: ArmStyle
): string[] {
	const middle = top + BOX_MIDDLE;
	const out: string[] = [];
	const whisker = (from: number, to: number) =>
		emptyElement('line', {
			class: 'whisker',
			x1: x(from),
			y1: middle,
			x2: x(to),
			y2: middle,
			stroke: '#000',
			'stroke-width': 1
		}) +
		emptyElement('line', {
			class: 'whisker-cap',
			x1: x(to),
			y1: middle - BOX_HALF / 2,
			x2: x(to),
			y2: middle + BOX_HALF / 2,
			stroke: '#000',
			'stroke-width': 1
		});
	out.push(
		whisker(summary.lowerQuartile, summary.lowerWhisker),
		whisker(summary.upperQuartile, summary.upperWhisker)
	);
	out.push(
		emptyElement('rect', {
			class: 'box',
			x: x(summary.lowerQuartile),
			y: middle - BOX_HALF,
			width: x(summary.upperQuartile) - x(summary.lowerQuartile),
			height: 2 * BOX_HALF,
			fill: '#fff',
			stroke: style.color,
			'stroke-width': 1.5
		})
	);
	out.push(
		emptyElement('line', {
			class: 'median',
			x1: x(summary.median),
			y1: middle - BOX_HALF,
			x2: x(summary.median),
			y2: middle + BOX_HALF,
			stroke: '#000',
			'stroke-width': 2.5
		})
	);
	for (const outlier of summary.outliers) {
		out.push(
			emptyElement('circle', {
				class: 'outlier',
				cx: x(outlier),
				cy: middle,
				r: 2.5,
				fill: 'none',
				stroke: '#000',
				'stroke-width': 1
			})
		);
	}
	out.push(
		marker('diamond', x(summary.geometricMean), middle, 9, {
			class: 'geometric-mean',
			fill: '#fff',
			stroke: '#000',
			'stroke-width': 1.25
		})
	);
	return out;
}
