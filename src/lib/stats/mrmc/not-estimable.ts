// Degenerate data (every rating equal, every reader perfect, two identical modalities) leave
// the variance components at rounding-noise level (~1e-33) instead of exactly zero. Exact
// `=== 0` guards let that noise through as an F of 2 or a chi-square of Inf, so every
// zero test here is relative: a quantity is zero when it is within RELATIVE_TOLERANCE of
// the scale of the components it is built from (never below a floor tied to the scale of the
// figures of merit themselves, so components that are all noise are zero too).
import { DesignError } from '../design-error';

/** A test or interval the data cannot support; the message starts "not estimable: ". */
export class NotEstimableError extends DesignError {
	constructor(reason: string) {
		super(`not estimable: ${reason}`);
		this.name = 'NotEstimableError';
	}
}

/** Relative size below which a difference of terms counts as zero (rounding leaves ~1e-15). */
export const RELATIVE_TOLERANCE = 1e-11;

/**
 * The noise floor of a mean square or covariance of figures of merit: (1e-10 · scale)², with
 * scale the largest |FOM| (at least 1) times `multiplier` (the number of cases for jackknife
 * pseudovalues, which amplify the FOMs' rounding by that much). Rounding leaves ~(1e-16·scale)².
 */
export function noiseFloor(estimates: ArrayLike<number>, multiplier = 1): number {
	let scale = 1;
	for (let i = 0; i < estimates.length; i++)
		scale = Math.max(scale, Math.abs(estimates[i] as number));
	return (1e-10 * scale * multiplier) ** 2;
}

/** Below this a quantity computed from `terms` is zero: relative to the terms, never below `floor`. */
export function zeroTolerance(floor: number, ...terms: number[]): number {
	let scale = 0;
	for (const term of terms) if (Number.isFinite(term)) scale = Math.max(scale, Math.abs(term));
	return Math.max(RELATIVE_TOLERANCE * scale, floor);
}

/** `value` with noise within `tolerance` of zero replaced by exactly 0. */
export function snapToZero(value: number, tolerance: number): number {
	return Math.abs(value) <= tolerance ? 0 : value;
}

/** √variance, with a noise-level (or negative) variance giving exactly 0. */
export function standardError(variance: number, tolerance: number): number {
	return variance <= tolerance ? 0 : Math.sqrt(variance);
}
