// Wilson score interval for a binomial proportion (Wilson 1927, JASA 22:209), without
// continuity correction — method 3 of Newcombe 1998 (Stat Med 17:857), the interval
// recommended there over the Wald interval, which collapses at 0/n and n/n.
import { normalQuantile } from '../distributions';

export interface ProportionEstimate {
	/** Number of successes x. */
	successes: number;
	/** Number of trials n. */
	trials: number;
	/** x / n. */
	estimate: number;
	/** Lower and upper limits of the (1 − α) Wilson score interval. */
	ciLower: number;
	ciUpper: number;
}

/**
 * Proportion x/n with its (1 − α) Wilson score interval:
 * (x + z²/2 ± z·√(x(n − x)/n + z²/4)) / (n + z²), z = Φ⁻¹(1 − α/2) (Newcombe 1998, eq. for method 3).
 */
export function wilsonInterval(
	successes: number,
	trials: number,
	alpha = 0.05
): ProportionEstimate {
	if (!(Number.isInteger(trials) && trials > 0)) {
		throw new RangeError(`a proportion needs a positive whole number of trials, got ${trials}`);
	}
	if (!(Number.isInteger(successes) && successes >= 0 && successes <= trials)) {
		throw new RangeError(`successes must be a whole number in [0, ${trials}], got ${successes}`);
	}
	if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
	const z = normalQuantile(1 - alpha / 2);
	const zSquared = z * z;
	const centre = (successes + zSquared / 2) / (trials + zSquared);
	const halfWidth =
		(z * Math.sqrt((successes * (trials - successes)) / trials + zSquared / 4)) /
		(trials + zSquared);
	return {
		successes,
		trials,
		estimate: successes / trials,
		// At x = 0 (x = n) the lower (upper) limit is exactly 0 (1); rounding must not push it outside.
		ciLower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
		ciUpper: successes === trials ? 1 : Math.min(1, centre + halfWidth)
	};
}
