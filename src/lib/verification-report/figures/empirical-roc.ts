// Empirical ROC curves: the operating points of one reader's ratings, their trapezoidal
// area, and the vertical average over readers drawn in the ROC figure.
//
// A curve here is the polyline through its points in order. Cases tied at one rating move
// the curve along a diagonal segment (both rates at once), so the trapezoidal area under the
// polyline is the Wilcoxon–Mann–Whitney AUC with ties counting ½ (Hanley & McNeil 1982,
// Radiology 143:29) — the empirical AUC of ../../stats/fom/empirical-auc.ts.

export interface RocPoint {
	/** False-positive fraction, 1 − specificity. */
	fpr: number;
	/** True-positive fraction, sensitivity. */
	tpr: number;
}

export interface RocThresholdPoint extends RocPoint {
	/** Call a case positive when its rating ≥ threshold; +Infinity for the (0, 0) point. */
	threshold: number;
}

/**
 * ROC points of ratings (higher = more suspicious) against truth (1 diseased, 0 not): (0, 0),
 * then one point per distinct rating from the highest down, ending at (1, 1).
 */
export function empiricalRocPoints(
	ratings: Float64Array | readonly number[],
	truth: Uint8Array | readonly number[]
): RocThresholdPoint[] {
	if (ratings.length !== truth.length)
		throw new RangeError(
			`ratings (${ratings.length}) and truth (${truth.length}) differ in length`
		);
	let positives = 0;
	for (let k = 0; k < truth.length; k++) {
		const value = truth[k];
		if (value !== 0 && value !== 1)
			throw new RangeError(`truth must be 0 or 1, got ${value} at case ${k}`);
		if (!Number.isFinite(ratings[k]))
			throw new RangeError(`rating must be a finite number, got ${ratings[k]} at case ${k}`);
		positives += value;
	}
	const negatives = truth.length - positives;
	if (positives === 0 || negatives === 0)
		throw new RangeError('an ROC curve needs at least one diseased and one non-diseased case');
	const order = Array.from({ length: ratings.length }, (_, k) => k).sort(
		(a, b) => (ratings[b] as number) - (ratings[a] as number)
	);
	const points: RocThresholdPoint[] = [{ fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY }];
	let truePositives = 0;
	let falsePositives = 0;
	for (let i = 0; i < order.length;) {
		const threshold = ratings[order[i] as number] as number;
		// Every case at this rating turns positive together: one step, diagonal if mixed.
		for (; i < order.length && ratings[order[i] as number] === threshold; i++) {
			if (truth[order[i] as number] === 1) truePositives++;
			else falsePositives++;
		}
		points.push({ fpr: falsePositives / negatives, tpr: truePositives / positives, threshold });
	}
	return points;
}

/** Check that `points` is a complete ROC curve: from (0, 0) to (1, 1), both rates non-decreasing in [0, 1]. */
export function assertRocCurve(points: readonly RocPoint[], what = 'ROC curve'): void {
	const first = points[0];
	const last = points[points.length - 1];
	if (!first || !last || first.fpr !== 0 || first.tpr !== 0 || last.fpr !== 1 || last.tpr !== 1) {
		throw new RangeError(`${what} must start at (0, 0) and end at (1, 1)`);
	}
	for (let i = 1; i < points.length; i++) {
		const previous = points[i - 1] as RocPoint;
		const point = points[i] as RocPoint;
		if (!(
			point.fpr >= previous.fpr &&
			point.tpr >= previous.tpr &&
			point.fpr <= 1 &&
			point.tpr <= 1
		)) {
			throw new RangeError(
				`${what} must have non-decreasing FPR and TPR within [0, 1] (point ${i})`
			);
		}
	}
}

/** Trapezoidal area under the polyline through `points` (ordered by FPR). */
export function rocArea(points: readonly RocPoint[]): number {
	let area = 0;
	for (let i = 1; i < points.length; i++) {
		const previous = points[i - 1] as RocPoint;
		const point = points[i] as RocPoint;
		area += ((point.fpr - previous.fpr) * (point.tpr + previous.tpr)) / 2;
	}
	return area;
}

/** TPR of a curve just left and just right of `fpr` (they differ where the curve rises vertically). */
function tprAround(points: readonly RocPoint[], fpr: number): { left: number; right: number } {
	let left = Number.NaN;
	let right = Number.NaN;
	for (let i = 0; i < points.length; i++) {
		const point = points[i] as RocPoint;
		if (point.fpr === fpr) {
			if (Number.isNaN(left)) left = point.tpr;
			right = point.tpr;
		} else if (point.fpr > fpr) {
			if (Number.isNaN(left)) {
				// fpr lies strictly inside the segment from points[i − 1] to points[i].
				const previous = points[i - 1] as RocPoint;
				const t = (fpr - previous.fpr) / (point.fpr - previous.fpr);
				left = right = previous.tpr + t * (point.tpr - previous.tpr);
			}
			break;
		}
	}
	return { left, right };
}

/**
 * Vertical average of ROC curves: at every FPR, the mean over curves of their TPR.
 *
 * Each curve is linear between its own FPR values, so the mean is linear between the union of
 * all curves' FPR values; at each of those it is evaluated from the left and from the right
 * (two points where some curve rises vertically). The result is therefore exact, not sampled on
 * a grid, and its trapezoidal area equals the mean of the curves' areas — the reader-averaged
 * empirical AUC.
 */
export function verticalAverage(curves: readonly (readonly RocPoint[])[]): RocPoint[] {
	if (curves.length === 0) throw new RangeError('vertical averaging needs at least one curve');
	const grid = [...new Set(curves.flatMap((curve) => curve.map((point) => point.fpr)))].sort(
		(a, b) => a - b
	);
	const average: RocPoint[] = [];
	for (const fpr of grid) {
		let left = 0;
		let right = 0;
		for (const curve of curves) {
			const around = tprAround(curve, fpr);
			left += around.left;
			right += around.right;
		}
		left /= curves.length;
		right /= curves.length;
		average.push({ fpr, tpr: left });
		if (right !== left) average.push({ fpr, tpr: right });
	}
	return average;
}

/** TPR of a curve at `fpr`; where it rises vertically, the top of the rise. */
export function tprAt(points: readonly RocPoint[], fpr: number): number {
	return tprAround(points, fpr).right;
}
