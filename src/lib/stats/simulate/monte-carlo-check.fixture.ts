// Test helper: the central (1 − level) acceptance range of a Binomial(n, p) count, from the
// exact binomial probabilities C(n, k) p^k (1 − p)^(n − k) (computed through log-gammas).
import { logGamma } from '../distributions';

/** [low, high] with P(X < low) ≤ level/2 and P(X > high) ≤ level/2 for X ~ Binomial(n, p). */
export function binomialAcceptance(n: number, p: number, level: number): [number, number] {
	const probability = (k: number) =>
		Math.exp(
			logGamma(n + 1) -
				logGamma(k + 1) -
				logGamma(n - k + 1) +
				k * Math.log(p) +
				(n - k) * Math.log1p(-p)
		);
	let low = 0;
	for (let below = 0; below + probability(low) <= level / 2; low++) below += probability(low);
	let high = n;
	for (let above = 0; above + probability(high) <= level / 2; high--) above += probability(high);
	return [low, high];
}
