// A K × K covariance matrix of the reader × modality figures of merit, stored row-major.
// Group g = modality · readers + reader (the order MRMCaov's interaction(test, reader) uses).

export interface CovarianceMatrix {
	size: number;
	values: Float64Array;
}

/** Element (a, b). */
export function covarianceAt(matrix: CovarianceMatrix, a: number, b: number): number {
	return matrix.values[a * matrix.size + b] as number;
}

/**
 * scale · Σ_k (x_a[k] − x̄_a)(x_b[k] − x̄_b) for every pair of series (each a Float64Array of
 * the same length): the common kernel of the jackknife, DeLong and bootstrap estimators.
 */
export function scaledCrossProduct(
	series: Float64Array[],
	scale: number,
	centre = true
): CovarianceMatrix {
	const size = series.length;
	const centred = series.map((values) => {
		if (!centre) return values;
		let sum = 0;
		for (let k = 0; k < values.length; k++) sum += values[k] as number;
		const mean = sum / values.length;
		const out = new Float64Array(values.length);
		for (let k = 0; k < values.length; k++) out[k] = (values[k] as number) - mean;
		return out;
	});
	const values = new Float64Array(size * size);
	const store = (a: number, b: number, sum: number) => {
		values[a * size + b] = scale * sum;
		values[b * size + a] = scale * sum;
	};
	for (let a = 0; a < size; a++) {
		const left = centred[a] as Float64Array;
		let b = a;
		// Four sums at a time share each load of left[k]; each is still added up in case order.
		for (; b + 3 < size; b += 4) {
			const sums = fourDotProducts(left, centred, b);
			for (let i = 0; i < 4; i++) store(a, b + i, sums[i] as number);
		}
		for (; b < size; b++) store(a, b, dotProduct(left, centred[b] as Float64Array));
	}
	return { size, values };
}

function dotProduct(left: Float64Array, right: Float64Array): number {
	let sum = 0;
	for (let k = 0; k < left.length; k++) sum += (left[k] as number) * (right[k] as number);
	return sum;
}

function fourDotProducts(left: Float64Array, series: Float64Array[], from: number): number[] {
	const [r0, r1, r2, r3] = [from, from + 1, from + 2, from + 3].map(
		(index) => series[index] as Float64Array
	) as [Float64Array, Float64Array, Float64Array, Float64Array];
	let [s0, s1, s2, s3] = [0, 0, 0, 0];
	for (let k = 0; k < left.length; k++) {
		const x = left[k] as number;
		s0 += x * (r0[k] as number);
		s1 += x * (r1[k] as number);
		s2 += x * (r2[k] as number);
		s3 += x * (r3[k] as number);
	}
	return [s0, s1, s2, s3];
}
