// Tests and confidence intervals for a difference or a mean given its standard error and
// (optionally) t degrees of freedom; without df the normal distribution is used.
import {
	normalQuantile,
	normalSurvival,
	studentTQuantile,
	studentTSurvival
} from '../distributions';
import type { Contrast, ModalityInterval } from './types';

/** A t reference with infinite df is the normal one: written without df, never as Infinity. */
const finiteDf = (df?: number) => (df !== undefined && Number.isFinite(df) ? df : undefined);

/** Two-sided critical value: t_{1−α/2, df}, or z_{1−α/2} when df is undefined or infinite. */
export function criticalValue(alpha: number, df?: number): number {
	const t = finiteDf(df);
	return t === undefined ? normalQuantile(1 - alpha / 2) : studentTQuantile(1 - alpha / 2, t);
}

/** Two-sided p-value of estimate/se; a zero SE gives p = 1 for a zero estimate, else 0. */
export function twoSidedP(estimate: number, se: number, df?: number): number {
	if (se === 0) return estimate === 0 ? 1 : 0;
	const statistic = Math.abs(estimate / se);
	const t = finiteDf(df);
	return 2 * (t === undefined ? normalSurvival(statistic) : studentTSurvival(statistic, t));
}

function withDf<T extends object>(row: T, df?: number): T & { df?: number } {
	const t = finiteDf(df);
	return t === undefined ? row : { ...row, df: t };
}

/** The difference a − b with its SE, two-sided p and (1 − α) confidence interval. */
export function contrast(
	modalityA: string,
	modalityB: string,
	estimate: number,
	se: number,
	alpha: number,
	df?: number
): Contrast {
	const halfWidth = criticalValue(alpha, df) * se;
	return withDf(
		{
			modalityA,
			modalityB,
			estimate,
			se,
			p: twoSidedP(estimate, se, df),
			ciLower: estimate - halfWidth,
			ciUpper: estimate + halfWidth
		},
		df
	);
}

/** Every pair a < b in the given (natural) order: a − b. */
export function pairwiseContrasts(
	modalities: string[],
	means: ArrayLike<number>,
	alpha: number,
	seOf: (a: number, b: number) => { se: number; df?: number }
): Contrast[] {
	const out: Contrast[] = [];
	for (let a = 0; a < modalities.length; a++) {
		for (let b = a + 1; b < modalities.length; b++) {
			const { se, df } = seOf(a, b);
			const estimate = (means[a] as number) - (means[b] as number);
			out.push(contrast(modalities[a] as string, modalities[b] as string, estimate, se, alpha, df));
		}
	}
	return out;
}

/** (1 − α) interval for one modality; limits truncated to [0, 1] when `bounded` (MRMCaov). */
export function modalityInterval(
	modality: string,
	estimate: number,
	se: number,
	alpha: number,
	bounded: boolean,
	df?: number
): ModalityInterval {
	const halfWidth = criticalValue(alpha, df) * se;
	const clamp = (value: number) => (bounded ? Math.min(Math.max(value, 0), 1) : value);
	return withDf(
		{
			modality,
			estimate,
			se,
			ciLower: clamp(estimate - halfWidth),
			ciUpper: clamp(estimate + halfWidth)
		},
		df
	);
}
