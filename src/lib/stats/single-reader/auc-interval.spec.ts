import { describe, expect, it } from 'vitest';
import { aucWithDelongInterval } from './auc-interval';

// Hanley & McNeil (1982) Radiology 143:29, Table 1: CT images rated on a 5-point scale
// (1 = definitely normal … 5 = definitely abnormal) by one reader.
//   rating:          1   2   3   4   5
//   non-diseased:   33   6   6  11   2   (n = 58)
//   diseased:        3   2   2  11  33   (m = 51)
// The published area under the (trapezoidal = Wilcoxon) curve is 0.893.
const negativeCounts = [33, 6, 6, 11, 2];
const positiveCounts = [3, 2, 2, 11, 33];

function expand(counts: number[]): number[] {
	return counts.flatMap((count, index) => Array.from({ length: count }, () => index + 1));
}

const negatives = expand(negativeCounts);
const positives = expand(positiveCounts);
const ratings = [...positives, ...negatives];
const truth = [...positives.map(() => 1), ...negatives.map(() => 0)];

describe('aucWithDelongInterval — Hanley & McNeil 1982 rating data', () => {
	const result = aucWithDelongInterval(ratings, truth);

	it('gives the published area 0.893', () => {
		expect(result.auc).toBeCloseTo(0.893, 3);
		expect(result.positive).toBe(51);
		expect(result.negative).toBe(58);
	});

	it('gives the DeLong variance from placement values counted by hand', () => {
		// V10 for a diseased case rated k: (#non-diseased below k + ½ #at k)/58, e.g. k = 1: 16.5/58.
		const v10ByRating = [16.5, 36, 42, 50.5, 57].map((count) => count / 58);
		// V01 for a non-diseased case rated k: (#diseased above k + ½ #at k)/51, e.g. k = 5: 16.5/51.
		const v01ByRating = [49.5, 47, 45, 38.5, 16.5].map((count) => count / 51);
		const auc =
			positiveCounts.reduce((sum, count, k) => sum + count * (v10ByRating[k] as number), 0) / 51;
		const sampleVariance = (values: number[], counts: number[], size: number) =>
			counts.reduce((sum, count, k) => sum + count * ((values[k] as number) - auc) ** 2, 0) /
			(size - 1);
		const variance =
			sampleVariance(v10ByRating, positiveCounts, 51) / 51 +
			sampleVariance(v01ByRating, negativeCounts, 58) / 58;
		expect(result.auc).toBeCloseTo(auc, 14);
		expect(result.se).toBeCloseTo(Math.sqrt(variance), 14);
		expect(result.se).toBeCloseTo(0.030724, 6);
		expect(result.ciLower).toBeCloseTo(auc - 1.959963984540054 * Math.sqrt(variance), 12);
		expect(result.ciUpper).toBeCloseTo(auc + 1.959963984540054 * Math.sqrt(variance), 12);
	});

	it('clips the interval to [0, 1] for a perfect reader', () => {
		const perfect = aucWithDelongInterval([3, 4, 5, 0, 1, 2], [1, 1, 1, 0, 0, 0]);
		expect(perfect.auc).toBe(1);
		expect(perfect.se).toBe(0);
		expect(perfect.ciUpper).toBe(1);
	});

	it('refuses a design without both classes', () => {
		expect(() => aucWithDelongInterval([1, 2, 3], [1, 1, 1])).toThrow(
			/at least one diseased and one non-diseased/
		);
	});
});
