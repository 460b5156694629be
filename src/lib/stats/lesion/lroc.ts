// The LROC figures of merit (RJafroc's `PCL` and `ALROC`, lroc-curve.ts) at a declared
// false-positive fraction (RJafroc's FPFValue, default 0.2). Both depend on every case, so the
// jackknife leaves out each case in turn, as RJafroc does; each left-out value is the curve
// recomputed with that case's multiplicity 0 (O(K) each, from one sort per reader × modality).
import { DesignError } from '../design-error';
import { allCases } from '../fom/figure-of-merit';
import type { LesionFigure } from './lesion-figure';
import { lrocAt, lrocPoints, lrocRatings, sortRatings } from './lroc-curve';

/** RJafroc's default FPFValue for PCL and ALROC. */
export const DEFAULT_LROC_FPF = 0.2;

export function checkLrocFpf(fpf: number): void {
	if (!(fpf > 0 && fpf <= 1))
		throw new DesignError(`the LROC false-positive fraction must lie in (0, 1], got ${fpf}`);
}

function lrocFigure(kind: 'pcl' | 'alroc', fpf: number): LesionFigure {
	checkLrocFpf(fpf);
	const pick = (result: { pcl: number; area: number }) =>
		kind === 'pcl' ? result.pcl : result.area;
	return {
		name: kind,
		rjafrocName: kind === 'pcl' ? 'PCL' : 'ALROC',
		label:
			kind === 'pcl' ? `PCL at FPF ${fpf} (LROC)` : `area under the LROC to FPF ${fpf} (ALROC)`,
		boundedToUnitInterval: true,
		jackknifeCases: allCases,
		compute(truth, marks) {
			const sorted = sortRatings(lrocRatings(truth, marks));
			const at = (multiplicity: Float64Array | null) =>
				pick(lrocAt(lrocPoints(sorted, truth.truth, multiplicity), fpf));
			return {
				estimate: at(null),
				leaveOneOut() {
					const multiplicity = new Float64Array(truth.cases.length).fill(1);
					return Float64Array.from(truth.cases, (_, k) => {
						multiplicity[k] = 0;
						const value = at(multiplicity);
						multiplicity[k] = 1;
						return value;
					});
				},
				weightedEstimate: (multiplicity) => at(multiplicity)
			};
		}
	};
}

/** PCL: the probability of correct localisation at FPF `fpf`. */
export const pclFom = (fpf = DEFAULT_LROC_FPF): LesionFigure => lrocFigure('pcl', fpf);

/** ALROC: the area under the LROC from FPF 0 to `fpf`. */
export const alrocFom = (fpf = DEFAULT_LROC_FPF): LesionFigure => lrocFigure('alroc', fpf);
