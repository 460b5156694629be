// How each arm is drawn in every figure: colour, dash pattern and marker shape, one per arm index,
// so that an arm looks the same in the ROC curves, the forest plots and the reading-time figures.
import { emptyElement, linePath, pointList } from './svg';

/** How one arm is drawn: colour (Okabe–Ito, colour-blind safe), dash pattern and marker. */
export interface ArmStyle {
	color: string;
	/** SVG stroke-dasharray, or undefined for a solid line. */
	dash: string | undefined;
	marker: MarkerShape;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'cross';

const ARM_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
const ARM_DASHES: (string | undefined)[] = [
	undefined,
	'7 4',
	'2 3',
	'9 3 2 3',
	'4 2 1 2 1 2',
	'12 4'
];
const ARM_MARKERS: MarkerShape[] = [
	'circle',
	'square',
	'triangle',
	'diamond',
	'triangle-down',
	'cross'
];

/** The style of the arm at `index` (cycling after six arms); colour, dash and marker all differ. */
export function armStyle(index: number): ArmStyle {
	const i = index % ARM_COLORS.length;
	return {
		color: ARM_COLORS[i] as string,
		dash: ARM_DASHES[i],
		marker: ARM_MARKERS[i] as MarkerShape
	};
}

/** A marker of about `size` px across centred on (x, y). */
export function marker(
	shape: MarkerShape,
	x: number,
	y: number,
	size: number,
	paint: Record<string, string | number | undefined>
): string {
	const r = size / 2;
	switch (shape) {
		case 'circle':
			return emptyElement('circle', { cx: x, cy: y, r, ...paint });
		case 'square':
			return emptyElement('rect', {
				x: x - r * 0.9,
				y: y - r * 0.9,
				width: r * 1.8,
				height: r * 1.8,
				...paint
			});
		case 'triangle':
			return emptyElement('polygon', {
				points: pointList([
					[x, y - r * 1.1],
					[x + r, y + r * 0.75],
					[x - r, y + r * 0.75]
				]),
				...paint
			});
		case 'triangle-down':
			return emptyElement('polygon', {
				points: pointList([
					[x, y + r * 1.1],
					[x + r, y - r * 0.75],
					[x - r, y - r * 0.75]
				]),
				...paint
			});
		case 'diamond':
			return emptyElement('polygon', {
				points: pointList([
					[x, y - r * 1.2],
					[x + r, y],
					[x, y + r * 1.2],
					[x - r, y]
				]),
				...paint
			});
		case 'cross':
			return emptyElement('path', {
				d: `${linePath([
					[x - r, y - r],
					[x + r, y + r]
				])} ${linePath([
					[x - r, y + r],
					[x + r, y - r]
				])}`,
				fill: 'none',
				...paint,
				'stroke-width': 2
			});
	}
}
