// The empirical LROC curve (Swensson 1996; Chakraborty 2017, ch. on LROC; RJafroc 2.1.3's
// LrocFoms) and its two figures: PCL, the probability of correct localisation at a declared
// false-positive fraction, and ALROC, the area under the LROC from FPF 0 to that fraction.
//
// Ratings, as RJafroc's DfFroc2Lroc takes them from marks: a non-diseased case's false positive
// is its highest NL (−∞ unmarked); a diseased case is correctly localised (CL) when its highest
// LL is rated above every NL on it — its one LROC mark is on the lesion — and its CL rating is
// then that LL's; otherwise (an incorrect localisation, or no mark) it never counts as a CL.
// The curve's operating points are, for every distinct finite rating v from the highest down,
// (FPF, PCL) = (#FP ≥ v / K1, #CL ≥ v / K2), from (0, 0); after the last (every mark counted) it
// runs flat to FPF = 1. Cases count with multiplicities (1 each; 0 to leave a case out; the
// bootstrap's counts), so one routine gives the estimate, the jackknife and the bootstrap.
//
// PCL at x is RJafroc's linear interpolation: between the last point with FPF < x (the highest
// such PCL) and the first with FPF ≥ x (the lowest such PCL). ALROC is the trapezoidal area
// under the points with FPF < x and (x, PCL(x)).
// One difference from RJafroc 2.1.3: its LrocOperatingPointsFromRatings counts ratings strictly
// above each distinct rating, so the point of the lowest finite rating is missing from its curve
// and CLs given that rating never count (on data it converts from FROC marks the lowest rating
// is an artificial one below every mark, and the two agree).
import { DesignError } from '../design-error';
import { highestNl, type LesionMarks, type LesionTruth } from './lesion-study';

/** The LROC ratings: one per case, the FP (non-diseased) or the CL rating (diseased). */
export function lrocRatings(truth: LesionTruth, marks: LesionMarks): Float64Array {
	const rating = highestNl(marks);
	for (let k = 0; k < truth.cases.length; k++) {
		if (truth.truth[k] === 0) continue;
		let ll = -Infinity;
		for (let l = truth.lesionStart[k] as number; l < (truth.lesionStart[k + 1] as number); l++)
			if ((marks.ll[l] as number) > ll) ll = marks.ll[l] as number;
		rating[k] = ll > (rating[k] as number) ? ll : -Infinity;
	}
	return rating;
}

/** The finite ratings sorted from the highest, with their cases (computed once per reader). */
export interface SortedRatings {
	values: Float64Array;
	cases: Int32Array;
}

export function sortRatings(ratings: Float64Array): SortedRatings {
	const order = Array.from(ratings.keys())
		.filter((k) => (ratings[k] as number) > -Infinity)
		.sort((a, b) => (ratings[b] as number) - (ratings[a] as number) || a - b);
	return {
		values: Float64Array.from(order, (k) => ratings[k] as number),
		cases: Int32Array.from(order)
	};
}

export interface LrocPoints {
	fpf: number[];
	pcl: number[];
}

/** The operating points, (0, 0) first, FPF = 1 last. */
export function lrocPoints(
	sorted: SortedRatings,
	truth: Uint8Array,
	multiplicity: Float64Array | null
): LrocPoints {
	const weight = (k: number) => (multiplicity ? (multiplicity[k] as number) : 1);
	let normal = 0;
	let diseased = 0;
	for (let k = 0; k < truth.length; k++)
		if (truth[k] === 1) diseased += weight(k);
		else normal += weight(k);
	if (normal === 0 || diseased === 0)
		throw new DesignError('the LROC figures need at least one diseased and one non-diseased case');
	const fpf = [0];
	const pcl = [0];
	let fp = 0;
	let cl = 0;
	const { values, cases } = sorted;
	for (let i = 0; i < values.length; i++) {
		const k = cases[i] as number;
		if (truth[k] === 1) cl += weight(k);
		else fp += weight(k);
		if (i + 1 === values.length || values[i + 1] !== values[i]) {
			fpf.push(fp / normal);
			pcl.push(cl / diseased);
		}
	}
	if ((fpf[fpf.length - 1] as number) < 1) {
		fpf.push(1);
		pcl.push(pcl[pcl.length - 1] as number);
	}
	return { fpf, pcl };
}

/** PCL at FPF x and the area under the LROC from 0 to x (0 < x ≤ 1). */
export function lrocAt(points: LrocPoints, x: number): { pcl: number; area: number } {
	const { fpf, pcl } = points;
	let upper = 0;
	while ((fpf[upper] as number) < x) upper++;
	const lower = upper - 1;
	const lowerX = fpf[lower] as number;
	const lowerY = pcl[lower] as number;
	const f = (x - lowerX) / ((fpf[upper] as number) - lowerX);
	const value = lowerY + f * ((pcl[upper] as number) - lowerY);
	let area = 0;
	for (let i = 1; i <= lower; i++)
		area +=
			(((fpf[i] as number) - (fpf[i - 1] as number)) *
				((pcl[i] as number) + (pcl[i - 1] as number))) /
			2;
	area += ((x - lowerX) * (value + lowerY)) / 2;
	return { pcl: value, area };
}
