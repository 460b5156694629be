// The balance of each stratum of a test set (seed 002): its cases per value with the normalised
// Gini coefficient (0 = balanced, 1 = all cases in one value) and the normalised Shannon entropy
// (1 = balanced, 0 = all in one value) over the values that occur.
import { giniCoefficient } from './gini-coefficient';
import { shannonEntropy } from './shannon-entropy';

export interface StratumCounts {
	stratum: string;
	values: Array<{ value: string; cases: number }>;
}

export interface StratumBalance extends StratumCounts {
	/** Cases with a value in this stratum. */
	cases: number;
	/** Values that occur, k. */
	categories: number;
	/** G* (gini-coefficient.ts); null without cases. */
	gini: number | null;
	/** J = H / ln k (shannon-entropy.ts); null without cases. */
	shannon: number | null;
}

export function stratumBalance(strata: readonly StratumCounts[]): StratumBalance[] {
	return strata.map((stratum) => {
		const values = stratum.values.filter((row) => row.cases > 0);
		const counts = values.map((row) => row.cases);
		return {
			stratum: stratum.stratum,
			values,
			cases: counts.reduce((sum, n) => sum + n, 0),
			categories: values.length,
			gini: giniCoefficient(counts)?.normalised ?? null,
			shannon: shannonEntropy(counts)?.normalised ?? null
		};
	});
}
