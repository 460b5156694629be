// Limits of agreement between two measurements of the same subjects (Bland & Altman 1986, Lancet
// i:307): the differences dᵢ = aᵢ − bᵢ, their mean d̄ (the bias) and standard deviation s, and the
// 95 % limits of agreement d̄ ± 1.96 s, within which most differences between the two methods lie.
// The precision of each (the 1986 paper's section on it): SE(d̄) = √(s²/n) and, for each limit,
// SE ≈ √(3 s²/n), with the (1 − α) interval estimate ± t(1 − α/2, n − 1) · SE.
import { studentTQuantile } from '../distributions';

export interface Limit {
	estimate: number;
	ciLower: number;
	ciUpper: number;
}

export interface BlandAltman {
	n: number;
	/** Mean difference a − b, with its confidence interval. */
	bias: Limit;
	/** Standard deviation of the differences (n − 1 denominator). */
	sdDifferences: number;
	lower: Limit;
	upper: Limit;
	/** The multiple of s the limits lie at (1.96 for 95 % limits; the 1986 paper used 2). */
	multiplier: number;
	/** Each pair's mean (a + b)/2 and difference a − b, the points of the Bland–Altman plot. */
	points: Array<{ mean: number; difference: number }>;
}

export function blandAltman(
	a: readonly number[],
	b: readonly number[],
	options: { multiplier?: number; alpha?: number } = {}
): BlandAltman {
	const multiplier = options.multiplier ?? 1.96;
	const alpha = options.alpha ?? 0.05;
	if (a.length !== b.length)
		throw new RangeError(
			`${a.length} first measurements but ${b.length} second ones: pairs are needed`
		);
	const n = a.length;
	if (n < 3) throw new RangeError(`limits of agreement need at least 3 pairs, got ${n}`);
	const points = a.map((value, i) => {
		const other = b[i] as number;
		if (!Number.isFinite(value) || !Number.isFinite(other))
			throw new RangeError(`pair ${i + 1}: ${value} and ${other} must be finite numbers`);
		return { mean: (value + other) / 2, difference: value - other };
	});
	const bias = points.reduce((sum, point) => sum + point.difference, 0) / n;
	const variance = points.reduce((sum, point) => sum + (point.difference - bias) ** 2, 0) / (n - 1);
	const sd = Math.sqrt(variance);
	const t = studentTQuantile(1 - alpha / 2, n - 1);
	const around = (estimate: number, se: number): Limit => ({
		estimate,
		ciLower: estimate - t * se,
		ciUpper: estimate + t * se
	});
	const seBias = Math.sqrt(variance / n);
	const seLimit = Math.sqrt((3 * variance) / n);
	return {
		n,
		bias: around(bias, seBias),
		sdDifferences: sd,
		lower: around(bias - multiplier * sd, seLimit),
		upper: around(bias + multiplier * sd, seLimit),
		multiplier,
		points
	};
}
