// The precision–recall curve of a case-level score (the AI's score per case against the truth):
// at each threshold — one point per distinct score, from the highest down, tied cases entering
// together — recall = TP / diseased cases and precision = TP / (TP + FP), i.e. sensitivity and
// positive predictive value. Its average precision is the all-point interpolated AP of PASCAL VOC
// 2010–2012, as for the AI's lesion candidates (../lesion/standalone/precision-recall.ts).
import {
	averagePrecision,
	type PrecisionRecall,
	type PrPoint
} from '../lesion/standalone/precision-recall';

export function casePrecisionRecall(
	scores: ArrayLike<number>,
	truth: ArrayLike<number>
): PrecisionRecall {
	if (scores.length !== truth.length)
		throw new RangeError(`${scores.length} scores but ${truth.length} truth values`);
	let positives = 0;
	for (let k = 0; k < truth.length; k++) {
		if (truth[k] !== 0 && truth[k] !== 1)
			throw new RangeError(`truth must be 0 or 1, got ${truth[k]} at case ${k + 1}`);
		if (!Number.isFinite(scores[k]))
			throw new RangeError(`score must be a finite number, got ${scores[k]} at case ${k + 1}`);
		positives += truth[k] as number;
	}
	if (positives === 0)
		throw new RangeError('a precision–recall curve needs at least one diseased case');
	const order = Array.from({ length: scores.length }, (_, k) => k).sort(
		(a, b) => (scores[b] as number) - (scores[a] as number)
	);
	const points: PrPoint[] = [];
	let truePositive = 0;
	let falsePositive = 0;
	for (let i = 0; i < order.length; i++) {
		const k = order[i] as number;
		if (truth[k] === 1) truePositive++;
		else falsePositive++;
		const next = order[i + 1];
		if (next === undefined || scores[next] !== scores[k])
			points.push({
				threshold: scores[k] as number,
				recall: truePositive / positives,
				precision: truePositive / (truePositive + falsePositive)
			});
	}
	return { points, averagePrecision: averagePrecision(points) };
}
