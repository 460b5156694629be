// Clinical operating points of a continuous score (seed 001: performance at a high-sensitivity and
// a high-specificity point besides the default threshold). A case is called positive when its
// score ≥ the threshold; the candidate thresholds are the distinct scores (and +∞, calling no case
// positive). The rule, stated in the report:
//   high sensitivity, target s: the HIGHEST threshold whose sensitivity ≥ s (the best specificity
//     among the thresholds that reach the target);
//   high specificity, target p: the LOWEST threshold whose specificity ≥ p (the best sensitivity
//     among the thresholds that reach the target).
// Sensitivity and specificity at the chosen threshold carry 95 % Wilson intervals (Newcombe 1998,
// method 3). The threshold is chosen on the same cases, so the intervals ignore that choice.
import { wilsonInterval, type ProportionEstimate } from './wilson-interval';

export type OperatingPointKind = 'high_sensitivity' | 'high_specificity';

export interface OperatingPoint {
	kind: OperatingPointKind;
	/** The declared target (a proportion in (0, 1]). */
	target: number;
	/** Call positive when score ≥ threshold; +Infinity calls no case positive. */
	threshold: number;
	sensitivity: ProportionEstimate;
	specificity: ProportionEstimate;
}

interface Counts {
	threshold: number;
	truePositive: number;
	falsePositive: number;
}

/** Cumulative counts at each candidate threshold, from +∞ down to the lowest score. */
function thresholdCounts(scores: ArrayLike<number>, truth: ArrayLike<number>): Counts[] {
	const order = Array.from({ length: scores.length }, (_, k) => k).sort(
		(a, b) => (scores[b] as number) - (scores[a] as number)
	);
	const counts: Counts[] = [{ threshold: Infinity, truePositive: 0, falsePositive: 0 }];
	let truePositive = 0;
	let falsePositive = 0;
	for (let i = 0; i < order.length; i++) {
		const k = order[i] as number;
		if (truth[k] === 1) truePositive++;
		else falsePositive++;
		const next = order[i + 1];
		// Cases tied at one score change the call together: one candidate per distinct score.
		if (next === undefined || scores[next] !== scores[k])
			counts.push({ threshold: scores[k] as number, truePositive, falsePositive });
	}
	return counts;
}

function checkInput(scores: ArrayLike<number>, truth: ArrayLike<number>, target: number) {
	if (scores.length !== truth.length)
		throw new RangeError(`${scores.length} scores but ${truth.length} truth values`);
	if (!(target > 0 && target <= 1))
		throw new RangeError(`an operating point's target must be in (0, 1], got ${target}`);
	for (let k = 0; k < truth.length; k++) {
		if (truth[k] !== 0 && truth[k] !== 1)
			throw new RangeError(`truth must be 0 or 1, got ${truth[k]} at case ${k + 1}`);
		if (!Number.isFinite(scores[k]))
			throw new RangeError(`score must be a finite number, got ${scores[k]} at case ${k + 1}`);
	}
}

/** The operating point of `kind` at `target` for scores (higher = more suspicious) against truth. */
export function operatingPoint(
	scores: ArrayLike<number>,
	truth: ArrayLike<number>,
	kind: OperatingPointKind,
	target: number
): OperatingPoint {
	checkInput(scores, truth, target);
	let positives = 0;
	for (let k = 0; k < truth.length; k++) positives += truth[k] as number;
	const negatives = truth.length - positives;
	if (positives === 0 || negatives === 0)
		throw new RangeError(
			`an operating point needs diseased and non-diseased cases, got ${positives} and ${negatives}`
		);
	const counts = thresholdCounts(scores, truth);
	const reaches = (row: Counts) =>
		kind === 'high_sensitivity'
			? row.truePositive / positives >= target
			: (negatives - row.falsePositive) / negatives >= target;
	// Counts run from the highest threshold down: sensitivity rises, specificity falls.
	const chosen = kind === 'high_sensitivity' ? counts.find(reaches) : counts.findLast(reaches);
	// The lowest threshold reaches sensitivity 1 and +∞ reaches specificity 1: one always exists.
	const row = chosen as Counts;
	return {
		kind,
		target,
		threshold: row.threshold,
		sensitivity: wilsonInterval(row.truePositive, positives),
		specificity: wilsonInterval(negatives - row.falsePositive, negatives)
	};
}
