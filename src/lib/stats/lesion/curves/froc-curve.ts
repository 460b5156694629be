// The empirical FROC curve of one reader in one modality (Bunch et al. 1977; RJafroc's
// FROCPoints): at each threshold ζ, NLF = the NL marks rated ≥ ζ over the number of cases
// (images; every case counts, diseased or not, as in RJafroc's plot) and LLF = the lesions
// localised by a mark rated ≥ ζ over the number of lesions. It starts at (0, 0) and ends at
// the lowest rating's point (NLF = all NLs per case, LLF = RJafroc's MaxLLF); unlike the AFROC
// it is not extended to any further point. Optional case multiplicities (a bootstrap resample:
// case k taken m_k times) weight every count.
import type { LesionMarks, LesionTruth } from '../lesion-study';
import { ordinateAt, type CurvePoint, type ThresholdPoint } from './curve-points';
import { addEvent, emptyEvents, operatingPoints, sortEvents } from './operating-points';

/** The FROC curve of the study, or of a resample given as case multiplicities. */
export type CurveOfResample = (multiplicity?: Float64Array) => ThresholdPoint[];

/** Sorts the marks once; each call then costs one pass. */
export function frocCurveOf(truth: LesionTruth, marks: LesionMarks): CurveOfResample {
	const cases = truth.cases.length;
	const events = emptyEvents();
	for (let k = 0; k < cases; k++)
		for (let i = marks.nlStart[k] as number; i < (marks.nlStart[k + 1] as number); i++)
			addEvent(events, k, marks.nl[i] as number, 1, 0);
	for (let l = 0; l < marks.ll.length; l++)
		addEvent(events, truth.lesionCase[l] as number, marks.ll[l] as number, 0, 1);
	const sorted = sortEvents(events);
	return (multiplicity) => {
		const m = (k: number) => (multiplicity ? (multiplicity[k] as number) : 1);
		let images = 0;
		for (let k = 0; k < cases; k++) images += m(k);
		let lesions = 0;
		for (let l = 0; l < marks.ll.length; l++) lesions += m(truth.lesionCase[l] as number);
		if (images === 0 || lesions === 0)
			throw new RangeError('an FROC curve needs at least one case and one lesion');
		return operatingPoints(sorted, images, lesions, multiplicity);
	};
}

export function frocCurve(
	truth: LesionTruth,
	marks: LesionMarks,
	multiplicity?: Float64Array
): ThresholdPoint[] {
	return frocCurveOf(truth, marks)(multiplicity);
}

/**
 * Lesion-level sensitivity at a declared number of NLs per image: the FROC curve's LLF at
 * NLF = nlf, linearly interpolated between the two empirical operating points around it (the
 * straight line the curve is drawn with; where the curve rises at exactly nlf, the top of the
 * rise). At or beyond the curve's last point, its last LLF: all marks already count, so no
 * threshold reaches further.
 */
export function sensitivityAtNlf(curve: readonly CurvePoint[], nlf: number): number {
	if (!(Number.isFinite(nlf) && nlf >= 0))
		throw new RangeError(`NLs per image must be a finite number ≥ 0, got ${nlf}`);
	return ordinateAt(curve, nlf);
}
