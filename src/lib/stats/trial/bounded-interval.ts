// Intervals of proportions held to what is possible. A t interval (estimate ± t·SE) knows no
// range: with Hillis df near 1 (a subgroup of two readers who disagree) t is 12.7 and a
// difference of sensitivities gets limits like (−1.139, 1.243). A difference of proportions
// lies in [−1, 1] and a proportion (sensitivity, specificity, AUC) in [0, 1], so the limits are
// truncated to that range, and the interval says it was.
import { criticalValue } from '../mrmc/contrasts';
import type { ModalityInterval } from '../mrmc/types';

export interface Limits {
	ciLower: number;
	ciUpper: number;
}

export const DIFFERENCE_RANGE: readonly [number, number] = [-1, 1];
export const PROPORTION_RANGE: readonly [number, number] = [0, 1];

/** `row` with its limits held to `range`; `truncated` when the limits as computed (`raw`) left it. */
export function bounded<T extends Limits>(
	row: T,
	range: readonly [number, number],
	raw: Limits = row
): T & { truncated: boolean } {
	const [low, high] = range;
	return {
		...row,
		ciLower: Math.max(low, row.ciLower),
		ciUpper: Math.min(high, row.ciUpper),
		truncated: raw.ciLower < low || raw.ciUpper > high
	};
}

/** A modality's interval as the t reference gives it, before the analysis clipped it to [0, 1]. */
export function unclippedLimits(row: ModalityInterval, alpha: number): Limits {
	const halfWidth = criticalValue(alpha, row.df) * row.se;
	return { ciLower: row.estimate - halfWidth, ciUpper: row.estimate + halfWidth };
}

/** "[−1, 1]" with true minus signs. */
export const rangeText = ([low, high]: readonly [number, number]): string =>
	`[${low < 0 ? `−${-low}` : low}, ${high}]`;
