import { describe, expect, it } from 'vitest';
import { casePrecisionRecall } from './case-precision-recall';

describe('casePrecisionRecall', () => {
	// Worked by hand: scores 0.9 (diseased), 0.8 (not), 0.7 (d), 0.6 (d), 0.5 (not), 0.4 (d).
	// Thresholds from the top: (recall, precision) = (1/4, 1), (1/4, 1/2), (2/4, 2/3), (3/4, 3/4),
	// (3/4, 3/5), (1, 4/6). Interpolated precision from recall 0: 1 up to 0.25, 0.75 up to 0.75,
	// 2/3 up to 1 → AP = 0.25·1 + 0.5·0.75 + 0.25·(2/3) = 0.791667.
	const result = casePrecisionRecall([0.6, 0.9, 0.5, 0.8, 0.4, 0.7], [1, 1, 0, 0, 1, 1]);

	it('gives one point per distinct score, highest first', () => {
		expect(result.points.map((point) => [point.threshold, point.recall, point.precision])).toEqual([
			[0.9, 0.25, 1],
			[0.8, 0.25, 0.5],
			[0.7, 0.5, 2 / 3],
			[0.6, 0.75, 0.75],
			[0.5, 0.75, 0.6],
			[0.4, 1, 4 / 6]
		]);
	});

	it('gives the all-point interpolated average precision', () => {
		expect(result.averagePrecision).toBeCloseTo(0.25 + 0.5 * 0.75 + 0.25 * (2 / 3), 12);
	});

	it('moves tied scores together and refuses a set without a diseased case', () => {
		const tied = casePrecisionRecall([0.5, 0.5, 0.1], [1, 0, 0]);
		expect(tied.points[0]).toEqual({ threshold: 0.5, recall: 1, precision: 0.5 });
		expect(() => casePrecisionRecall([0.2, 0.1], [0, 0])).toThrow(/at least one diseased/);
	});
});
