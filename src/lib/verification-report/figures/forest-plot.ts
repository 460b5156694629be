// Figure: forest plot of differences with confidence intervals — per reader, per subgroup, or
// any list of contrasts. Each row is a square at the estimate on a horizontal interval; an
// optional overall (pooled) row is a diamond spanning its interval. A solid vertical line marks
// no difference (0) and, when a non-inferiority margin δ is given, a dashed line marks −δ.
// The numbers are printed at right as "0.031 (−0.012, 0.074)".
import {
	bottomAxis,
	emptyElement,
	formatNumber,
	linearScale,
	svgDocument,
	textElement
} from './svg';
import { approxTextWidth } from './text-width';
import {
	formatEstimateCi,
	lines,
	marginText,
	validate,
	xTicks,
	type ForestPlotInput,
	type ForestRowInput
} from './forest-plot-layout';
import { rowGlyph } from './forest-plot-glyphs';
import { FOREST_LABELS_EN } from './figure-labels';

export { formatEstimateCi, type ForestPlotInput, type ForestRowInput } from './forest-plot-layout';

// Layout (px). Rows are ROW_HEIGHT apart; a group heading takes a row of its own.
const PAD = 12;
const ROW_HEIGHT = 22;
const FONT = 12;
const INDENT = 12;
const GAP = 16;
/** Bold text is about this much wider than regular. */
const BOLD = 1.1;

/** The forest plot as a standalone SVG string. */
export function forestPlot(input: ForestPlotInput): string {
	validate(input);
	const decimals = input.decimals ?? 3;
	const labels = input.labels ?? FOREST_LABELS_EN;
	const estimateHeading = input.estimateHeading ?? labels.estimateHeading;
	const rows = lines(input);
	const numbers = rows.map((line) =>
		line.row
			? formatEstimateCi(
					line.row.estimate,
					line.row.ciLower,
					line.row.ciUpper,
					decimals,
					labels.notEstimable
				)
			: ''
	);

	// Columns: labels | plot | numbers | notes.
	const labelWidth = Math.max(
		60,
		approxTextWidth(input.labelHeading ?? '', FONT) * BOLD,
		...rows.map(
			(line) =>
				approxTextWidth(line.text, FONT) * (line.kind === 'row' ? 1 : BOLD) +
				(line.kind === 'row' && line.row?.group !== undefined ? INDENT : 0)
		)
	);
	const plotLeft = PAD + labelWidth + GAP;
	const plotWidth = input.plotWidth ?? 280;
	const plotRight = plotLeft + plotWidth;
	const numbersX = plotRight + GAP;
	const numbersWidth = Math.max(
		approxTextWidth(estimateHeading, FONT) * BOLD,
		...numbers.map(
			(text, i) => approxTextWidth(text, FONT) * (rows[i]?.kind === 'overall' ? BOLD : 1)
		)
	);
	const notes = rows.map((line) => line.row?.note ?? '');
	const noteX = numbersX + numbersWidth + GAP;
	const noteWidth = Math.max(0, ...notes.map((text) => approxTextWidth(text, 11)));
	const { domain, ticks, decimals: tickDecimals } = xTicks(input, plotWidth);
	const x = linearScale(domain, [plotLeft, plotRight]);

	const headingY = 18;
	const marginLabelY = 38;
	const plotTop = input.margin !== undefined ? 46 : 28;
	const rowY = (slot: number) => plotTop + ROW_HEIGHT * (slot + 0.5);
	const plotBottom = plotTop + ROW_HEIGHT * rows.length + 4;
	const width = noteWidth > 0 ? noteX + noteWidth + PAD : numbersX + numbersWidth + PAD;

	const body: string[] = [];
	body.push('<g class="headings" font-weight="bold">');
	if (input.labelHeading) body.push(textElement(PAD, headingY, input.labelHeading));
	body.push(textElement(numbersX, headingY, estimateHeading));
	body.push('</g>');

	// Reference lines: no difference at 0, the margin at −δ.
	const inDomain = (value: number) => value >= domain[0] && value <= domain[1];
	if (inDomain(0))
		body.push(
			emptyElement('line', {
				class: 'zero-line',
				x1: x(0),
				y1: plotTop,
				x2: x(0),
				y2: plotBottom,
				stroke: '#000',
				'stroke-width': 1
			})
		);
	if (input.margin !== undefined) {
		const marginX = x(-input.margin);
		const label = marginText(input.margin, decimals, labels);
		const labelWidthPx = approxTextWidth(label, 11);
		const labelX = Math.min(
			Math.max(marginX, PAD + labelWidthPx / 2),
			width - PAD - labelWidthPx / 2
		);
		if (inDomain(-input.margin)) {
			body.push(
				emptyElement('line', {
					class: 'margin-line',
					x1: marginX,
					y1: marginLabelY + 4,
					x2: marginX,
					y2: plotBottom,
					stroke: '#000',
					'stroke-width': 1.25,
					'stroke-dasharray': '5 3'
				})
			);
		}
		body.push(
			textElement(labelX, marginLabelY, label, {
				class: 'margin-label',
				'text-anchor': 'middle',
				'font-size': 11
			})
		);
	}

	body.push('<g class="rows">');
	rows.forEach((line, slot) => {
		const y = rowY(slot);
		if (line.kind === 'heading') {
			body.push(
				textElement(PAD, y + 4, line.text, { class: 'group-heading', 'font-weight': 'bold' })
			);
			return;
		}
		const row = line.row as ForestRowInput;
		const pooled = line.kind === 'overall';
		if (pooled)
			body.push(
				emptyElement('line', {
					class: 'overall-rule',
					x1: PAD,
					y1: y - ROW_HEIGHT / 2,
					x2: width - PAD,
					y2: y - ROW_HEIGHT / 2,
					stroke: '#999',
					'stroke-width': 0.75
				})
			);
		const weight = pooled ? 'bold' : undefined;
		const indent = !pooled && row.group !== undefined ? INDENT : 0;
		body.push(
			textElement(PAD + indent, y + 4, row.label, { class: 'row-label', 'font-weight': weight })
		);
		body.push(...rowGlyph(row, y, x, domain, pooled));
		body.push(
			textElement(numbersX, y + 4, numbers[slot] as string, {
				class: 'row-numbers',
				'font-weight': weight,
				style: 'font-variant-numeric: tabular-nums'
			})
		);
		if (row.note)
			body.push(
				textElement(noteX, y + 4, row.note, { class: 'row-note', 'font-size': 11, fill: '#444' })
			);
	});
	body.push('</g>');

	// Axis.
	body.push(
		...bottomAxis(x, ticks, plotLeft, plotRight, plotBottom, (tick) =>
			formatNumber(tick, tickDecimals)
		)
	);
	let axisLabelY = plotBottom + 35;
	if (input.favours) {
		const zeroX = Math.min(Math.max(x(0), plotLeft), plotRight);
		body.push(
			textElement(zeroX - 6, plotBottom + 32, `← ${input.favours.left}`, {
				class: 'favours',
				'text-anchor': 'end',
				'font-size': 11,
				'font-style': 'italic'
			})
		);
		body.push(
			textElement(zeroX + 6, plotBottom + 32, `${input.favours.right} →`, {
				class: 'favours',
				'text-anchor': 'start',
				'font-size': 11,
				'font-style': 'italic'
			})
		);
		axisLabelY += 16;
	}
	body.push(
		textElement((plotLeft + plotRight) / 2, axisLabelY, input.xLabel, {
			class: 'axis-label',
			'text-anchor': 'middle'
		})
	);

	const listed = rows
		.flatMap((line, slot) => {
			if (!line.row) return [];
			const name =
				line.kind === 'overall'
					? labels.overallRow(line.text)
					: line.row.group !== undefined
						? `${line.row.group}, ${line.text}`
						: line.text;
			const note = line.row.note ? ` (${line.row.note})` : '';
			return [`${name}: ${numbers[slot]}${note}`];
		})
		.join('; ');
	const description = [
		input.description,
		labels.describe(
			input.xLabel,
			estimateHeading,
			labels.rows(input.rows.length),
			input.overall !== undefined
		),
		`${listed}.`,
		labels.describeZero,
		input.margin !== undefined
			? labels.describeMargin(marginText(input.margin, decimals, labels))
			: undefined
	]
		.filter((part) => part)
		.join(' ');
	return svgDocument({
		width,
		height: axisLabelY + 10,
		title: input.title ?? labels.title,
		description,
		body,
		className: 'figure forest-plot'
	});
}
