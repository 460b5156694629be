// The Shannon entropy of a stratum's category counts (seed 002: "香农熵" for class and
// attribute balance), in nats, and its normalised form (Pielou's evenness):
//
//   p_i = x_i / N,   H = −Σ_{p_i > 0} p_i ln p_i,   J = H / ln k
//
// for k categories (0 · ln 0 = 0). H is 0 when all cases are in one category and ln k when
// every category holds the same number, so J runs from 0 (all in one category) to 1 (balanced).
// With one category (k = 1) ln k = 0 and J would be 0 / 0: it is defined as 1, the one category
// holding its maximal share — "balanced", as the Gini coefficient's 0 says for k = 1 (the
// report shows k beside it). No cases (N = 0) or no categories: null. Categories with 0 cases
// count towards k: pass only the categories that should exist.
import { checkedCounts, totalOf } from './category-counts';

export interface ShannonEntropy {
	categories: number;
	total: number;
	/** H in nats, between 0 and ln k. */
	entropy: number;
	/** J = H / ln k, between 0 and 1; 1 for k = 1. */
	normalised: number;
}

export function shannonEntropy(counts: readonly number[]): ShannonEntropy | null {
	const x = checkedCounts(counts);
	const k = x.length;
	const total = totalOf(x);
	if (k === 0 || total === 0) return null;
	let entropy = 0;
	for (const count of x) {
		if (count === 0) continue;
		const p = count / total;
		entropy -= p * Math.log(p);
	}
	// −Σ p ln p can come out as −0 or a hair below 0 for a single category.
	entropy = Math.max(0, entropy);
	return {
		categories: k,
		total,
		entropy,
		normalised: k === 1 ? 1 : Math.min(1, entropy / Math.log(k))
	};
}
