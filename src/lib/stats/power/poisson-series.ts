// Sums of Poisson-weighted series Σ_j w_j · term_j, the form of the noncentral F, chi-square
// and t distributions. Following Lenth 1987 (Algorithm AS 226, Appl Stat 36:241) and Ding
// 1992 (AS R84), the sum starts at the largest weight and runs outward in both directions, so
// a large noncentrality never underflows the first weight e^{−λ/2}. Each direction stops when
// the weights left, bounded by a geometric series (|term_j| ≤ 1), cannot change the sum.
// The first weight comes from its logarithm, a difference of numbers of size ~μ log μ whose
// rounding error (~4e-13 relative at μ ≈ 600) would carry into every term; since the weights'
// total is known (1 for the Poisson weights), the sum is rescaled by known/accumulated total.

export interface WeightSequence {
	/** Index at (or near) the largest weight. */
	start: number;
	/** log w_start. */
	logWeightAtStart: number;
	/** w_{j+1} / w_j, decreasing in j (as for μ^j/j! and μ^j/Γ(j + 3/2)). */
	ratio(j: number): number;
	/** Σ_j w_j, known in closed form. */
	total: number;
}

const RELATIVE_TOLERANCE = Number.EPSILON / 4;
const MAX_TERMS = 1_000_000;

/** Σ_{j ≥ 0} w_j · term(j) for terms bounded by 1 in absolute value. */
export function sumWeightedSeries(weights: WeightSequence, term: (j: number) => number): number {
	const { start, logWeightAtStart, ratio } = weights;
	const first = Math.exp(logWeightAtStart);
	let sum = first * term(start);
	let weightSum = first;
	// Upward: the weights after j sum to at most w_j · ρ/(1 − ρ) once ρ = ratio(j) < 1.
	let weight = first;
	for (let j = start, count = 0; ; count++) {
		weight *= ratio(j);
		j += 1;
		if (weight === 0) break;
		sum += weight * term(j);
		weightSum += weight;
		const next = ratio(j);
		if (next < 1 && (weight * next) / (1 - next) <= RELATIVE_TOLERANCE * Math.abs(sum)) break;
		if (count > MAX_TERMS) throw new Error('Poisson-weighted series did not converge');
	}
	// Downward: w_{j−1}/w_j = 1/ratio(j − 1), increasing towards 1 as j falls to the peak.
	weight = first;
	for (let j = start; j > 0;) {
		weight /= ratio(j - 1);
		j -= 1;
		if (weight === 0) break;
		sum += weight * term(j);
		weightSum += weight;
		if (j === 0) break;
		const previous = 1 / ratio(j - 1);
		if (previous < 1 && (weight * previous) / (1 - previous) <= RELATIVE_TOLERANCE * Math.abs(sum))
			break;
	}
	return sum * (weights.total / weightSum);
}
