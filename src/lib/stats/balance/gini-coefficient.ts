// The Gini coefficient of a stratum's category counts: how unequally the cases are spread over
// the stratum's categories (seed 002 asks for "基尼系数" to judge class and attribute balance
// but gives no formula; we take the coefficient in its usual sense, the inequality measure of
// the Lorenz curve, not the Gini impurity 1 − Σ p²).
//
// For k categories with counts x_1 … x_k (total N = Σ x_i, mean x̄ = N / k):
//
//   G = Σ_i Σ_j |x_i − x_j| / (2 k² x̄) = Σ_i Σ_j |x_i − x_j| / (2 k N)
//
// G is 0 when every category holds the same number of cases and at most (k − 1) / k, reached
// when all cases are in one category. The normalised coefficient divides by that maximum,
//
//   G* = G · k / (k − 1) = Σ_i Σ_j |x_i − x_j| / (2 (k − 1) N),
//
// so that 0 = perfectly balanced and 1 = every case in one category, whatever k. With one
// category (k = 1) nothing can be unequal: G = G* = 0 by definition (the report shows k beside
// it, so a one-category stratum is still visible). No cases (N = 0) or no categories: null.
// Categories with 0 cases count towards k: pass only the categories that should exist.
import { checkedCounts, totalOf } from './category-counts';

export interface GiniCoefficient {
	categories: number;
	total: number;
	/** G, between 0 and (k − 1) / k. */
	gini: number;
	/** G* = G · k / (k − 1), between 0 (balanced) and 1; 0 for k = 1. */
	normalised: number;
}

export function giniCoefficient(counts: readonly number[]): GiniCoefficient | null {
	const x = checkedCounts(counts);
	const k = x.length;
	const total = totalOf(x);
	if (k === 0 || total === 0) return null;
	let differences = 0;
	for (const a of x) for (const b of x) differences += Math.abs(a - b);
	const gini = differences / (2 * k * total);
	return {
		categories: k,
		total,
		gini,
		normalised: k === 1 ? 0 : differences / (2 * (k - 1) * total)
	};
}
