// Pairing one annotator's lesions with another's, one to one (reference standard, issue 19).
//   - Two point lesions meet the rule when their centres lie at most pointAcceptanceMm apart;
//     any other pair when their regionIoU is at least iouThreshold.
//   - Candidates: two points on a shared image (any distance), any other pair with IoU > 0.
//     Lesions with no candidate stay unpaired.
//   - The pairing is an optimal assignment (Hungarian method) that first makes as many pairs
//     meeting the rule as possible, then maximises the total similarity: the IoU, or for two
//     points 1 / (1 + distance in mm). Pairs that are candidates but miss the rule are kept (they
//     are "near misses" the caller reports). Deterministic for lesions given in the same order.
// Pure.
import type { Spacing } from '$lib/stats/lesion/match-marks';
import type { ConsensusRule } from './consensus-types';
import { centreDistanceMm, regionIoU, type RegionOnImages } from './region-overlap';

export interface PairVerdict {
	/** Both regions are points: the rule is the centre distance. */
	points: boolean;
	iou: number;
	distanceMm: number;
	meets: boolean;
	candidate: boolean;
}

export interface LesionPair extends PairVerdict {
	/** Positions in the two lists given. */
	a: number;
	b: number;
}

export function checkRule(rule: ConsensusRule): void {
	if (!(Number.isFinite(rule.iouThreshold) && rule.iouThreshold > 0 && rule.iouThreshold <= 1))
		throw new RangeError(`iouThreshold must lie in (0, 1], got ${rule.iouThreshold}`);
	if (!(Number.isFinite(rule.pointAcceptanceMm) && rule.pointAcceptanceMm >= 0))
		throw new RangeError(`pointAcceptanceMm must be ≥ 0, got ${rule.pointAcceptanceMm}`);
}

/** How two lesions compare under the rule. */
export function judgePair(
	a: RegionOnImages,
	b: RegionOnImages,
	rule: ConsensusRule,
	spacing: Spacing
): PairVerdict {
	const points = a.region.kind === 'point' && b.region.kind === 'point';
	const iou = regionIoU(a, b, spacing);
	const distanceMm = centreDistanceMm(a, b, spacing);
	if (points) {
		const meets = distanceMm <= rule.pointAcceptanceMm;
		return { points, iou, distanceMm, meets, candidate: Number.isFinite(distanceMm) };
	}
	return { points, iou, distanceMm, meets: iou >= rule.iouThreshold, candidate: iou > 0 };
}

/** The optimal one-to-one pairing of as with bs (see the top of the module), in the order of as. */
export function pairLesions(
	as: readonly RegionOnImages[],
	bs: readonly RegionOnImages[],
	rule: ConsensusRule,
	spacing: Spacing
): LesionPair[] {
	if (as.length === 0 || bs.length === 0) return [];
	const verdicts = as.map((a) => bs.map((b) => judgePair(a, b, rule, spacing)));
	const bonus = 1 + Math.min(as.length, bs.length);
	const weight = verdicts.map((row) =>
		row.map((v) => {
			if (!v.candidate) return 0;
			const similarity = v.points ? 1 / (1 + v.distanceMm) : v.iou;
			return (v.meets ? bonus : 0) + similarity;
		})
	);
	const assignment = maximumAssignment(weight);
	const pairs: LesionPair[] = [];
	assignment.forEach((b, a) => {
		if (b < 0) return;
		const verdict = (verdicts[a] as PairVerdict[])[b] as PairVerdict;
		if (verdict.candidate) pairs.push({ a, b, ...verdict });
	});
	return pairs;
}

/**
 * Hungarian method (Kuhn–Munkres with potentials, O(n³)) on the square matrix padded with zeros:
 * for each row the column it is assigned, −1 for a padding column.
 */
export function maximumAssignment(weight: readonly (readonly number[])[]): number[] {
	const rows = weight.length;
	const cols = Math.max(0, ...weight.map((row) => row.length));
	const n = Math.max(rows, cols);
	const top = Math.max(0, ...weight.flat());
	const cost = (i: number, j: number): number => top - (weight[i]?.[j] ?? 0);
	// 1-based arrays as in the classic formulation; column 0 is the virtual start.
	const u = new Array<number>(n + 1).fill(0);
	const v = new Array<number>(n + 1).fill(0);
	const rowOf = new Array<number>(n + 1).fill(0);
	const way = new Array<number>(n + 1).fill(0);
	for (let i = 1; i <= n; i += 1) {
		rowOf[0] = i;
		let column = 0;
		const least = new Array<number>(n + 1).fill(Infinity);
		const used = new Array<boolean>(n + 1).fill(false);
		do {
			used[column] = true;
			const row = rowOf[column] as number;
			let delta = Infinity;
			let next = 0;
			for (let j = 1; j <= n; j += 1) {
				if (used[j]) continue;
				const reduced = cost(row - 1, j - 1) - (u[row] as number) - (v[j] as number);
				if (reduced < (least[j] as number)) {
					least[j] = reduced;
					way[j] = column;
				}
				if ((least[j] as number) < delta) {
					delta = least[j] as number;
					next = j;
				}
			}
			for (let j = 0; j <= n; j += 1) {
				if (used[j]) {
					u[rowOf[j] as number] = (u[rowOf[j] as number] as number) + delta;
					v[j] = (v[j] as number) - delta;
				} else least[j] = (least[j] as number) - delta;
			}
			column = next;
		} while (rowOf[column] !== 0);
		do {
			const previous = way[column] as number;
			rowOf[column] = rowOf[previous] as number;
			column = previous;
		} while (column !== 0);
	}
	const result = new Array<number>(rows).fill(-1);
	for (let j = 1; j <= n; j += 1) {
		const row = (rowOf[j] as number) - 1;
		if (row < rows && j - 1 < cols) result[row] = j - 1;
	}
	return result;
}
