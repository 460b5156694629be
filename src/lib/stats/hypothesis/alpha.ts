// The one range of the one-sided significance level α of the margin tests, for every entry
// point: `tandem analyze --alpha`, a protocol endpoint's `alpha` and the analysis itself.
// Regulatory MRMC trials test at one-sided 0.025 (two-sided 0.05); 0.05 or 0.1 may suit a
// pilot. Beyond 0.1 a "confirmed" hypothesis means little, and α near 0.5 makes the
// confidence level 1 − 2α collapse to nothing; below 1e-6 the quantiles lose precision.
import { DesignError } from '../design-error';

export const ONE_SIDED_ALPHA = { min: 0.000001, max: 0.1 } as const;

const RANGE = `between ${ONE_SIDED_ALPHA.min.toFixed(6)} and ${ONE_SIDED_ALPHA.max}`;

/** Why `value` is not a one-sided α, or undefined when it is one. */
export function oneSidedAlphaProblem(value: number): string | undefined {
	if (typeof value === 'number' && value >= ONE_SIDED_ALPHA.min && value <= ONE_SIDED_ALPHA.max)
		return undefined;
	return `must be a one-sided significance level ${RANGE} (0.025 is usual)`;
}

/** The two-sided α of confidence intervals: twice a one-sided one (0.05 → 95 % intervals). */
export function twoSidedAlphaProblem(value: number): string | undefined {
	if (value >= 2 * ONE_SIDED_ALPHA.min && value <= 2 * ONE_SIDED_ALPHA.max) return undefined;
	return `must be between ${(2 * ONE_SIDED_ALPHA.min).toFixed(6)} and ${2 * ONE_SIDED_ALPHA.max}`;
}

/** Refuse an α outside its range with a DesignError naming `what`. */
export function assertAlpha(value: number, what: string, sides: 'one' | 'two'): void {
	const problem = sides === 'one' ? oneSidedAlphaProblem(value) : twoSidedAlphaProblem(value);
	if (problem) throw new DesignError(`${what} ${problem}, got ${value}`);
}
