// What every figure of merit provides to the covariance estimators. A figure of merit is
// computed per reader × modality from that reader's values over the cases.

export type FomName = 'auc' | 'sensitivity' | 'specificity' | 'reading-time';

export interface FomComputation {
	/** The figure of merit on all cases. */
	estimate: number;
	/** The figure of merit with each jackknife case left out, in jackknifeCases order. */
	leaveOneOut(): Float64Array;
	/** The figure of merit with case multiplicities `weights` (indexed by case), for the bootstrap. */
	weightedEstimate(weights: Float64Array): number;
}

export interface FigureOfMerit {
	name: FomName;
	/** A short human label for reports. */
	label: string;
	/** True when the figure lies in [0, 1] (confidence limits are then truncated to it). */
	boundedToUnitInterval: boolean;
	/**
	 * The cases that carry information about the figure (all cases for AUC; only the
	 * diseased cases for sensitivity, only the non-diseased for specificity, as MRMCaov
	 * does). Jackknife and DBM pseudovalues are taken over these cases only.
	 */
	jackknifeCases(truth: Uint8Array): Int32Array;
	/** Compute the figure for one reader × modality. */
	compute(values: Float64Array, truth: Uint8Array): FomComputation;
}

/** Indices of the cases with the given truth (1 = diseased, 0 = non-diseased). */
export function casesWithTruth(truth: Uint8Array, wanted: 0 | 1): Int32Array {
	const indices: number[] = [];
	for (let k = 0; k < truth.length; k++) if (truth[k] === wanted) indices.push(k);
	return Int32Array.from(indices);
}

/** Indices 0 … n − 1. */
export function allCases(truth: Uint8Array): Int32Array {
	const cases = new Int32Array(truth.length);
	for (let k = 0; k < cases.length; k++) cases[k] = k;
	return cases;
}
