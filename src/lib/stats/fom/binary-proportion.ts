// A proportion of binary calls over the cases of one truth class — the shared core of
// sensitivity (positive calls among diseased cases) and specificity (negative calls among
// non-diseased cases). Only that class's cases carry information, so the jackknife runs
// over them alone (MRMCaov's binary_sens / binary_spec preprocessing does the same).
import { DesignError } from '../design-error';
import { casesWithTruth, type FomComputation } from './figure-of-merit';

/** Check that every value is a binary call 0 or 1. */
export function assertBinary(values: Float64Array, what: string): void {
	for (const value of values) {
		if (value !== 0 && value !== 1)
			throw new DesignError(`${what} must be binary calls 0/1, found ${value}`);
	}
}

/**
 * Proportion of cases of truth class `truthClass` whose call equals `success`.
 * Leave-one-out: (successes − s_k)/(n − 1) for each case k of the class.
 */
export function binaryProportion(
	calls: Float64Array,
	truth: Uint8Array,
	truthClass: 0 | 1,
	success: 0 | 1
): FomComputation {
	const cases = casesWithTruth(truth, truthClass);
	const n = cases.length;
	if (n === 0) throw new DesignError(`no cases with truth ${truthClass}`);
	const hits = Float64Array.from(cases, (k) => (calls[k] === success ? 1 : 0));
	const total = hits.reduce((sum, hit) => sum + hit, 0);
	return {
		estimate: total / n,
		leaveOneOut() {
			if (n < 2)
				throw new DesignError(`the jackknife needs at least two cases with truth ${truthClass}`);
			return Float64Array.from(hits, (hit) => (total - hit) / (n - 1));
		},
		weightedEstimate(weights) {
			let weightedHits = 0;
			let weightTotal = 0;
			cases.forEach((k, i) => {
				weightedHits += (weights[k] as number) * (hits[i] as number);
				weightTotal += weights[k] as number;
			});
			return weightedHits / weightTotal;
		}
	};
}
