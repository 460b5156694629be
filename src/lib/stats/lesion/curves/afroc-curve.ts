// The empirical AFROC and wAFROC curves of one reader in one modality (Chakraborty 2017, ch. 13;
// RJafroc's AFROCPoints and wAFROCPoints): at each threshold ζ, FPF = the non-diseased cases
// whose highest NL is rated ≥ ζ over the number of non-diseased cases, and
//   AFROC:  LLF  = the lesions localised by a mark rated ≥ ζ over the number of lesions;
//   wAFROC: wLLF = the declared weights of those lesions over the number of diseased cases.
// From (0, 0) through one point per distinct rating, then the straight line to (1, 1): the
// trapezoidal area under it is the AFROC / wAFROC figure of merit (afroc.ts, wafroc.ts), the
// final segment carrying the unmarked (−∞) lesions and cases, which tie (½). Optional case
// multiplicities (a bootstrap resample) weight every count.
import type { LesionMarks, LesionTruth } from '../lesion-study';
import { highestNl, lesionCounts } from '../lesion-study';
import type { ThresholdPoint } from './curve-points';
import type { CurveOfResample } from './froc-curve';
import { addEvent, emptyEvents, operatingPoints, sortEvents } from './operating-points';

export type AfrocWeighting = 'declared' | 'equal';

/** Sorts the marks once; each call then costs one pass. */
export function afrocCurveOf(
	truth: LesionTruth,
	marks: LesionMarks,
	weighting: AfrocWeighting
): CurveOfResample {
	const cases = truth.cases.length;
	const highest = highestNl(marks);
	const counts = lesionCounts(truth);
	const events = emptyEvents();
	for (let k = 0; k < cases; k++)
		if (truth.truth[k] === 0) addEvent(events, k, highest[k] as number, 1, 0);
	for (let l = 0; l < marks.ll.length; l++) {
		const weight = weighting === 'declared' ? (truth.weights[l] as number) : 1;
		addEvent(events, truth.lesionCase[l] as number, marks.ll[l] as number, 0, weight);
	}
	const sorted = sortEvents(events);
	return (multiplicity) => {
		let normal = 0;
		let lesionTotal = 0;
		for (let k = 0; k < cases; k++) {
			const m = multiplicity ? (multiplicity[k] as number) : 1;
			if (truth.truth[k] === 0) normal += m;
			else lesionTotal += m * (weighting === 'declared' ? 1 : (counts[k] as number));
		}
		if (normal === 0 || lesionTotal === 0)
			throw new RangeError('an AFROC curve needs at least one diseased and one non-diseased case');
		const points = operatingPoints(sorted, normal, lesionTotal, multiplicity);
		const last = points[points.length - 1] as ThresholdPoint;
		if (last.x !== 1 || last.y !== 1) points.push({ x: 1, y: 1, threshold: -Infinity });
		return points;
	};
}

export function afrocCurve(
	truth: LesionTruth,
	marks: LesionMarks,
	weighting: AfrocWeighting,
	multiplicity?: Float64Array
): ThresholdPoint[] {
	return afrocCurveOf(truth, marks, weighting)(multiplicity);
}

/** The wAFROC curve: lesions weighted as declared. */
export function wafrocCurve(
	truth: LesionTruth,
	marks: LesionMarks,
	multiplicity?: Float64Array
): ThresholdPoint[] {
	return afrocCurve(truth, marks, 'declared', multiplicity);
}
