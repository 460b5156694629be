// The sum at the heart of the AFROC family (Chakraborty; RJafroc's wAFROC, AFROC, wAFROC1 and
// AFROC1): over every pair of a false-positive rating FP_f (a case's highest NL) and a lesion's
// LL rating, the kernel ψ(FP, LL) = 1 when the lesion is rated higher, ½ on a tie (two −∞ tie),
// 0 otherwise, each pair weighted by w_f · v_l. Besides the total it gives each FP's and each
// case's share, from which every leave-one-case-out sum follows without recomputing — O(N log N)
// per reader × modality instead of RJafroc's O(K · K1 · K2) refits.

/** A weighted sample compressed to its distinct values and the weight below each. */
interface WeightTable {
	values: Float64Array;
	/** below[u] = Σ weight of values < values[u]; below[distinct] = total weight. */
	below: Float64Array;
}

function weightTable(values: Float64Array, weights: Float64Array): WeightTable {
	const order = Array.from(values.keys()).sort(
		(a, b) => (values[a] as number) - (values[b] as number) || a - b
	);
	const distinct = new Float64Array(values.length);
	const below = new Float64Array(values.length + 1);
	let count = 0;
	let cumulative = 0;
	for (let i = 0; i < order.length; i++) {
		const index = order[i] as number;
		const value = values[index] as number;
		if (count === 0 || value !== distinct[count - 1]) {
			distinct[count] = value;
			below[count++] = cumulative;
		}
		cumulative += weights[index] as number;
	}
	below[count] = cumulative;
	return { values: distinct.subarray(0, count), below: below.subarray(0, count + 1) };
}

/** Σ w·[v < x] + ½ Σ w·[v = x] over the table's sample. */
function weightBelowHalfTies(table: WeightTable, x: number): number {
	const { values, below } = table;
	let low = 0;
	let high = values.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		// −∞ − (−∞) is NaN: compare, never subtract.
		if ((values[middle] as number) < x) low = middle + 1;
		else high = middle;
	}
	const strictly = below[low] as number;
	if (low < values.length && values[low] === x)
		return strictly + ((below[low + 1] as number) - strictly) / 2;
	return strictly;
}

export interface PairInput {
	/** The FP ratings and the case each comes from. */
	fp: Float64Array;
	fpCase: Int32Array;
	fpWeight: Float64Array;
	/** The LL ratings and the case of each lesion. */
	ll: Float64Array;
	llCase: Int32Array;
	llWeight: Float64Array;
	cases: number;
}

export interface PairSums {
	/** Σ_f Σ_l w_f v_l ψ(FP_f, LL_l). */
	total: number;
	/** Per case: the pairs whose FP comes from it (0 for a case without an FP entry). */
	asFp: Float64Array;
	/** Per case: the pairs whose lesion belongs to it (0 for a case without lesions). */
	asLesion: Float64Array;
	/** Per case: the pairs whose FP and lesion both come from it (counted in both shares). */
	within: Float64Array;
}

export function afrocPairSums(input: PairInput): PairSums {
	const { fp, fpCase, fpWeight, ll, llCase, llWeight, cases } = input;
	const fpTable = weightTable(fp, fpWeight);
	const llTable = weightTable(ll, llWeight);
	const llTotal = llTable.below[llTable.values.length] as number;
	const asFp = new Float64Array(cases);
	const asLesion = new Float64Array(cases);
	const within = new Float64Array(cases);
	let total = 0;
	// Σ_l v_l ψ(x, LL_l) = Σ v·[LL > x] + ½ Σ v·[LL = x] = total − Σ v·[LL < x] − ½ Σ v·[LL = x].
	for (let f = 0; f < fp.length; f++) {
		const share =
			(fpWeight[f] as number) * (llTotal - weightBelowHalfTies(llTable, fp[f] as number));
		asFp[fpCase[f] as number] = (asFp[fpCase[f] as number] as number) + share;
		total += share;
	}
	const fpOfCase = new Float64Array(cases).fill(NaN);
	const fpWeightOfCase = new Float64Array(cases);
	for (let f = 0; f < fp.length; f++) {
		fpOfCase[fpCase[f] as number] = fp[f] as number;
		fpWeightOfCase[fpCase[f] as number] = fpWeight[f] as number;
	}
	for (let l = 0; l < ll.length; l++) {
		const k = llCase[l] as number;
		const rating = ll[l] as number;
		const weight = llWeight[l] as number;
		asLesion[k] = (asLesion[k] as number) + weight * weightBelowHalfTies(fpTable, rating);
		const own = fpOfCase[k] as number;
		if (!Number.isNaN(own))
			within[k] = (within[k] as number) + (fpWeightOfCase[k] as number) * weight * psi(own, rating);
	}
	return { total, asFp, asLesion, within };
}

/** ψ(FP, LL): 1 when the lesion is rated higher, ½ on a tie, 0 otherwise. */
export function psi(fp: number, ll: number): number {
	return ll > fp ? 1 : ll === fp ? 0.5 : 0;
}
