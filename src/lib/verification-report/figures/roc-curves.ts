// Figure: empirical ROC curves per arm. Each reader's curve is drawn thin and translucent; the
// arm's reader-averaged curve — the vertical average (mean sensitivity over readers at each
// 1 − specificity, exact, see verticalAverage) — is drawn bold, and its area, the mean of the
// readers' empirical AUCs, is given in the legend. Optional markers show each reader's
// operating point from the binary decision. Arms differ by colour, dash pattern and marker.
import { assertRocCurve, rocArea, tprAt, verticalAverage, type RocPoint } from './empirical-roc';
import {
	attributes,
	emptyElement,
	escapeXml,
	formatNumber,
	linePath,
	linearScale,
	svgDocument,
	textElement
} from './svg';
import { armStyle, marker, type ArmStyle } from './arm-style';
import { approxTextWidth } from './text-width';
import { ROC_LABELS_EN, type RocLabels } from './figure-labels';

export interface RocReaderInput {
	/** Reader name or code, shown in the curve's tooltip. */
	reader: string;
	/** The reader's empirical ROC curve, e.g. from empiricalRocPoints(ratings, truth). */
	points: readonly RocPoint[];
	/** The reader's binary-decision operating point, drawn as a hollow marker when given. */
	operatingPoint?: RocPoint;
}

export interface RocArmInput {
	/** Arm (modality) label, e.g. "Unaided". */
	label: string;
	readers: readonly RocReaderInput[];
}

export interface RocCurvesInput {
	arms: readonly RocArmInput[];
	/** Accessible title; default labels.title. */
	title?: string;
	/** Text put before the generated description. */
	description?: string;
	/** Decimals of the AUC in the legend; default 3. */
	aucDecimals?: number;
	/** The figure's words; default English. */
	labels?: RocLabels;
}

// Geometry (px): the unit square is drawn from (64, 16) to (384, 336), so
// x = 64 + 320 · FPR and y = 336 − 320 · TPR.
const PLOT_LEFT = 64;
const PLOT_TOP = 16;
const PLOT_SIZE = 320;
const PLOT_RIGHT = PLOT_LEFT + PLOT_SIZE;
const PLOT_BOTTOM = PLOT_TOP + PLOT_SIZE;
const LEGEND_TOP = PLOT_BOTTOM + 58;
const LEGEND_ROW = 18;
const LEGEND_TEXT_X = PLOT_LEFT + 44;
const MIN_WIDTH = PLOT_RIGHT + 24;

/** Pixel position of an ROC point in the figure. */
export const rocPixel = {
	x: linearScale([0, 1], [PLOT_LEFT, PLOT_RIGHT]),
	y: linearScale([0, 1], [PLOT_BOTTOM, PLOT_TOP])
};

function curvePath(points: readonly RocPoint[]): string {
	return linePath(points.map((point) => [rocPixel.x(point.fpr), rocPixel.y(point.tpr)] as const));
}

/** A path with a tooltip (its <title>). */
function pathWithTooltip(
	values: Record<string, string | number | undefined>,
	tooltip: string
): string {
	return `<path${attributes(values)}><title>${escapeXml(tooltip)}</title></path>`;
}

function stroke(
	style: ArmStyle,
	width: number,
	opacity?: number
): Record<string, string | number | undefined> {
	return {
		fill: 'none',
		stroke: style.color,
		'stroke-width': width,
		'stroke-opacity': opacity,
		'stroke-dasharray': style.dash,
		'stroke-linejoin': 'round'
	};
}

interface PreparedArm {
	label: string;
	style: ArmStyle;
	readers: readonly RocReaderInput[];
	average: RocPoint[];
	meanAuc: number;
}

function prepare(input: RocCurvesInput): PreparedArm[] {
	if (input.arms.length === 0) throw new RangeError('the ROC figure needs at least one arm');
	return input.arms.map((arm, index) => {
		if (arm.readers.length === 0) throw new RangeError(`arm "${arm.label}" has no readers`);
		for (const reader of arm.readers) {
			assertRocCurve(reader.points, `ROC curve of reader "${reader.reader}" in arm "${arm.label}"`);
			const point = reader.operatingPoint;
			if (point && !(point.fpr >= 0 && point.fpr <= 1 && point.tpr >= 0 && point.tpr <= 1)) {
				throw new RangeError(
					`operating point of reader "${reader.reader}" in arm "${arm.label}" must lie in [0, 1]²`
				);
			}
		}
		const areas = arm.readers.map((reader) => rocArea(reader.points));
		return {
			label: arm.label,
			style: armStyle(index),
			readers: arm.readers,
			average: verticalAverage(arm.readers.map((reader) => reader.points)),
			meanAuc: areas.reduce((sum, area) => sum + area, 0) / areas.length
		};
	});
}

function axes(labels: RocLabels): string[] {
	const out: string[] = ['<g class="grid" stroke="#ddd" stroke-width="0.75">'];
	const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
	for (const tick of ticks.slice(1, -1)) {
		out.push(
			emptyElement('line', {
				x1: rocPixel.x(tick),
				y1: PLOT_TOP,
				x2: rocPixel.x(tick),
				y2: PLOT_BOTTOM
			})
		);
		out.push(
			emptyElement('line', {
				x1: PLOT_LEFT,
				y1: rocPixel.y(tick),
				x2: PLOT_RIGHT,
				y2: rocPixel.y(tick)
			})
		);
	}
	out.push('</g>');
	out.push(
		emptyElement('line', {
			class: 'chance-line',
			x1: rocPixel.x(0),
			y1: rocPixel.y(0),
			x2: rocPixel.x(1),
			y2: rocPixel.y(1),
			stroke: '#888',
			'stroke-width': 1,
			'stroke-dasharray': '1 3'
		})
	);
	out.push('<g class="axes" stroke="#000" stroke-width="1">');
	out.push(
		emptyElement('rect', {
			x: PLOT_LEFT,
			y: PLOT_TOP,
			width: PLOT_SIZE,
			height: PLOT_SIZE,
			fill: 'none'
		})
	);
	for (const tick of ticks) {
		out.push(
			emptyElement('line', {
				x1: rocPixel.x(tick),
				y1: PLOT_BOTTOM,
				x2: rocPixel.x(tick),
				y2: PLOT_BOTTOM + 5
			})
		);
		out.push(
			emptyElement('line', {
				x1: PLOT_LEFT - 5,
				y1: rocPixel.y(tick),
				x2: PLOT_LEFT,
				y2: rocPixel.y(tick)
			})
		);
	}
	out.push('</g>');
	out.push('<g class="tick-labels" font-size="11">');
	for (const tick of ticks) {
		out.push(
			textElement(rocPixel.x(tick), PLOT_BOTTOM + 18, formatNumber(tick, 1), {
				'text-anchor': 'middle'
			})
		);
		out.push(
			textElement(PLOT_LEFT - 8, rocPixel.y(tick) + 4, formatNumber(tick, 1), {
				'text-anchor': 'end'
			})
		);
	}
	out.push('</g>');
	out.push(
		textElement((PLOT_LEFT + PLOT_RIGHT) / 2, PLOT_BOTTOM + 38, labels.xAxis, {
			class: 'axis-label',
			'text-anchor': 'middle'
		})
	);
	const yMiddle = (PLOT_TOP + PLOT_BOTTOM) / 2;
	out.push(
		textElement(18, yMiddle, labels.yAxis, {
			class: 'axis-label',
			'text-anchor': 'middle',
			transform: `rotate(-90 18 ${yMiddle})`
		})
	);
	return out;
}

/** FPR positions of the markers on an arm's bold curve, staggered so arms do not overlap. */
function averageMarkerPositions(index: number): number[] {
	const offset = 0.03 * (index % 5);
	return [0.05, 0.25, 0.45, 0.65, 0.85].map((position) => position + offset);
}

/** The ROC figure as a standalone SVG string. */
export function rocCurves(input: RocCurvesInput): string {
	const arms = prepare(input);
	const labels = input.labels ?? ROC_LABELS_EN;
	const decimals = input.aucDecimals ?? 3;
	const hasOperatingPoints = arms.some((arm) =>
		arm.readers.some((reader) => reader.operatingPoint)
	);
	const averaged = (arm: PreparedArm) => labels.averaged(formatNumber(arm.meanAuc, decimals));
	const body = axes(labels);

	body.push('<g class="reader-curves">');
	for (const arm of arms) {
		for (const reader of arm.readers) {
			const auc = formatNumber(rocArea(reader.points), decimals);
			const tooltip = labels.readerTooltip(reader.reader, arm.label, auc);
			const curve = {
				class: 'reader-curve',
				d: curvePath(reader.points),
				...stroke(arm.style, 1, 0.45)
			};
			body.push(pathWithTooltip(curve, tooltip));
		}
	}
	body.push('</g>');

	body.push('<g class="average-curves">');
	arms.forEach((arm, index) => {
		const curve = {
			class: 'average-curve',
			d: curvePath(arm.average),
			...stroke(arm.style, 2.5)
		};
		body.push(pathWithTooltip(curve, `${arm.label}: ${averaged(arm)}`));
		for (const fpr of averageMarkerPositions(index)) {
			body.push(
				marker(arm.style.marker, rocPixel.x(fpr), rocPixel.y(tprAt(arm.average, fpr)), 8, {
					class: 'average-marker',
					fill: arm.style.color,
					stroke: '#fff',
					'stroke-width': 0.75
				})
			);
		}
	});
	body.push('</g>');

	if (hasOperatingPoints) {
		body.push('<g class="operating-points">');
		for (const arm of arms) {
			for (const reader of arm.readers) {
				const point = reader.operatingPoint;
				if (!point) continue;
				body.push(
					marker(arm.style.marker, rocPixel.x(point.fpr), rocPixel.y(point.tpr), 7, {
						class: 'operating-point',
						fill: '#fff',
						stroke: arm.style.color,
						'stroke-width': 1.25
					})
				);
			}
		}
		body.push('</g>');
	}

	// Legend, below the plot: one row per arm, then what the thin lines and hollow markers are.
	const legendTexts: string[] = [];
	body.push('<g class="legend">');
	let y = LEGEND_TOP;
	for (const arm of arms) {
		const text = labels.legendArm(arm.label, averaged(arm), labels.readers(arm.readers.length));
		legendTexts.push(text);
		body.push(
			emptyElement('path', {
				d: linePath([
					[PLOT_LEFT, y - 4],
					[PLOT_LEFT + 36, y - 4]
				]),
				...stroke(arm.style, 2.5)
			})
		);
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
	const notes = [labels.noteBold, labels.noteThin];
	if (hasOperatingPoints) notes.push(labels.noteOperatingPoints);
	for (const note of notes) {
		legendTexts.push(note);
		body.push(textElement(PLOT_LEFT, y, note, { 'font-size': 10.5, fill: '#444' }));
		y += LEGEND_ROW - 3;
	}
	body.push('</g>');

	const width = Math.max(
		MIN_WIDTH,
		...legendTexts.map(
			(text, i) =>
				(i < arms.length
					? LEGEND_TEXT_X + approxTextWidth(text, 12)
					: PLOT_LEFT + approxTextWidth(text, 10.5)) + 12
		)
	);
	const summary = arms
		.map((arm) => labels.armSummary(arm.label, labels.readers(arm.readers.length), averaged(arm)))
		.join('; ');
	const description = [
		input.description,
		labels.describeCurves(labels.arms(arms.length), summary),
		labels.describeBold,
		labels.describeThin,
		hasOperatingPoints ? labels.describeOperatingPoints : undefined
	]
		.filter((part) => part)
		.join(' ');
	return svgDocument({
		width,
		height: y + 4,
		title: input.title ?? labels.title,
		description,
		body,
		className: 'figure roc-curves'
	});
}
