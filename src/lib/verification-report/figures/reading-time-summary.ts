// Reading-time figure, data side: the input types, the box-plot summary of reading times on log
// time, and the log-spaced histogram. The drawing is in reading-time-distribution.ts.
import type { ArmStyle } from './arm-style';
import type { ReadingTimeLabels } from './figure-labels';

export interface ReadingTimeArmInput {
	/** Arm (modality) label, e.g. "Aided". */
	label: string;
	/** Reading time of each read, in seconds (> 0). */
	seconds: Float64Array | readonly number[];
}

export interface ReadingTimeDistributionInput {
	arms: readonly ReadingTimeArmInput[];
	/** Accessible title; default labels.title. */
	title?: string;
	/** Text put before the generated description. */
	description?: string;
	/** Axis label; default labels.xAxis. */
	xLabel?: string;
	/** Decimals of times printed in seconds; default 1. */
	decimals?: number;
	/** Number of log-spaced histogram bins across the axis; default 30. */
	bins?: number;
	/** Width of the plotting area in px; default 360. */
	plotWidth?: number;
	/** The figure's words; default English. */
	labels?: ReadingTimeLabels;
}

export interface ReadingTimeSummary {
	count: number;
	/** Quartiles of log time (Hyndman–Fan type 7, linear interpolation), in seconds. */
	lowerQuartile: number;
	median: number;
	upperQuartile: number;
	/** Most extreme times within 1.5 × IQR of the quartiles on the log scale, in seconds. */
	lowerWhisker: number;
	upperWhisker: number;
	/** Times beyond the whiskers, ascending. */
	outliers: number[];
	/** exp(mean log seconds). */
	geometricMean: number;
}

/** Type-7 quantile of ascending `sorted`: x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (n − 1)p. */
function quantile(sorted: readonly number[], p: number): number {
	const h = (sorted.length - 1) * p;
	const below = Math.floor(h);
	const low = sorted[below] as number;
	const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
	return low + (h - below) * (high - low);
}

export function checkSeconds(seconds: Float64Array | readonly number[], label: string): void {
	for (let i = 0; i < seconds.length; i++) {
		const value = seconds[i] as number;
		if (!(value > 0 && Number.isFinite(value)))
			throw new RangeError(
				`reading time must be a positive number of seconds, got ${value} (arm "${label}", read ${i})`
			);
	}
}

/** Box-plot summary of reading times (seconds), computed on log time. */
export function readingTimeSummary(seconds: Float64Array | readonly number[]): ReadingTimeSummary {
	if (seconds.length === 0)
		throw new RangeError('a reading-time summary needs at least one reading time');
	checkSeconds(seconds, '');
	const logs = Array.from(seconds, Math.log).sort((a, b) => a - b);
	const q1 = quantile(logs, 0.25);
	const q3 = quantile(logs, 0.75);
	const reach = 1.5 * (q3 - q1);
	const inside = logs.filter((value) => value >= q1 - reach && value <= q3 + reach);
	const outliers = logs.filter((value) => value < q1 - reach || value > q3 + reach);
	return {
		count: logs.length,
		lowerQuartile: Math.exp(q1),
		median: Math.exp(quantile(logs, 0.5)),
		upperQuartile: Math.exp(q3),
		lowerWhisker: Math.exp(inside[0] as number),
		upperWhisker: Math.exp(inside[inside.length - 1] as number),
		outliers: outliers.map(Math.exp),
		geometricMean: Math.exp(logs.reduce((sum, value) => sum + value, 0) / logs.length)
	};
}

export interface PreparedArm {
	label: string;
	style: ArmStyle;
	seconds: Float64Array | readonly number[];
	summary: ReadingTimeSummary | undefined;
	statLines: string[];
}

/** Bin counts of `seconds` in `bins` equal log-width bins over `domain`. */
export function histogram(
	seconds: Float64Array | readonly number[],
	domain: [number, number],
	bins: number
): number[] {
	const counts = new Array<number>(bins).fill(0);
	const low = Math.log(domain[0]);
	const width = (Math.log(domain[1]) - low) / bins;
	for (let i = 0; i < seconds.length; i++) {
		const bin = Math.min(
			bins - 1,
			Math.max(0, Math.floor((Math.log(seconds[i] as number) - low) / width))
		);
		counts[bin] = (counts[bin] as number) + 1;
	}
	return counts;
}
