// The AI's precision–recall curve and average precision over the lesions. A candidate that
// localises a lesion (its LL) is a true positive; every other candidate (an NL, including a
// second candidate on a lesion already localised) is a false positive. At each threshold — one
// point per distinct score, from the highest down, candidates tied at a score entering together
// — recall = TP / lesions (a missed lesion, or one on a failed case, counts) and precision =
// TP / (TP + FP).
//
// Average precision is the all-point interpolated AP of PASCAL VOC 2010–2012 (not COCO's
// 101-point sampling): AP = Σᵢ (rᵢ − rᵢ₋₁) · maxⱼ≥ᵢ pⱼ with r₀ = 0, the area under the curve
// whose precision is made non-increasing in recall. Recall never reached counts 0, so a detector
// that misses lesions at every score loses their share.
//
// For one lesion type, the lesions of that type are the positives, the candidates localising
// them the true positives, and every NL a false positive; candidates on lesions of other types
// are set aside (the AI reports no type, so they are neither right nor wrong for this one).
import type { LesionMarks, LesionTruth } from '../lesion-study';

export interface PrPoint {
	recall: number;
	precision: number;
	/** Candidates scored at or above this count. */
	threshold: number;
}

export interface PrecisionRecall {
	points: PrPoint[];
	/** NaN when there is no positive lesion. */
	averagePrecision: number;
}

export interface PrOptions {
	/** Case multiplicities (a bootstrap resample); default every case once. */
	multiplicity?: Float64Array;
	/** The lesions that are positives (default all). */
	lesion?: (l: number) => boolean;
}

/** The candidates sorted once by score (highest first), for repeated evaluation. */
export interface PreparedCandidates {
	scores: Float64Array;
	/** The lesion localised, or −1 for an NL. */
	lesion: Int32Array;
	caseOf: Int32Array;
	truth: LesionTruth;
}

export function prepareCandidates(truth: LesionTruth, marks: LesionMarks): PreparedCandidates {
	const scores: number[] = [];
	const lesion: number[] = [];
	const caseOf: number[] = [];
	for (let k = 0; k < truth.cases.length; k++)
		for (let i = marks.nlStart[k] as number; i < (marks.nlStart[k + 1] as number); i++) {
			scores.push(marks.nl[i] as number);
			lesion.push(-1);
			caseOf.push(k);
		}
	marks.ll.forEach((score, l) => {
		if (score === -Infinity) return;
		scores.push(score);
		lesion.push(l);
		caseOf.push(truth.lesionCase[l] as number);
	});
	const order = Array.from(scores.keys()).sort(
		(a, b) => (scores[b] as number) - (scores[a] as number) || a - b
	);
	return {
		scores: Float64Array.from(order, (i) => scores[i] as number),
		lesion: Int32Array.from(order, (i) => lesion[i] as number),
		caseOf: Int32Array.from(order, (i) => caseOf[i] as number),
		truth
	};
}

export function precisionRecall(
	prepared: PreparedCandidates,
	options: PrOptions = {}
): PrecisionRecall {
	const { scores, lesion, caseOf, truth } = prepared;
	const m = (k: number) => (options.multiplicity ? (options.multiplicity[k] as number) : 1);
	const positive = options.lesion ?? (() => true);
	let positives = 0;
	for (let l = 0; l < truth.lesionCase.length; l++)
		if (positive(l)) positives += m(truth.lesionCase[l] as number);
	const points: PrPoint[] = [];
	if (positives === 0) return { points, averagePrecision: NaN };
	let tp = 0;
	let fp = 0;
	for (let i = 0; i < scores.length;) {
		const threshold = scores[i] as number;
		let changed = false;
		for (; i < scores.length && scores[i] === threshold; i++) {
			const weight = m(caseOf[i] as number);
			const l = lesion[i] as number;
			if (weight === 0 || (l >= 0 && !positive(l))) continue;
			if (l >= 0) tp += weight;
			else fp += weight;
			changed = true;
		}
		if (changed) points.push({ recall: tp / positives, precision: tp / (tp + fp), threshold });
	}
	return { points, averagePrecision: averagePrecision(points) };
}

/** All-point interpolated AP (VOC 2010–2012) of PR points ordered by threshold, highest first. */
export function averagePrecision(points: readonly PrPoint[]): number {
	let area = 0;
	let envelope = 0;
	// From the lowest threshold up: the running maximum of precision is the interpolated one.
	for (let i = points.length - 1; i >= 0; i--) {
		const point = points[i] as PrPoint;
		envelope = Math.max(envelope, point.precision);
		const previousRecall = i > 0 ? (points[i - 1] as PrPoint).recall : 0;
		area += (point.recall - previousRecall) * envelope;
	}
	return area;
}

/**
 * The average precision of several positive sets at once, in one pass over the candidates (for
 * the bootstrap; the buffers are allocated once): slot 0 is every lesion; slot g + 1 the lesions
 * with lesionGroup[l] = g (−1: in no group). Equal to precisionRecall(…).averagePrecision for
 * each set.
 */
export function averagePrecisionsOf(
	prepared: PreparedCandidates,
	lesionGroup: Int32Array,
	groups: number
): (multiplicity?: Float64Array) => Float64Array {
	const { scores, lesion, caseOf, truth } = prepared;
	const slots = groups + 1;
	const n = scores.length;
	const recall = new Float64Array(slots * n);
	const precision = new Float64Array(slots * n);
	const count = new Int32Array(slots);
	const positives = new Float64Array(slots);
	const tp = new Float64Array(slots);
	const gained = new Float64Array(slots);
	return (multiplicity) => {
		positives.fill(0);
		tp.fill(0);
		count.fill(0);
		for (let l = 0; l < lesionGroup.length; l++) {
			const m = multiplicity ? (multiplicity[truth.lesionCase[l] as number] as number) : 1;
			positives[0] = (positives[0] as number) + m;
			const g = lesionGroup[l] as number;
			if (g >= 0) positives[g + 1] = (positives[g + 1] as number) + m;
		}
		let fp = 0;
		for (let i = 0; i < n;) {
			const threshold = scores[i] as number;
			for (let s = 0; s < slots; s++) gained[s] = 0;
			let fpGained = 0;
			for (; i < n && scores[i] === threshold; i++) {
				const m = multiplicity ? (multiplicity[caseOf[i] as number] as number) : 1;
				const l = lesion[i] as number;
				if (l < 0) fpGained += m;
				else {
					gained[0] = (gained[0] as number) + m;
					const g = lesionGroup[l] as number;
					if (g >= 0) gained[g + 1] = (gained[g + 1] as number) + m;
				}
			}
			fp += fpGained;
			for (let s = 0; s < slots; s++) {
				if (gained[s] === 0 && fpGained === 0) continue;
				tp[s] = (tp[s] as number) + (gained[s] as number);
				const at = s * n + (count[s] as number);
				recall[at] = (tp[s] as number) / (positives[s] as number);
				precision[at] = (tp[s] as number) / ((tp[s] as number) + fp);
				count[s] = (count[s] as number) + 1;
			}
		}
		const result = new Float64Array(slots);
		for (let s = 0; s < slots; s++) {
			if (positives[s] === 0) {
				result[s] = NaN;
				continue;
			}
			let area = 0;
			let envelope = 0;
			for (let i = (count[s] as number) - 1; i >= 0; i--) {
				const at = s * n + i;
				envelope = Math.max(envelope, precision[at] as number);
				area += ((recall[at] as number) - (i > 0 ? (recall[at - 1] as number) : 0)) * envelope;
			}
			result[s] = area;
		}
		return result;
	};
}
