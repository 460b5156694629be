import { describe, expect, it } from 'vitest';
import { poissonWeights } from './noncentral-f';
import { sumWeightedSeries } from './poisson-series';

// Closed forms for N ~ Poisson(μ): Σ P(N = j) = 1 and E[1/(N + 1)] = (1 − e^{−μ})/μ.
describe('sumWeightedSeries over Poisson weights', () => {
	for (const mean of [0.01, 1, 7.5, 250, 5000]) {
		it(`μ = ${mean}`, () => {
			expect(sumWeightedSeries(poissonWeights(mean), () => 1)).toBeCloseTo(1, 15);
			const expected = -Math.expm1(-mean) / mean;
			expect(sumWeightedSeries(poissonWeights(mean), (j) => 1 / (j + 1)) / expected).toBeCloseTo(
				1,
				13
			);
		});
	}
});
