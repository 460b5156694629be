import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { empiricalAuc, empiricalAucFom } from '../fom/empirical-auc';
import { covarianceAt } from './covariance-matrix';
import { jackknifeCovariance, pseudovalues } from './jackknife';

describe('jackknife covariance', () => {
	it('reproduces a hand computation: ((n − 1)/n) Σ (θ_(k) − θ̄)² = 503/12096', () => {
		// Diseased 3, 5, 2; non-diseased 1, 3, 2, 2. Leave-one-out AUCs by hand:
		// 6/8, 5.5/8, 7.5/8 (diseased left out), 6.5/9, 8/9, 7/9, 7/9 (non-diseased left out).
		const computation = empiricalAucFom.compute(
			Float64Array.from([3, 5, 2, 1, 3, 2, 2]),
			Uint8Array.from([1, 1, 1, 0, 0, 0, 0])
		);
		expect(covarianceAt(jackknifeCovariance([computation]), 0, 0)).toBeCloseTo(503 / 12096, 15);
	});

	it('turns leave-one-out figures into pseudovalues n·θ − (n − 1)·θ_(k) whose mean is θ for the AUC', () => {
		const values = pseudovalues(0.5, Float64Array.from([0.4, 0.6, 0.5]));
		expect(Array.from(values)).toEqual(
			[3 * 0.5 - 2 * 0.4, 3 * 0.5 - 2 * 0.6, 3 * 0.5 - 2 * 0.5].map((v) => expect.closeTo(v, 15))
		);
	});

	const twoReaders = fc
		.integer({ min: 5, max: 40 })
		.chain((size) =>
			fc.record({
				a: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: size, maxLength: size }),
				b: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: size, maxLength: size }),
				classes: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: size, maxLength: size })
			})
		)
		.filter(
			({ classes }) =>
				classes.filter((c) => c === 1).length >= 2 && classes.filter((c) => c === 0).length >= 2
		);

	it('property: equals the naive covariance of AUCs recomputed with each case deleted', () => {
		fc.assert(
			fc.property(twoReaders, ({ a, b, classes }) => {
				const truth = Uint8Array.from(classes);
				const n = classes.length;
				const naive = (ratings: number[]) =>
					Array.from({ length: n }, (_, k) => {
						const keep = ratings.map((_, i) => i).filter((i) => i !== k);
						return empiricalAuc(
							Float64Array.from(keep, (i) => ratings[i]!),
							Uint8Array.from(keep, (i) => classes[i]!)
						);
					});
				const [looA, looB] = [naive(a), naive(b)];
				const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
				const [meanA, meanB] = [mean(looA), mean(looB)];
				const expected =
					((n - 1) / n) * looA.reduce((s, x, k) => s + (x - meanA) * (looB[k]! - meanB), 0);
				const matrix = jackknifeCovariance([
					empiricalAucFom.compute(Float64Array.from(a), truth),
					empiricalAucFom.compute(Float64Array.from(b), truth)
				]);
				expect(covarianceAt(matrix, 0, 1)).toBeCloseTo(expected, 15);
				// every pseudovalue mean equals the AUC (the jackknife is unbiased for the Wilcoxon AUC)
				const computation = empiricalAucFom.compute(Float64Array.from(a), truth);
				expect(
					mean(Array.from(pseudovalues(computation.estimate, computation.leaveOneOut())))
				).toBeCloseTo(computation.estimate, 13);
			}),
			{ numRuns: 150, seed: 99 }
		);
	});
});
