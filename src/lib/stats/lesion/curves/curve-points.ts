// Empirical operating characteristics as polylines: the points in order, joined by straight
// lines (RJafroc's PlotEmpiricalOperatingCharacteristics draws them so). Marks tied at one
// rating move the curve along a diagonal, so the trapezoidal area under an AFROC or wAFROC
// polyline is its figure of merit with ties counting ½. Where a curve rises vertically (several
// points at one abscissa) its ordinate at that abscissa is the top of the rise: the best the
// reader achieves without exceeding the abscissa.

export interface CurvePoint {
	/** Abscissa: NLF (FROC) or FPF (AFROC, wAFROC). */
	x: number;
	/** Ordinate: LLF, or the weighted LLF (wAFROC). */
	y: number;
}

export interface ThresholdPoint extends CurvePoint {
	/** The rating at or above which marks count; +∞ for the (0, 0) point, −∞ for an appended (1, 1). */
	threshold: number;
}

/** Trapezoidal area under the polyline (points ordered by abscissa). */
export function curveArea(points: readonly CurvePoint[]): number {
	let area = 0;
	for (let i = 1; i < points.length; i++) {
		const [a, b] = [points[i - 1] as CurvePoint, points[i] as CurvePoint];
		area += ((b.x - a.x) * (a.y + b.y)) / 2;
	}
	return area;
}

/** The ordinate just left and just right of x (they differ where the curve rises vertically). */
function around(points: readonly CurvePoint[], x: number): { left: number; right: number } {
	let left = NaN;
	let right = NaN;
	for (let i = 0; i < points.length; i++) {
		const point = points[i] as CurvePoint;
		if (point.x === x) {
			if (Number.isNaN(left)) left = point.y;
			right = point.y;
		} else if (point.x > x) {
			if (Number.isNaN(left) && i > 0) {
				const previous = points[i - 1] as CurvePoint;
				left = right =
					previous.y + ((x - previous.x) / (point.x - previous.x)) * (point.y - previous.y);
			}
			break;
		}
	}
	return { left, right };
}

/**
 * The curve's ordinate at abscissa x by linear interpolation between the neighbouring
 * operating points; at an abscissa where the curve rises vertically, the top of the rise.
 * Beyond the last point, the last ordinate (no lower threshold exists: every mark already
 * counts). Throws for x below the first point's abscissa.
 */
export function ordinateAt(points: readonly CurvePoint[], x: number): number {
	const first = points[0];
	const last = points[points.length - 1];
	if (!first || !last) throw new RangeError('an empty curve has no ordinate');
	if (!(x >= first.x))
		throw new RangeError(`abscissa ${x} lies left of the curve's start ${first.x}`);
	if (x >= last.x) return last.y;
	// The last point at or left of x (binary search), then the segment to its successor.
	let low = 0;
	let high = points.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >>> 1;
		if ((points[middle] as CurvePoint).x <= x) low = middle;
		else high = middle - 1;
	}
	const [a, b] = [points[low] as CurvePoint, points[low + 1] as CurvePoint];
	if (a.x === x) return a.y;
	return a.y + ((x - a.x) / (b.x - a.x)) * (b.y - a.y);
}

/**
 * The vertical average of curves: at each abscissa, the mean of the curves' ordinates — what
 * RJafroc's PlotEmpiricalOperatingCharacteristics draws for several readers (AvgFROCPoints,
 * AvgAFROCPoints, AvgwAFROCPoints: every reader's curve interpolated linearly at common
 * abscissae, then the ordinates averaged; marks are not pooled across readers). RJafroc samples a
 * grid (1,001 abscissae) and its `approx(ties = min)` takes the foot of a vertical rise; here the
 * mean is evaluated exactly at the union of the curves' abscissae, from the left and from the
 * right of each, so it is the mean of the polylines themselves and its area is the mean of
 * their areas. Like RJafroc, the average stops at `upTo` (for FROC curves: the smallest of the
 * curves' last abscissae, beyond which some reader has no operating point).
 */
export function verticalAverage(
	curves: readonly (readonly CurvePoint[])[],
	upTo = Math.min(...curves.map((curve) => (curve[curve.length - 1] as CurvePoint).x))
): CurvePoint[] {
	if (curves.length === 0) throw new RangeError('vertical averaging needs at least one curve');
	const grid = [...new Set(curves.flatMap((curve) => curve.map((point) => point.x)))]
		.filter((x) => x <= upTo)
		.concat(upTo)
		.sort((a, b) => a - b);
	const average: CurvePoint[] = [];
	for (const x of new Set(grid)) {
		let left = 0;
		let right = 0;
		for (const curve of curves) {
			if (x < (curve[0] as CurvePoint).x)
				throw new RangeError('the curves must share their starting abscissa');
			const value = around(curve, x);
			left += value.left;
			right += value.right;
		}
		average.push({ x, y: left / curves.length });
		if (right !== left) average.push({ x, y: right / curves.length });
	}
	return average;
}
