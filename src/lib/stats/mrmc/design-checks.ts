// Designs the MRMC estimators cannot analyse are refused with a clear message instead of
// producing NaN or a meaningless test.

import { DesignError } from '../design-error';

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

/** A denominator of a test statistic must be positive for the test to exist. */
export function assertPositive(value: number, what: string): void {
	if (!(value > 0) || !Number.isFinite(value)) {
		throw new DesignError(
			`${what} is ${value}, not a positive number: the figures of merit do not vary enough for this test (e.g. every reader perfect)`
		);
	}
}

/**
 * Satterthwaite degrees of freedom of a denominator built on one mean square:
 * denominator² / (ms² / msDf) (Hillis 2007). Infinity when the mean square is zero (the
 * denominator then has no sampling error from that source); zero denominators are refused.
 */
export function satterthwaiteDf(
	denominator: number,
	meanSquare: number,
	meanSquareDf: number
): number {
	if (meanSquare === 0) return Infinity;
	return denominator ** 2 / (meanSquare ** 2 / meanSquareDf);
}

/**
 * A test statistic numerator / denominator: Infinity when only the denominator is zero
 * (no error variance left against a real difference; p = 0), refused when both are zero
 * or the denominator is negative, where the test does not exist.
 */
export function ratioStatistic(numerator: number, denominator: number, what: string): number {
	if (denominator === 0 && numerator > 0) return Infinity;
	assertPositive(denominator, what);
	return numerator / denominator;
}
