// The p-value of an endpoint's declared test, the one its decision rests on: one-sided, against
// the bound of the null hypothesis the protocol declares (−δ for non-inferiority, δ for
// superiority — 0 unless a margin is declared — and a time ratio of 1), so the decision is met
// exactly when p < α. Its label names that bound, so it is not mistaken for the two-sided test
// of no difference an MRMC analysis also reports.
import type { MarginTestResult } from './margin-tests';
import type { ReadingTimeTestResult } from './reading-time-test';

export interface DeclaredP {
	/** One-sided p of H0. */
	p: number;
	sided: 'one-sided';
	hypothesis: 'non-inferiority' | 'superiority';
	/** The bound of H0 the test is against: −δ or δ for a difference, 1 for a time ratio. */
	bound: number;
	scale: 'difference' | 'ratio';
	/** H0, e.g. "Δ ≤ −0.05" or "ratio ≥ 1". */
	nullHypothesis: string;
	/** "one-sided p vs −0.05", "one-sided p vs 0", "one-sided p vs ratio 1". */
	label: string;
	/** One-sided significance level. */
	alpha: number;
	/** H0 rejected: the decision, the same as p < α. */
	rejected: boolean;
}

/** A bound as printed: a true minus sign, no "−0". */
export function formatBound(value: number): string {
	return value < 0 ? `−${-value}` : String(value === 0 ? 0 : value);
}

/** The declared test's p with its bound, from a margin or reading-time test. */
export function declaredP(test: MarginTestResult | ReadingTimeTestResult): DeclaredP {
	const ratio = !('lowerBound' in test);
	const bound = test.threshold;
	const shown = formatBound(bound);
	return {
		p: test.p,
		sided: 'one-sided',
		hypothesis: test.kind,
		bound,
		scale: ratio ? 'ratio' : 'difference',
		nullHypothesis: ratio ? `ratio ≥ ${shown}` : `Δ ≤ ${shown}`,
		label: ratio ? `one-sided p vs ratio ${shown}` : `one-sided p vs ${shown}`,
		alpha: test.alpha,
		rejected: test.rejected
	};
}
