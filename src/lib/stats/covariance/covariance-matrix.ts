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
	for (let a = 0; a < size; a++) {
		const left = centred[a] as Float64Array;
		for (let b = a; b < size; b++) {
			const right = centred[b] as Float64Array;
			let sum = 0;
			for (let k = 0; k < left.length; k++) sum += (left[k] as number) * (right[k] as number);
			values[a * size + b] = scale * sum;
			values[b * size + a] = scale * sum;
		}
	}
	return { size, values };
}
