// Forest plot, data side: the input types, validation, the x range and ticks, and the order of
// headings and rows. The drawing is in forest-plot.ts (and forest-plot-glyphs.ts for one row).
import { formatNumber, niceLinearTicks } from './svg';
import { FOREST_LABELS_EN, type ForestLabels } from './figure-labels';

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
	/** Accessible title; default labels.title. */
	title?: string;
	/** Text put before the generated description. */
	description?: string;
	/** Decimals of the printed numbers; default 3. */
	decimals?: number;
	/** Fixed x range; intervals beyond it are cut and end in an arrow. Default: fits all intervals, 0 and −δ. */
	xDomain?: readonly [number, number];
	/** Heading over the labels, e.g. "Reader". */
	labelHeading?: string;
	/** Heading over the numbers; default labels.estimateHeading. */
	estimateHeading?: string;
	/** Words under the axis either side of 0, e.g. { left: 'favours unaided', right: 'favours aided' }. */
	favours?: { left: string; right: string };
	/** Width of the plotting area in px; default 280. */
	plotWidth?: number;
	/** The figure's words; default English. */
	labels?: ForestLabels;
}

/** "0.031 (−0.012, 0.074)"; `notEstimable` when any of the three is not a finite number. */
export function formatEstimateCi(
	estimate: number,
	ciLower: number,
	ciUpper: number,
	decimals: number,
	notEstimable = 'not estimable'
): string {
	if (![estimate, ciLower, ciUpper].every(Number.isFinite)) return notEstimable;
	const format = (value: number) => formatNumber(value, decimals);
	return `${format(estimate)} (${format(ciLower)}, ${format(ciUpper)})`;
}

export const finite = (row: ForestRowInput | undefined): row is ForestRowInput =>
	row !== undefined && [row.estimate, row.ciLower, row.ciUpper].every(Number.isFinite);

export function validate(input: ForestPlotInput): void {
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
export function xTicks(
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

export interface Line {
	kind: 'heading' | 'row' | 'overall';
	text: string;
	row?: ForestRowInput;
}

/** Headings and rows in drawing order, one per ROW_HEIGHT slot. */
export function lines(input: ForestPlotInput): Line[] {
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
export const marginText = (margin: number, decimals: number, labels = FOREST_LABELS_EN): string =>
	labels.margin(formatNumber(-margin, decimals));
