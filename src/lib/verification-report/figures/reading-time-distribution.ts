// Figure: distribution of reading times per arm on a log-scaled time axis. Each arm has a band
// with a histogram (log-spaced bins, bar height ∝ share of the arm's reads) above a Tukey box
// plot and a geometric-mean marker. Reading times are roughly log-normal, and Tandem's reading
// time figure of merit is the mean log time (../../stats/fom/reading-time.ts), so the box plot
// is computed on log time too: quartiles, whiskers and outliers are those of log(seconds),
// shown back in seconds.
import {
	attributes,
	bottomAxis,
	coord,
	emptyElement,
	formatNumber,
	logScale,
	niceLogTicks,
	svgDocument,
	textElement,
	tickDecimals
} from './svg';
import { armStyle } from './arm-style';
import { approxTextWidth } from './text-width';
import {
	checkSeconds,
	histogram,
	readingTimeSummary,
	type PreparedArm,
	type ReadingTimeDistributionInput
} from './reading-time-summary';
import { boxPlot, BOX_MIDDLE } from './reading-time-box-plot';
import { READING_TIME_LABELS_EN } from './figure-labels';

export {
	readingTimeSummary,
	type ReadingTimeArmInput,
	type ReadingTimeDistributionInput,
	type ReadingTimeSummary
} from './reading-time-summary';

// Layout (px): each arm gets a band; histogram bars stand on HISTOGRAM_BASE, the box is centred on BOX_MIDDLE.
const PAD = 12;
const TOP = 10;
const BAND = 92;
const HISTOGRAM_TOP = 6;
const HISTOGRAM_BASE = 56;

/** The reading-time figure as a standalone SVG string. */
export function readingTimeDistribution(input: ReadingTimeDistributionInput): string {
	if (input.arms.length === 0)
		throw new RangeError('the reading-time figure needs at least one arm');
	const decimals = input.decimals ?? 1;
	const labels = input.labels ?? READING_TIME_LABELS_EN;
	const bins = input.bins ?? 30;
	if (!(Number.isInteger(bins) && bins >= 1))
		throw new RangeError(`bins must be a positive integer, got ${bins}`);
	const arms: PreparedArm[] = input.arms.map((arm, index) => {
		checkSeconds(arm.seconds, arm.label);
		const summary = arm.seconds.length > 0 ? readingTimeSummary(arm.seconds) : undefined;
		const seconds = (value: number) => labels.seconds(formatNumber(value, decimals));
		const statLines = summary
			? [
					labels.count(summary.count),
					labels.median(seconds(summary.median)),
					labels.geometricMean(seconds(summary.geometricMean))
				]
			: [labels.count(0)];
		return { label: arm.label, style: armStyle(index), seconds: arm.seconds, summary, statLines };
	});

	let shortest = Number.POSITIVE_INFINITY;
	let longest = 0;
	for (const arm of arms) {
		for (let i = 0; i < arm.seconds.length; i++) {
			shortest = Math.min(shortest, arm.seconds[i] as number);
			longest = Math.max(longest, arm.seconds[i] as number);
		}
	}
	// With no reads at all, an empty 1–100 s axis.
	const { domain, values: ticks } =
		longest > 0
			? niceLogTicks(shortest, longest)
			: { domain: [1, 100] as [number, number], values: [1, 10, 100] };
	const labelWidth = Math.max(
		90,
		...arms.map((arm) =>
			Math.max(
				approxTextWidth(arm.label, 12) * 1.1,
				...arm.statLines.map((line) => approxTextWidth(line, 10.5))
			)
		)
	);
	const plotLeft = PAD + labelWidth + 16;
	const plotWidth = input.plotWidth ?? 360;
	const plotRight = plotLeft + plotWidth;
	const x = logScale(domain, [plotLeft, plotRight]);
	const plotBottom = TOP + BAND * arms.length;

	const shares = arms.map((arm) =>
		histogram(arm.seconds, domain, bins).map((count) =>
			arm.seconds.length > 0 ? count / arm.seconds.length : 0
		)
	);
	const maxShare = Math.max(...shares.flat(), Number.MIN_VALUE);
	const binEdge = (k: number) => plotLeft + (plotWidth * k) / bins;

	const body: string[] = ['<g class="grid" stroke="#e4e4e4" stroke-width="0.75">'];
	for (const tick of ticks)
		body.push(emptyElement('line', { x1: x(tick), y1: TOP, x2: x(tick), y2: plotBottom }));
	body.push('</g>');

	arms.forEach((arm, index) => {
		const top = TOP + BAND * index;
		body.push(`<g${attributes({ class: 'arm' })}>`);
		body.push(textElement(PAD, top + 26, arm.label, { class: 'arm-label', 'font-weight': 'bold' }));
		arm.statLines.forEach((line, i) =>
			body.push(
				textElement(PAD, top + 44 + 14 * i, line, {
					class: 'arm-stat',
					'font-size': 10.5,
					fill: '#333'
				})
			)
		);
		const base = top + HISTOGRAM_BASE;
		const baseY = coord(base);
		const bars = (shares[index] as number[])
			.map((share, k) => {
				if (share === 0) return '';
				const height = ((HISTOGRAM_BASE - HISTOGRAM_TOP) * share) / maxShare;
				return `M${coord(binEdge(k))},${baseY} V${coord(base - height)} H${coord(binEdge(k + 1))} V${baseY} Z`;
			})
			.filter((part) => part)
			.join(' ');
		if (bars)
			body.push(
				emptyElement('path', {
					class: 'histogram',
					d: bars,
					fill: arm.style.color,
					'fill-opacity': 0.35,
					stroke: arm.style.color,
					'stroke-width': 0.75
				})
			);
		body.push(
			emptyElement('line', {
				x1: plotLeft,
				y1: base,
				x2: plotRight,
				y2: base,
				stroke: '#999',
				'stroke-width': 0.75
			})
		);
		if (arm.summary) body.push(...boxPlot(arm.summary, x, top, arm.style));
		else
			body.push(
				textElement((plotLeft + plotRight) / 2, top + BOX_MIDDLE + 4, labels.noReads, {
					'text-anchor': 'middle',
					fill: '#666'
				})
			);
		if (index > 0)
			body.push(
				emptyElement('line', {
					x1: PAD,
					y1: top,
					x2: plotRight,
					y2: top,
					stroke: '#bbb',
					'stroke-width': 0.75
				})
			);
		body.push('</g>');
	});

	body.push(
		...bottomAxis(x, ticks, plotLeft, plotRight, plotBottom, (tick) =>
			formatNumber(tick, tickDecimals(tick))
		)
	);
	body.push(
		textElement((plotLeft + plotRight) / 2, plotBottom + 35, input.xLabel ?? labels.xAxis, {
			class: 'axis-label',
			'text-anchor': 'middle'
		})
	);

	// Legend: what the box, whiskers, circles, diamond and bars are.
	const legendTop = plotBottom + 56;
	const legendX = PAD;
	const legend = [labels.legendBox, labels.legendMarks, labels.legendBars(bins)];
	body.push('<g class="legend" font-size="10.5" fill="#333">');
	legend.forEach((line, i) => body.push(textElement(legendX, legendTop + 15 * i, line)));
	body.push('</g>');
	const width = Math.max(
		plotRight + PAD + 8,
		...legend.map((line) => legendX + approxTextWidth(line, 10.5) + PAD)
	);

	const summaries = arms.map((arm) => {
		const s = arm.summary;
		if (!s) return `${arm.label}: ${labels.noReads}`;
		const t = (value: number) => formatNumber(value, decimals);
		const quartiles = labels.quartiles(t(s.lowerQuartile), t(s.upperQuartile));
		const figures = [
			labels.reads(s.count),
			labels.medianWithQuartiles(t(s.median), quartiles),
			labels.geometricMeanSeconds(t(s.geometricMean)),
			labels.outliers(s.outliers.length)
		];
		return `${arm.label}: ${figures.join(', ')}`;
	});
	const perArm = summaries.join('; ');
	const description = [
		input.description,
		labels.describe(labels.arms(arms.length), perArm),
		labels.describeMethod
	]
		.filter((part) => part)
		.join(' ');
	return svgDocument({
		width,
		height: legendTop + 15 * (legend.length - 1) + 10,
		title: input.title ?? labels.title,
		description,
		body,
		className: 'figure reading-time-distribution'
	});
}
