// The drawing shared by the FROC and wAFROC figures (lesion-curves.ts): the readers' thin curves,
// each arm's bold vertical average with markers, the AI's black curve and the legend.
import {
	ordinateAt,
	verticalAverage,
	type CurvePoint
} from '../../stats/lesion/curves/curve-points';
import { armStyle, marker, type ArmStyle } from './arm-style';
import { LEGEND_TOP, PLOT_LEFT, PLOT_RIGHT, type PlotFrame } from './lesion-plot-frame';
import { attributes, emptyElement, escapeXml, linePath, textElement } from './svg';
import { approxTextWidth } from './text-width';

export interface LesionCurveReader {
	reader: string;
	/** The reader's empirical curve (stats/lesion/curves), from (0, 0). */
	points: readonly CurvePoint[];
}

export interface LesionCurveArm {
	label: string;
	readers: readonly LesionCurveReader[];
}

export interface LesionCurvesInput<Labels> {
	arms: readonly LesionCurveArm[];
	/** The AI's standalone curve. */
	ai?: { label: string; points: readonly CurvePoint[] };
	/** Accessible title; default labels.title. */
	title?: string;
	/** Text put before the generated description. */
	description?: string;
	/** Decimals of the areas in the legend; default 3. */
	decimals?: number;
	labels?: Labels;
}

const LEGEND_ROW = 18;
const LEGEND_TEXT_X = PLOT_LEFT + 44;
const MIN_WIDTH = PLOT_RIGHT + 24;
const AI_COLOR = '#000';

export interface PreparedArm {
	label: string;
	style: ArmStyle;
	readers: readonly LesionCurveReader[];
	average: CurvePoint[];
}

function checkCurve(points: readonly CurvePoint[], what: string, toOne: boolean): void {
	const first = points[0];
	const last = points[points.length - 1];
	if (!first || !last || first.x !== 0 || first.y !== 0)
		throw new RangeError(`${what} must start at (0, 0)`);
	if (toOne && (last.x !== 1 || last.y !== 1)) throw new RangeError(`${what} must end at (1, 1)`);
	for (let i = 1; i < points.length; i++) {
		const [a, b] = [points[i - 1] as CurvePoint, points[i] as CurvePoint];
		if (!(b.x >= a.x && b.y >= a.y && b.y <= 1 && Number.isFinite(b.x)))
			throw new RangeError(
				`${what} must rise in both coordinates with ordinates in [0, 1] (point ${i})`
			);
	}
}

export function prepare(input: LesionCurvesInput<unknown>, toOne: boolean): PreparedArm[] {
	if (input.arms.length === 0 && !input.ai)
		throw new RangeError('a lesion-level curve figure needs an arm or the AI');
	if (input.ai) checkCurve(input.ai.points, `the curve of ${input.ai.label}`, toOne);
	return input.arms.map((arm, index) => {
		if (arm.readers.length === 0) throw new RangeError(`arm "${arm.label}" has no readers`);
		for (const reader of arm.readers)
			checkCurve(
				reader.points,
				`the curve of reader "${reader.reader}" in arm "${arm.label}"`,
				toOne
			);
		return {
			label: arm.label,
			style: armStyle(index),
			readers: arm.readers,
			average: verticalAverage(arm.readers.map((reader) => reader.points))
		};
	});
}

function stroke(color: string, dash: string | undefined, width: number, opacity?: number) {
	return {
		fill: 'none',
		stroke: color,
		'stroke-width': width,
		'stroke-opacity': opacity,
		'stroke-dasharray': dash,
		'stroke-linejoin': 'round'
	};
}

function path(frame: PlotFrame, points: readonly CurvePoint[]): string {
	return linePath(points.map((point) => [frame.x(point.x), frame.y(point.y)] as const));
}

function withTooltip(values: Record<string, string | number | undefined>, tooltip: string): string {
	return `<path${attributes(values)}><title>${escapeXml(tooltip)}</title></path>`;
}

export interface Drawing {
	frame: PlotFrame;
	arms: PreparedArm[];
	ai?: { label: string; points: readonly CurvePoint[] };
	readerTooltip: (reader: string, arm: string, points: readonly CurvePoint[]) => string;
	armText: (arm: PreparedArm) => string;
	aiText: string;
	notes: string[];
}

/** The curves and the legend; returns the body, the figure's width and height. */
export function draw(drawing: Drawing): { body: string[]; width: number; height: number } {
	const { frame, arms, ai } = drawing;
	const body = [...frame.body, '<g class="reader-curves">'];
	for (const arm of arms)
		for (const reader of arm.readers)
			body.push(
				withTooltip(
					{
						class: 'reader-curve',
						d: path(frame, reader.points),
						...stroke(arm.style.color, arm.style.dash, 1, 0.45)
					},
					drawing.readerTooltip(reader.reader, arm.label, reader.points)
				)
			);
	body.push('</g>', '<g class="average-curves">');
	for (const arm of arms)
		body.push(
			withTooltip(
				{
					class: 'average-curve',
					d: path(frame, arm.average),
					...stroke(arm.style.color, arm.style.dash, 2.5)
				},
				drawing.armText(arm)
			)
		);
	// Markers along each average, staggered so arms do not overlap (as in the ROC figure).
	arms.forEach((arm, index) => {
		const end = (arm.average[arm.average.length - 1] as CurvePoint).x;
		for (const fraction of [0.05, 0.25, 0.45, 0.65, 0.85]) {
			const x = (fraction + 0.03 * (index % 5)) * end;
			body.push(
				marker(arm.style.marker, frame.x(x), frame.y(ordinateAt(arm.average, x)), 8, {
					class: 'average-marker',
					fill: arm.style.color,
					stroke: '#fff',
					'stroke-width': 0.75
				})
			);
		}
	});
	body.push('</g>');
	if (ai)
		body.push(
			withTooltip(
				{ class: 'ai-curve', d: path(frame, ai.points), ...stroke(AI_COLOR, undefined, 2) },
				drawing.aiText
			)
		);
	const texts: string[] = [];
	body.push('<g class="legend">');
	let y = LEGEND_TOP;
	const sample = (color: string, dash: string | undefined, width: number) =>
		emptyElement('path', {
			d: linePath([
				[PLOT_LEFT, y - 4],
				[PLOT_LEFT + 36, y - 4]
			]),
			...stroke(color, dash, width)
		});
	for (const arm of arms) {
		const text = drawing.armText(arm);
		texts.push(text);
		body.push(sample(arm.style.color, arm.style.dash, 2.5));
		body.push(
			marker(arm.style.marker, PLOT_LEFT + 18, y - 4, 8, {
				fill: arm.style.color,
				stroke: '#fff',
				'stroke-width': 0.75
			})
		);
		body.push(textElement(LEGEND_TEXT_X, y, text, { class: 'legend-arm' }));
		y += LEGEND_ROW;
	}
	if (ai) {
		texts.push(drawing.aiText);
		body.push(sample(AI_COLOR, undefined, 2));
		body.push(textElement(LEGEND_TEXT_X, y, drawing.aiText, { class: 'legend-ai' }));
		y += LEGEND_ROW;
	}
	const rows = texts.length;
	for (const note of arms.length > 0 ? drawing.notes : []) {
		texts.push(note);
		body.push(textElement(PLOT_LEFT, y, note, { 'font-size': 10.5, fill: '#444' }));
		y += LEGEND_ROW - 3;
	}
	body.push('</g>');
	const width = Math.max(
		MIN_WIDTH,
		...texts.map(
			(text, i) =>
				(i < rows
					? LEGEND_TEXT_X + approxTextWidth(text, 12)
					: PLOT_LEFT + approxTextWidth(text, 10.5)) + 12
		)
	);
	return { body, width, height: y + 4 };
}
