// The declared test of an endpoint where fewer is better (NLs per non-diseased image): the
// difference is still test − reference, and the test arm should lie below the reference.
//   non-inferiority: H0 Δ ≥ δ vs H1 Δ < δ; conclude when the upper (1 − α) bound < δ
//   superiority:     H0 Δ ≥ 0 vs H1 Δ < 0; conclude when the upper (1 − α) bound < 0
// It is the higher-is-better test (margin-tests.ts) on reference − test, read back as test −
// reference: the same t, df and p, with the bound and the threshold mirrored.
import { formatBound, type DeclaredP } from '../hypothesis/declared-p';
import {
	nonInferiorityTest,
	superiorityTest,
	type DifferenceEstimate
} from '../hypothesis/margin-tests';

export interface LowerIsBetterTestResult {
	kind: 'non-inferiority' | 'superiority';
	direction: 'lower-is-better';
	/** test − reference. */
	estimate: number;
	se: number;
	df: number;
	/** The margin δ as declared (non-inferiority: Δ < δ). */
	margin: number;
	/** The value the upper bound is compared with (δ, or 0 for superiority). */
	threshold: number;
	/** One-sided significance level α. */
	alpha: number;
	/** Upper limit of the one-sided (1 − α) confidence interval of test − reference. */
	upperBound: number;
	/** One-sided p of H0 (Δ ≥ threshold). */
	p: number;
	/** True when H0 is rejected (upper bound below the threshold). */
	rejected: boolean;
	decision: string;
}

export function lowerIsBetterTest(
	kind: LowerIsBetterTestResult['kind'],
	difference: DifferenceEstimate,
	margin: number,
	alpha: number
): LowerIsBetterTestResult {
	const mirrored = { ...difference, estimate: -difference.estimate };
	const test =
		kind === 'non-inferiority'
			? nonInferiorityTest(mirrored, margin, alpha)
			: superiorityTest(mirrored, alpha);
	const threshold = kind === 'non-inferiority' ? margin : 0;
	const upperBound = -test.lowerBound;
	const level = 100 * (1 - alpha);
	const claim = kind === 'non-inferiority' ? 'non-inferior' : 'superior';
	const decision = test.rejected
		? `${claim} (fewer is better): upper ${level}% bound ${upperBound.toFixed(4)} < ${threshold}`
		: `not shown ${claim} (fewer is better): upper ${level}% bound ${upperBound.toFixed(4)} ≥ ${threshold}`;
	return {
		kind,
		direction: 'lower-is-better',
		estimate: difference.estimate,
		se: difference.se,
		df: difference.df,
		margin,
		threshold,
		alpha,
		upperBound,
		p: test.p,
		rejected: test.rejected,
		decision
	};
}

/** The declared p of a fewer-is-better test: H0 Δ ≥ bound, labelled so. */
export function lowerIsBetterDeclaredP(test: LowerIsBetterTestResult): DeclaredP {
	const shown = formatBound(test.threshold);
	return {
		p: test.p,
		sided: 'one-sided',
		hypothesis: test.kind,
		bound: test.threshold,
		scale: 'difference',
		nullHypothesis: `Δ ≥ ${shown}`,
		label: `one-sided p vs ${shown} (fewer is better: H0 Δ ≥ ${shown})`,
		alpha: test.alpha,
		rejected: test.rejected
	};
}
