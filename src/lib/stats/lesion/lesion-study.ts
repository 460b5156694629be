// A lesion-level (FROC) reading study once every mark has been matched: the truth lesions of
// each case with their weights, and per reader × modality the ratings of each case's non-lesion
// localisations (NLs) and of each lesion's localisation (LL). An unmarked lesion is rated −∞, as
// RJafroc's −∞: it loses to every mark and ties with an unmarked case (½). Indexes: cases in
// input order; lesions case after case (lesionStart), so lesion l belongs to lesionCase[l].

export interface LesionTruth {
	/** Case ids. */
	cases: string[];
	/** 1 = diseased (one lesion or more), 0 = non-diseased. */
	truth: Uint8Array;
	/** The lesions of case k are lesionStart[k] … lesionStart[k + 1] − 1 (length cases + 1). */
	lesionStart: Int32Array;
	/** The case of each lesion. */
	lesionCase: Int32Array;
	/** Each lesion's id within its case (as the input names it). */
	lesionIds: string[];
	/** Each lesion's weight (the weights of a diseased case sum to 1). */
	weights: Float64Array;
}

/** One reader's marks in one modality. */
export interface LesionMarks {
	/** The NL ratings of case k are nl[nlStart[k]] … nl[nlStart[k + 1] − 1] (length cases + 1). */
	nlStart: Int32Array;
	nl: Float64Array;
	/** The rating of the mark localising each lesion; −∞ when no mark did. */
	ll: Float64Array;
}

export interface LesionStudy extends LesionTruth {
	/** Reader ids in natural order. */
	readers: string[];
	/** Modality ids in natural order. */
	modalities: string[];
	/** marks[modality][reader]. */
	marks: LesionMarks[][];
}

/** The highest NL rating of each case (−∞ for a case without NLs). */
export function highestNl(marks: LesionMarks): Float64Array {
	const cases = marks.nlStart.length - 1;
	const highest = new Float64Array(cases).fill(-Infinity);
	for (let k = 0; k < cases; k++) {
		for (let i = marks.nlStart[k] as number; i < (marks.nlStart[k + 1] as number); i++) {
			const rating = marks.nl[i] as number;
			if (rating > (highest[k] as number)) highest[k] = rating;
		}
	}
	return highest;
}

/** Number of lesions of each case. */
export function lesionCounts(truth: LesionTruth): Int32Array {
	return Int32Array.from(
		truth.cases,
		(_, k) => (truth.lesionStart[k + 1] as number) - (truth.lesionStart[k] as number)
	);
}
