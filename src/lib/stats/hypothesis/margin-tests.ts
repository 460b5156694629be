// One-sided tests of aided − unaided against a pre-declared margin, using the RRRC
// difference, its standard error and Hillis degrees of freedom (Hillis 2007): the decision
// is read off the one-sided (1 − α) confidence bound, which is the same as the t test.
//   non-inferiority: H0 Δ ≤ −δ vs H1 Δ > −δ; conclude when the lower bound > −δ
//   superiority:     H0 Δ ≤ δs vs H1 Δ > δs (δs = 0 by default); conclude when lower bound > δs
import { studentTQuantile, studentTSurvival } from '../distributions';

export interface DifferenceEstimate {
	/** aided − unaided. */
	estimate: number;
	se: number;
	df: number;
}

export interface MarginTestResult {
	kind: 'non-inferiority' | 'superiority';
	/** aided − unaided. */
	estimate: number;
	se: number;
	df: number;
	/** The margin δ as declared (non-inferiority: Δ > −δ; superiority: Δ > δ). */
	margin: number;
	/** The value the bound is compared with (−δ or δ). */
	threshold: number;
	/** One-sided significance level α. */
	alpha: number;
	/** Lower limit of the one-sided (1 − α) confidence interval. */
	lowerBound: number;
	/** One-sided p-value of H0. */
	p: number;
	/** True when H0 is rejected (lower bound above the threshold). */
	rejected: boolean;
	decision: string;
}

function checkArguments(margin: number, alpha: number): void {
	if (!(margin >= 0 && Number.isFinite(margin)))
		throw new RangeError(`the margin must be a number ≥ 0, got ${margin}`);
	if (!(alpha > 0 && alpha < 0.5))
		throw new RangeError(`the one-sided alpha must be in (0, 0.5), got ${alpha}`);
}

function oneSided(
	kind: MarginTestResult['kind'],
	difference: DifferenceEstimate,
	margin: number,
	threshold: number,
	alpha: number
): MarginTestResult {
	const { estimate, se, df } = difference;
	const lowerBound = estimate - studentTQuantile(1 - alpha, df) * se;
	const p =
		se > 0 ? studentTSurvival((estimate - threshold) / se, df) : estimate > threshold ? 0 : 1;
	const rejected = lowerBound > threshold;
	const claim = kind === 'non-inferiority' ? 'non-inferior' : 'superior';
	const decision = rejected
		? `${claim}: lower ${100 * (1 - alpha)}% bound ${lowerBound.toFixed(4)} > ${threshold}`
		: `not shown ${claim}: lower ${100 * (1 - alpha)}% bound ${lowerBound.toFixed(4)} ≤ ${threshold}`;
	return { kind, estimate, se, df, margin, threshold, alpha, lowerBound, p, rejected, decision };
}

/** Non-inferiority of aided to unaided with margin δ (H1: aided − unaided > −δ). */
export function nonInferiorityTest(
	difference: DifferenceEstimate,
	margin: number,
	alpha: number
): MarginTestResult {
	checkArguments(margin, alpha);
	return oneSided('non-inferiority', difference, margin, -margin, alpha);
}

/** Superiority of aided over unaided (H1: aided − unaided > δ, δ = 0 unless declared). */
export function superiorityTest(
	difference: DifferenceEstimate,
	alpha: number,
	margin = 0
): MarginTestResult {
	checkArguments(margin, alpha);
	return oneSided('superiority', difference, margin, margin, alpha);
}
