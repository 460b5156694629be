import { describe, expect, it } from 'vitest';
import { aucPlacements } from '../fom/empirical-auc';
import { covarianceAt } from './covariance-matrix';
import { delongCovariance } from './delong';

// Two readers on the same 3 diseased and 4 non-diseased cases.
//   reader 1: diseased 3, 5, 2; non-diseased 1, 3, 2, 2 → AUC 19/24,
//     V10 = (7, 8, 4)/8, V01 = (6, 3, 5, 5)/6
//   reader 2: diseased 2, 5, 3; non-diseased 1, 2, 2, 4 → AUC 3/4
// By hand (DeLong 1988): S10 = Σ(V10 − A)²/(m − 1), S01 likewise, Var = S10/m + S01/n:
//   reader 1: (2² + 5² + 7²)/576/2/3 + (5² + 7² + 1² + 1²)/576/3/4 = 13/576 + 19/1728 = 29/864
//   reader 2: 1/24; covariance: 11/1728 (exact fractions).
const truth = Uint8Array.from([1, 1, 1, 0, 0, 0, 0]);
const reader1 = Float64Array.from([3, 5, 2, 1, 3, 2, 2]);
const reader2 = Float64Array.from([2, 5, 3, 1, 2, 2, 4]);

describe('DeLong covariance', () => {
	it('reproduces the hand-computed variances and covariance', () => {
		const matrix = delongCovariance([aucPlacements(reader1, truth), aucPlacements(reader2, truth)]);
		expect(covarianceAt(matrix, 0, 0)).toBeCloseTo(29 / 864, 15);
		expect(covarianceAt(matrix, 1, 1)).toBeCloseTo(1 / 24, 15);
		expect(covarianceAt(matrix, 0, 1)).toBeCloseTo(11 / 1728, 15);
		expect(covarianceAt(matrix, 1, 0)).toBe(covarianceAt(matrix, 0, 1));
	});

	it('refuses one case of a truth class', () => {
		expect(() =>
			delongCovariance([aucPlacements(Float64Array.from([1, 2, 3]), Uint8Array.from([1, 0, 0]))])
		).toThrow('at least two diseased');
	});
});
