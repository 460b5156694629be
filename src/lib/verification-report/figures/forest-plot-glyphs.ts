// Forest plot: the interval line, estimate marker and cut arrows of one row.
import { emptyElement, pointList, type Scale } from './svg';
import { finite, type ForestRowInput } from './forest-plot-layout';

/** Interval line (cut at the plot edges with an arrow) and the estimate glyph of one row. */
export function rowGlyph(
	row: ForestRowInput,
	y: number,
	x: Scale,
	domain: [number, number],
	pooled: boolean
): string[] {
	if (!finite(row)) return [];
	const out: string[] = [];
	const left = x(Math.max(row.ciLower, domain[0]));
	const right = x(Math.min(row.ciUpper, domain[1]));
	if (pooled) {
		const middle = x(Math.min(Math.max(row.estimate, domain[0]), domain[1]));
		out.push(
			emptyElement('polygon', {
				class: 'overall-diamond',
				points: pointList([
					[left, y],
					[middle, y - 6],
					[right, y],
					[middle, y + 6]
				]),
				fill: '#000',
				stroke: '#000',
				'stroke-width': 1
			})
		);
	} else {
		out.push(
			emptyElement('line', {
				class: 'ci-line',
				x1: left,
				y1: y,
				x2: right,
				y2: y,
				stroke: '#000',
				'stroke-width': 1.5
			})
		);
		if (row.estimate >= domain[0] && row.estimate <= domain[1]) {
			out.push(
				emptyElement('rect', {
					class: 'estimate-marker',
					x: x(row.estimate) - 3.5,
					y: y - 3.5,
					width: 7,
					height: 7,
					fill: '#000'
				})
			);
		}
	}
	if (row.ciLower < domain[0])
		out.push(
			emptyElement('polygon', {
				class: 'cut-arrow',
				points: pointList([
					[left - 1, y],
					[left + 6, y - 4],
					[left + 6, y + 4]
				]),
				fill: '#000'
			})
		);
	if (row.ciUpper > domain[1])
		out.push(
			emptyElement('polygon', {
				class: 'cut-arrow',
				points: pointList([
					[right + 1, y],
					[right - 6, y - 4],
					[right - 6, y + 4]
				]),
				fill: '#000'
			})
		);
	return out;
}
