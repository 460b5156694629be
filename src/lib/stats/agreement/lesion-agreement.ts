// Lesion-level agreement between two annotators over many cases (reference standard, issue 19):
//   - on each case their lesions are paired one to one as in the consensus
//     (design/reference-standard/lesion-pairing.ts: an optimal assignment under the rule: two
//     points within pointAcceptanceMm, any other pair with regionIoU ≥ iouThreshold);
//   - matched: the pairs meeting the rule; onlyA / onlyB: the lesions of A / B not in one;
//   - F1 = 2 · matched / (|A| + |B|) (the Dice coefficient of the two sets of lesions); 1 when
//     neither annotator outlined any lesion (nothing to disagree on, the usual convention);
//   - ious: the IoU of every matched pair that is not two points (points are matched by their
//     distance, and their discs' overlap says little), in the order of the cases.
// iouSummary: n, min, max and the quartiles by R's default quantile (type 7, Hyndman & Fan 1996):
// for p in [0, 1] and the sorted values x₁ ≤ … ≤ xₙ, h = (n − 1)·p, Q(p) = x⌊h⌋₊₁ + (h − ⌊h⌋)·
// (x⌊h⌋₊₂ − x⌊h⌋₊₁); all null for no values. Pure.
import type { ConsensusRule } from '$lib/design/reference-standard/consensus-types';
import { checkRule, pairLesions } from '$lib/design/reference-standard/lesion-pairing';
import type { RegionOnImages } from '$lib/design/reference-standard/region-overlap';
import type { Spacing } from '$lib/stats/lesion/match-marks';

export interface LesionAgreement {
	matched: number;
	onlyA: number;
	onlyB: number;
	f1: number;
	ious: number[];
}

export interface IouSummary {
	n: number;
	median: number | null;
	q1: number | null;
	q3: number | null;
	min: number | null;
	max: number | null;
}

export function lesionAgreement(
	pairs: Array<{ a: RegionOnImages[]; b: RegionOnImages[]; spacing: Spacing }>,
	rule: ConsensusRule
): LesionAgreement {
	checkRule(rule);
	let [matched, countA, countB] = [0, 0, 0];
	const ious: number[] = [];
	for (const { a, b, spacing } of pairs) {
		countA += a.length;
		countB += b.length;
		for (const pair of pairLesions(a, b, rule, spacing)) {
			if (!pair.meets) continue;
			matched += 1;
			if (!pair.points) ious.push(pair.iou);
		}
	}
	const total = countA + countB;
	return {
		matched,
		onlyA: countA - matched,
		onlyB: countB - matched,
		f1: total === 0 ? 1 : (2 * matched) / total,
		ious
	};
}

export function iouSummary(ious: number[]): IouSummary {
	if (ious.some((iou) => !Number.isFinite(iou)))
		throw new RangeError('every IoU must be a finite number');
	const sorted = [...ious].sort((p, q) => p - q);
	const n = sorted.length;
	if (n === 0) return { n, median: null, q1: null, q3: null, min: null, max: null };
	return {
		n,
		median: quantile(sorted, 0.5),
		q1: quantile(sorted, 0.25),
		q3: quantile(sorted, 0.75),
		min: sorted[0] as number,
		max: sorted[n - 1] as number
	};
}

/** Type 7 on sorted values (see the top of the module). */
function quantile(sorted: number[], p: number): number {
	const h = (sorted.length - 1) * p;
	const low = Math.floor(h);
	const below = sorted[low] as number;
	const above = sorted[Math.min(low + 1, sorted.length - 1)] as number;
	return below + (h - low) * (above - below);
}
