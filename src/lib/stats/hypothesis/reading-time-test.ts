// Reading time: superiority of aided over unaided as a ratio of geometric-mean reading
// times. The analysis is an Obuchowski–Rockette RRRC analysis of each reader's mean
// log(seconds) (jackknife covariance over cases, Hillis df), so the difference of means
// is the log of the ratio of geometric means. H0: ratio ≥ 1 (aided not faster) against
// H1: ratio < 1; conclude when the upper one-sided (1 − α) bound of the ratio is below 1.
import { studentTQuantile, studentTSurvival } from '../distributions';
import type { DifferenceEstimate } from './margin-tests';

export interface ReadingTimeTestResult {
	kind: 'superiority';
	/** Geometric-mean ratio aided / unaided. */
	ratio: number;
	/** Upper limit of the one-sided (1 − α) interval of the ratio. */
	upperBound: number;
	/** The ratio the bound is compared with (1: no change). */
	threshold: number;
	alpha: number;
	/** One-sided p-value of H0: ratio ≥ 1. */
	p: number;
	rejected: boolean;
	decision: string;
	/** Mean log-seconds difference (aided − unaided), its SE and df. */
	logEstimate: number;
	se: number;
	df: number;
}

/** Superiority (faster reading) test on log(time) differences aided − unaided. */
export function readingTimeSuperiority(
	logDifference: DifferenceEstimate,
	alpha: number
): ReadingTimeTestResult {
	if (!(alpha > 0 && alpha < 0.5))
		throw new RangeError(`the one-sided alpha must be in (0, 0.5), got ${alpha}`);
	const { estimate, se, df } = logDifference;
	const upperLog = estimate + studentTQuantile(1 - alpha, df) * se;
	const p = se > 0 ? studentTSurvival(-estimate / se, df) : estimate < 0 ? 0 : 1;
	const rejected = upperLog < 0;
	const upperBound = Math.exp(upperLog);
	const level = `${100 * (1 - alpha)}%`;
	const decision = rejected
		? `faster: upper ${level} bound of the time ratio ${upperBound.toFixed(4)} < 1`
		: `not shown faster: upper ${level} bound of the time ratio ${upperBound.toFixed(4)} ≥ 1`;
	return {
		kind: 'superiority',
		ratio: Math.exp(estimate),
		upperBound,
		threshold: 1,
		alpha,
		p,
		rejected,
		decision,
		logEstimate: estimate,
		se,
		df
	};
}
