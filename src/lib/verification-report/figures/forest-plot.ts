// Figure: forest plot of differences with confidence intervals — per reader, per subgroup, or
// any list of contrasts. Each row is a square at the estimate on a horizontal interval; an
// optional overall (pooled) row is a diamond spanning its interval. A solid vertical line marks
// no difference (0) and, when a non-inferiority margin δ is given, a dashed line marks −δ.
// The numbers are printed at right as "0.031 (−0.012, 0.074)".
import {
	approxTextWidth,
	bottomAxis,
	emptyElement,
	formatNumber,
	linearScale,
	niceLinearTicks,
	plural,
	pointList,
	svgDocument,
	textElement,
	type Scale
} from './svg';

export interface ForestRowInput {
	label: string;
	estimate: number;
	ciLower: number;
	ciUpper: number;
	/** Heading printed once above consecutive rows of the same group (rows are then indented). */
	group?: string;
	/** Short text printed after the numbers, e.g. "n = 48". */
	note?: string;
}

export interface ForestPlotInput {
	rows: readonly ForestRowInput[];
	/** Pooled / overall estimate, drawn as a diamond below the rows. */
	overall?: Omit<ForestRowInput, 'group'>;
	/** Non-inferiority margin δ > 0: a dashed line is drawn at −δ. */
	margin?: number;
	/** Axis label, e.g. "Difference in AUC (aided − unaided)". */
	xLabel: string;
	/** Accessible title; default "Forest plot". */
	title?: string;
	/** Text put before the generated description. */
	description?: string;
	/** Decimals of the printed numbers; default 3. */
	decimals?: number;
	/** Fixed x range; intervals beyond it are cut and end in an arrow. Default: fits all intervals, 0 and −δ. */
	xDomain?: readonly [number, number];
	/** Heading over the labels, e.g. "Reader". */
	labelHeading?: string;
	/** Heading over the numbers; default "Estimate (95% CI)". */
	estimateHeading?: string;
	/** Words under the axis either side of 0, e.g. { left: 'favours unaided', right: 'favours aided' }. */
	favours?: { left: string; right: string };
	/** Width of the plotting area in px; default 280. */
	plotWidth?: number;
}

// Layout (px). Rows are ROW_HEIGHT apart; a group heading takes a row of its own.
const PAD = 12;
const ROW_HEIGHT = 22;
const FONT = 12;
const INDENT = 12;
const GAP = 16;
/** Bold text is about this much wider than regular. */
const BOLD = 1.1;

/** "0.031 (−0.012, 0.074)"; "not estimable" when any of the three is not a finite number. */
export function formatEstimateCi(
	estimate: number,
	ciLower: number,
	ciUpper: number,
	decimals: number
): string {
	if (![estimate, ciLower, ciUpper].every(Number.isFinite)) return 'not estimable';
	const format = (value: number) => formatNumber(value, decimals);
	return `${format(estimate)} (${format(ciLower)}, ${format(ciUpper)})`;
}

const finite = (row: ForestRowInput | undefined): row is ForestRowInput =>
	row !== undefined && [row.estimate, row.ciLower, row.ciUpper].every(Number.isFinite);

function validate(input: ForestPlotInput): void {
	if (input.rows.length === 0 && !input.overall)
		throw new RangeError('the forest plot needs at least one row');
	for (const row of [...input.rows, ...(input.overall ? [input.overall] : [])]) {
		if (finite(row) && !(row.ciLower <= row.estimate && row.estimate <= row.ciUpper)) {
			const got = `${row.ciLower}, ${row.estimate}, ${row.ciUpper}`;
			throw new RangeError(`row "${row.label}": need ciLower ≤ estimate ≤ ciUpper, got ${got}`);
		}
	}
	if (input.margin !== undefined && !(input.margin > 0 && Number.isFinite(input.margin)))
		throw new RangeError(
			`the non-inferiority margin must be a positive number, got ${input.margin}`
		);
	if (
		input.xDomain &&
		!(input.xDomain[0] < input.xDomain[1] && input.xDomain.every(Number.isFinite))
	)
		throw new RangeError('xDomain must be [min, max] with min < max');
}

/** The x range: given, or every interval, 0 and −δ with 4 % room widened to the outer 1–2–5 ticks. */
function xTicks(
	input: ForestPlotInput,
	plotWidth: number
): { domain: [number, number]; ticks: number[]; decimals: number } {
	// About one tick per 60 px, so labels such as "−0.025" never touch.
	const count = Math.max(2, Math.floor(plotWidth / 60));
	if (input.xDomain) {
		const [low, high] = input.xDomain;
		const ticks = niceLinearTicks(low, high, count);
		return {
			domain: [low, high],
			ticks: ticks.values.filter((tick) => tick >= low - 1e-12 && tick <= high + 1e-12),
			decimals: ticks.decimals
		};
	}
	const rows = [...input.rows, input.overall].filter(finite);
	let low = Math.min(
		0,
		...rows.map((row) => row.ciLower),
		input.margin !== undefined ? -input.margin : 0
	);
	let high = Math.max(0, ...rows.map((row) => row.ciUpper));
	if (high === low) {
		low -= 1;
		high += 1;
	}
	const room = 0.04 * (high - low);
	const ticks = niceLinearTicks(low - room, high + room, count);
	return {
		domain: [ticks.values[0] as number, ticks.values[ticks.values.length - 1] as number],
		ticks: ticks.values,
		decimals: ticks.decimals
	};
}

/** Interval line (cut at the plot edges with an arrow) and the estimate glyph of one row. */
function rowGlyph(
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

interface Line {
	kind: 'heading' | 'row' | 'overall';
	text: string;
	row?: ForestRowInput;
}

/** Headings and rows in drawing order, one per ROW_HEIGHT slot. */
function lines(input: ForestPlotInput): Line[] {
	const out: Line[] = [];
	let group: string | undefined;
	for (const row of input.rows) {
		if (row.group !== undefined && row.group !== group)
			out.push({ kind: 'heading', text: row.group });
		group = row.group;
		out.push({ kind: 'row', text: row.label, row });
	}
	if (input.overall) out.push({ kind: 'overall', text: input.overall.label, row: input.overall });
	return out;
}

/** "non-inferiority margin −δ = −0.050", the words of the margin's label and description. */
const marginText = (margin: number, decimals: number): string =>
	`non-inferiority margin −δ = ${formatNumber(-margin, decimals)}`;

/** The forest plot as a standalone SVG string. */
export function forestPlot(input: ForestPlotInput): string {
	validate(input);
	const decimals = input.decimals ?? 3;
	const estimateHeading = input.estimateHeading ?? 'Estimate (95% CI)';
	const rows = lines(input);
	const numbers = rows.map((line) =>
		line.row
			? formatEstimateCi(line.row.estimate, line.row.ciLower, line.row.ciUpper, decimals)
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
		const label = marginText(input.margin, decimals);
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
					? `Overall, ${line.text}`
					: line.row.group !== undefined
						? `${line.row.group}, ${line.text}`
						: line.text;
			const note = line.row.note ? ` (${line.row.note})` : '';
			return [`${name}: ${numbers[slot]}${note}`];
		})
		.join('; ');
	const overall = input.overall ? ' and an overall estimate drawn as a diamond' : '';
	const description = [
		input.description,
		`Forest plot of ${input.xLabel}, ${estimateHeading}, for ${plural(input.rows.length, 'row')}${overall}.`,
		`${listed}.`,
		'A solid vertical line marks no difference (0).',
		input.margin !== undefined
			? `A dashed vertical line marks the ${marginText(input.margin, decimals)}.`
			: undefined
	]
		.filter((part) => part)
		.join(' ');
	return svgDocument({
		width,
		height: axisLabelY + 10,
		title: input.title ?? 'Forest plot',
		description,
		body,
		className: 'figure forest-plot'
	});
}
