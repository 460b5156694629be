// Designs the MRMC estimators cannot analyse are refused with a clear message instead of
// producing NaN or a meaningless test.

import { DesignError } from '../design-error';
import { NotEstimableError, snapToZero } from './not-estimable';

export { DesignError };

/** At least two readers and two modalities (the reader × modality ANOVA needs both). */
export function assertMultiReaderMultiModality(
	readers: number,
	modalities: number,
	method: string
): void {
	if (modalities < 2) {
		throw new DesignError(
			`${method} compares modalities: found ${modalities} modality, at least 2 are needed`
		);
	}
	if (readers < 2) {
		throw new DesignError(
			`${method} treats readers as a random sample: found ${readers} reader, at least 2 are needed (use a single-reader analysis)`
		);
	}
}

/**
 * Satterthwaite degrees of freedom of a denominator built on one mean square:
 * denominator² / (ms² / msDf) (Hillis 2007). Infinity (the normal limit) when the mean
 * square is zero within `tolerance` (the denominator then has no sampling error from that
 * source); zero denominators never get here (ratioStatistic refuses them first).
 */
export function satterthwaiteDf(
	denominator: number,
	meanSquare: number,
	meanSquareDf: number,
	tolerance = 0
): number {
	if (Math.abs(meanSquare) <= tolerance) return Infinity;
	return denominator ** 2 / (meanSquare ** 2 / meanSquareDf);
}

/**
 * A test statistic numerator / denominator for the test `test`. Values within their
 * `tolerance` of zero are zero (see not-estimable.ts). A zero numerator over a positive denominator is a
 * statistic of 0; a zero or negative denominator is refused as not estimable with the reason
 * (it would otherwise be a division of rounding noise, or an infinite statistic).
 */
export function ratioStatistic(
	numerator: number,
	denominator: number,
	what: string,
	tolerance: { numerator: number; denominator: number } = { numerator: 0, denominator: 0 },
	test = 'the test'
): number {
	const top = snapToZero(numerator, tolerance.numerator);
	const zero = Math.abs(denominator) <= tolerance.denominator;
	if (!zero && denominator > 0 && Number.isFinite(denominator) && Number.isFinite(top))
		return top / denominator;
	if (top === 0 && zero) {
		throw new NotEstimableError(
			`${test}: the figures of merit do not differ between the modalities and ${what} is zero — nothing varies (e.g. every rating equal, every reader perfect, or two identical modalities)`
		);
	}
	if (zero) {
		throw new NotEstimableError(
			`${test}: ${what} is zero, so the difference between the modalities has no variance to be tested against (e.g. readers whose figures of merit differ by exactly the same amount)`
		);
	}
	throw new NotEstimableError(
		`${test}: ${what} is ${denominator}, not a positive number: the figures of merit do not vary enough for this test`
	);
}
