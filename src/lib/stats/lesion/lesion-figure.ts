// What every lesion-level figure of merit provides: like a case-level one (fom/figure-of-merit.ts)
// it yields, per reader × modality, its estimate, its leave-one-case-out values over its
// jackknife cases and its value with bootstrap case multiplicities — computed from the matched
// marks instead of one rating per case.
import type { LesionFom } from '../analysis-report';
import type { FomComputation } from '../fom/figure-of-merit';
import type { LesionMarks, LesionTruth } from './lesion-study';

export interface LesionFigure {
	name: LesionFom;
	/** RJafroc's name of the figure (its `FOM` argument). */
	rjafrocName: string;
	/** A short human label for reports. */
	label: string;
	/** True when the figure lies in [0, 1] (confidence limits are then truncated to it). */
	boundedToUnitInterval: boolean;
	/**
	 * The cases left out one at a time by the jackknife, as RJafroc takes them: the diseased cases
	 * for lesion sensitivity, the non-diseased for NLs per image, every case otherwise.
	 */
	jackknifeCases(truth: Uint8Array): Int32Array;
	compute(truth: LesionTruth, marks: LesionMarks): FomComputation;
}
