// The AFROC family of figures (Chakraborty & Berbaum 2004; Chakraborty 2017, ch. 13–17; RJafroc
// 2.1.3): the probability that a lesion's rating exceeds a case's highest NL rating,
//   θ = Σ_f Σ_l w_l ψ(FP_f, LL_l) / (#FP cases · Σ_diseased lesion weight)
// where the FP cases are the non-diseased ones (wAFROC, AFROC) or every case (wAFROC1,
// AFROC1), and a lesion's weight w_l is its declared weight (wAFROC, wAFROC1: the weights of a
// case sum to 1, so the denominator is the number of diseased cases) or 1 (AFROC, AFROC1: the
// denominator is the number of lesions). Every leave-one-case-out value is the total less that
// case's pairs (afroc-pairs.ts), so the jackknife costs one pass.
import { DesignError } from '../design-error';
import { allCases, type FomComputation } from '../fom/figure-of-merit';
import { afrocPairSums, type PairInput } from './afroc-pairs';
import { highestNl, lesionCounts, type LesionMarks, type LesionTruth } from './lesion-study';

export interface AfrocVariant {
	/** Which cases' highest NL is a false positive. */
	falsePositivesFrom: 'non-diseased' | 'all';
	/** Lesions weighted as declared (wAFROC) or each counting 1 (AFROC). */
	lesionWeights: 'declared' | 'equal';
}

export const afrocJackknifeCases = allCases;

export function computeAfroc(
	truth: LesionTruth,
	marks: LesionMarks,
	variant: AfrocVariant
): FomComputation {
	const cases = truth.cases.length;
	const fpCases = Int32Array.from(
		Array.from({ length: cases }, (_, k) => k).filter(
			(k) => variant.falsePositivesFrom === 'all' || truth.truth[k] === 0
		)
	);
	const diseased = truth.truth.reduce((sum, value) => sum + value, 0);
	if (diseased === 0 || fpCases.length === 0 || diseased === cases)
		throw new DesignError('the AFROC figures need at least one diseased and one non-diseased case');
	const highest = highestNl(marks);
	const counts = lesionCounts(truth);
	const declared = variant.lesionWeights === 'declared';
	const fp = Float64Array.from(fpCases, (k) => highest[k] as number);
	const lesionWeight = declared ? truth.weights : new Float64Array(truth.weights.length).fill(1);
	/** The pair sums with case multiplicities (all 1 for the estimate and the jackknife). */
	const sums = (multiplicity: Float64Array | null) => {
		const input: PairInput = {
			fp,
			fpCase: fpCases,
			fpWeight: Float64Array.from(fpCases, (k) => (multiplicity ? (multiplicity[k] as number) : 1)),
			ll: marks.ll,
			llCase: truth.lesionCase,
			llWeight: multiplicity
				? Float64Array.from(
						lesionWeight,
						(w, l) => w * (multiplicity[truth.lesionCase[l] as number] as number)
					)
				: lesionWeight,
			cases
		};
		return afrocPairSums(input);
	};
	/** The denominator's lesion part contributed by case k (its weight sum, or its count). */
	const lesionShare = (k: number) =>
		truth.truth[k] === 1 ? (declared ? 1 : (counts[k] as number)) : 0;
	const isFp = new Uint8Array(cases);
	for (const k of fpCases) isFp[k] = 1;
	let lesionTotal = 0;
	for (let k = 0; k < cases; k++) lesionTotal += lesionShare(k);
	const all = sums(null);
	const estimate = all.total / (fpCases.length * lesionTotal);
	return {
		estimate,
		leaveOneOut() {
			const out = new Float64Array(cases);
			for (let k = 0; k < cases; k++) {
				const numerator =
					all.total -
					(all.asFp[k] as number) -
					(all.asLesion[k] as number) +
					(all.within[k] as number);
				out[k] =
					numerator / ((fpCases.length - (isFp[k] as number)) * (lesionTotal - lesionShare(k)));
			}
			return out;
		},
		weightedEstimate(multiplicity) {
			let fpTotal = 0;
			let lesionPart = 0;
			for (let k = 0; k < cases; k++) {
				const w = multiplicity[k] as number;
				fpTotal += w * (isFp[k] as number);
				lesionPart += w * lesionShare(k);
			}
			return sums(multiplicity).total / (fpTotal * lesionPart);
		}
	};
}
