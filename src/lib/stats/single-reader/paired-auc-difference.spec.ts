// DeLong's paired AUC difference against a case worked by hand with exact fractions.
import { describe, expect, it } from 'vitest';
import { pairedAucDifference } from './paired-auc-difference';

// Three diseased and three non-diseased cases, two models:
//   first:  diseased 0.9 0.6 0.3, non-diseased 0.5 0.2 0.4
//   second: diseased 0.8 0.7 0.35, non-diseased 0.6 0.1 0.3
// Placement values (share of the other class beaten; no ties):
//   first:  V10 = 1, 1, 1/3 → AUC 7/9;   V01 = 2/3, 1, 2/3
//   second: V10 = 1, 1, 2/3 → AUC 8/9;   V01 = 2/3, 1, 1
// S10 = [[4/27, 2/27], [2/27, 1/27]], S01 = [[1/27, 1/54], [1/54, 1/27]] (divisor m − 1 = 2);
// Var = S10/3 + S01/3: first 5/81, second 2/81, covariance 5/162;
// Var(difference) = 5/81 + 2/81 − 5/81 = 2/81, difference 1/9, z = (1/9)/√(2/81) = 1/√2,
// p = 2(1 − Φ(0.70711)) = 0.4795001.
const truth = [1, 1, 1, 0, 0, 0];
const first = [0.9, 0.6, 0.3, 0.5, 0.2, 0.4];
const second = [0.8, 0.7, 0.35, 0.6, 0.1, 0.3];

describe('pairedAucDifference', () => {
	it('matches the hand computation', () => {
		const result = pairedAucDifference(first, second, truth);
		expect(result.firstAuc).toBeCloseTo(7 / 9, 14);
		expect(result.secondAuc).toBeCloseTo(8 / 9, 14);
		expect(result.difference).toBeCloseTo(1 / 9, 14);
		expect(result.firstVariance).toBeCloseTo(5 / 81, 14);
		expect(result.secondVariance).toBeCloseTo(2 / 81, 14);
		expect(result.covariance).toBeCloseTo(5 / 162, 14);
		expect(result.se).toBeCloseTo(Math.sqrt(2) / 9, 14);
		expect(result.z).toBeCloseTo(Math.SQRT1_2, 12);
		expect(result.p).toBeCloseTo(0.4795001, 6);
		expect(result.ciLower).toBeCloseTo(1 / 9 - 1.959964 * (Math.sqrt(2) / 9), 5);
		expect(result.ciUpper).toBeCloseTo(1 / 9 + 1.959964 * (Math.sqrt(2) / 9), 5);
	});

	it('is antisymmetric, and identical scores give difference 0 with p = 1', () => {
		const swapped = pairedAucDifference(second, first, truth);
		expect(swapped.difference).toBeCloseTo(-1 / 9, 14);
		expect(swapped.z).toBeCloseTo(-Math.SQRT1_2, 12);
		const same = pairedAucDifference(first, first, truth);
		expect(same).toMatchObject({ difference: 0, se: 0, z: 0, p: 1 });
	});

	it('refuses scores that do not pair up, naming the case', () => {
		expect(() => pairedAucDifference(first, second.slice(1), truth)).toThrow(
			'6 and 5 scores for 6 cases: both need one score per case'
		);
		expect(() => pairedAucDifference(first, [...second.slice(0, 5), NaN], truth)).toThrow(
			'case 6: the second score NaN is not a finite number'
		);
	});
});
