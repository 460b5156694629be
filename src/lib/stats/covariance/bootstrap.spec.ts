import { describe, expect, it } from 'vitest';
import { sensitivityFom } from '../fom/sensitivity';
import { bootstrapCovariance } from './bootstrap';
import { covarianceAt } from './covariance-matrix';

// Two readers' calls on 40 diseased and 10 non-diseased cases. With resampling within truth
// class, the ideal bootstrap (B → ∞) covariance of two sensitivities is the population
// covariance of the calls over the m diseased cases divided by m: Var = p(1 − p)/m.
const m = 40;
const truth = Uint8Array.from({ length: 50 }, (_, k) => (k < m ? 1 : 0));
const readerA = Float64Array.from({ length: 50 }, (_, k) => (k < 30 ? 1 : 0)); // 30/40 = 0.75
const readerB = Float64Array.from({ length: 50 }, (_, k) => (k >= 10 && k < 36 ? 1 : 0)); // 26/40 = 0.65

describe('bootstrap covariance', () => {
	const computations = [
		sensitivityFom.compute(readerA, truth),
		sensitivityFom.compute(readerB, truth)
	];

	it('approaches the ideal bootstrap covariance p(1 − p)/m (Monte Carlo, 5 % tolerance at B = 20000)', () => {
		const matrix = bootstrapCovariance(computations, truth, { samples: 20_000, seed: 1 });
		// both call 1 on cases 10..29: P(A∧B) = 20/40 → Cov = 0.5 − 0.75·0.65 = 0.0125
		const ideal = { a: (0.75 * 0.25) / m, b: (0.65 * 0.35) / m, ab: (20 / 40 - 0.75 * 0.65) / m };
		expect(covarianceAt(matrix, 0, 0) / ideal.a).toBeCloseTo(1, 1);
		expect(covarianceAt(matrix, 1, 1) / ideal.b).toBeCloseTo(1, 1);
		expect(Math.abs(covarianceAt(matrix, 0, 1) - ideal.ab)).toBeLessThan(0.1 * ideal.a);
	});

	it('is reproducible for a seed', () => {
		const first = bootstrapCovariance(computations, truth, { samples: 200, seed: 5 });
		const again = bootstrapCovariance(computations, truth, { samples: 200, seed: 5 });
		expect(Array.from(again.values)).toEqual(Array.from(first.values));
		// …and the seed is what fixes it: another seed draws other resamples.
		expect(
			Array.from(bootstrapCovariance(computations, truth, { samples: 200, seed: 6 }).values)
		).not.toEqual(Array.from(first.values));
	});

	it('refuses fewer than two samples', () => {
		expect(() => bootstrapCovariance(computations, truth, { samples: 1, seed: 5 })).toThrow(
			'samples ≥ 2'
		);
	});
});
