// Bootstrap covariance of the figures of merit: cases are resampled with replacement within
// each truth class (so every replicate keeps the study's m diseased and n non-diseased
// cases), the same resample for every reader × modality, and the covariance of the B
// replicate figures uses the 1/(B − 1) sample estimator. Seeded (xoshiro128**), so a
// given seed reproduces the same matrix.
import { DesignError } from '../design-error';
import { casesWithTruth, type FomComputation } from '../fom/figure-of-merit';
import { createRandom } from '../random';
import { scaledCrossProduct, type CovarianceMatrix } from './covariance-matrix';

export interface BootstrapOptions {
	samples: number;
	seed: number;
}

function resampleInto(
	weights: Float64Array,
	cases: Int32Array,
	draw: (bound: number) => number
): void {
	for (let i = 0; i < cases.length; i++) {
		const k = cases[draw(cases.length)] as number;
		weights[k] = (weights[k] as number) + 1;
	}
}

/** Bootstrap covariance matrix of the groups' figures of merit. */
export function bootstrapCovariance(
	computations: FomComputation[],
	truth: Uint8Array,
	options: BootstrapOptions
): CovarianceMatrix {
	const { samples, seed } = options;
	if (!(Number.isInteger(samples) && samples >= 2)) {
		throw new DesignError(`the bootstrap needs an integer number of samples ≥ 2, got ${samples}`);
	}
	const random = createRandom(seed);
	const positives = casesWithTruth(truth, 1);
	const negatives = casesWithTruth(truth, 0);
	const replicates = computations.map(() => new Float64Array(samples));
	const weights = new Float64Array(truth.length);
	for (let b = 0; b < samples; b++) {
		weights.fill(0);
		resampleInto(weights, positives, random.integerBelow);
		resampleInto(weights, negatives, random.integerBelow);
		computations.forEach((computation, g) => {
			(replicates[g] as Float64Array)[b] = computation.weightedEstimate(weights);
		});
	}
	return scaledCrossProduct(replicates, 1 / (samples - 1));
}
