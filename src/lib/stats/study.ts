// The fully crossed reading study every estimator works on: each reader reads each case
// in each modality once. Values are stored per modality × reader as arrays over cases.

export interface ReadingStudy {
	/** Reader ids in natural order. */
	readers: string[];
	/** Modality ids in natural order. */
	modalities: string[];
	/** Case ids, in the order they first appear in the input. */
	cases: string[];
	/** Truth per case: 1 = diseased (positive), 0 = non-diseased (negative). */
	truth: Uint8Array;
	/** rating[modality][reader][case]. */
	rating: Float64Array[][];
	/** Binary call per read (0/1) when the input has a `decision` column. */
	decision?: Float64Array[][];
	/** Reading time per read in milliseconds when the input has a `time_ms` column. */
	timeMs?: Float64Array[][];
}

/** Number of positive (diseased) and negative cases. */
export function truthCounts(truth: Uint8Array): { positive: number; negative: number } {
	let positive = 0;
	for (const value of truth) positive += value;
	return { positive, negative: truth.length - positive };
}
