import { describe, expect, it } from 'vitest';
import { binaryPerformance, confusionMatrix } from './confusion-matrix';

describe('confusionMatrix', () => {
	it('counts the four cells (hand count)', () => {
		//            case: 1  2  3  4  5  6  7  8
		const truth = [1, 1, 1, 0, 0, 0, 0, 1];
		const calls = [1, 0, 1, 1, 0, 0, 0, 1];
		expect(confusionMatrix(calls, truth)).toEqual({
			truePositive: 3,
			falseNegative: 1,
			falsePositive: 1,
			trueNegative: 3
		});
	});

	it('refuses non-binary calls and mismatched lengths', () => {
		expect(() => confusionMatrix([1, 2], [1, 0])).toThrow(/case 2: the call must be 0 or 1/);
		expect(() => confusionMatrix([1], [1, 0])).toThrow(/one call per case/);
	});
});

describe('binaryPerformance', () => {
	// Altman & Bland (1994) "Diagnostic tests 1/2", BMJ 308:1552 and 309:102: liver scan vs
	// pathology, TP 231, FP 32, FN 27, TN 54 — sensitivity 231/258 = 0.895, specificity
	// 54/86 = 0.628, PPV 231/263 = 0.878, NPV 54/81 = 0.667.
	const matrix = { truePositive: 231, falsePositive: 32, falseNegative: 27, trueNegative: 54 };
	const performance = binaryPerformance(matrix);

	it('reproduces the published proportions', () => {
		expect(performance.sensitivity?.estimate).toBeCloseTo(0.895, 3);
		expect(performance.specificity?.estimate).toBeCloseTo(0.628, 3);
		expect(performance.ppv?.estimate).toBeCloseTo(0.878, 3);
		expect(performance.npv?.estimate).toBeCloseTo(0.667, 3);
		expect(performance.accuracy.estimate).toBe(285 / 344);
	});

	it('gives Wilson intervals (hand computation with z = 1.959964)', () => {
		// Specificity 54/86: centre (54 + 1.920729)/(86 + 3.841459) = 0.6224379,
		// half 1.959964·√(54·32/86 + 0.9603647)/89.841459 = 0.1000996… → (0.5223383, 0.7225375).
		const z = 1.959963984540054;
		const centre = (54 + (z * z) / 2) / (86 + z * z);
		const half = (z * Math.sqrt((54 * 32) / 86 + (z * z) / 4)) / (86 + z * z);
		expect(performance.specificity?.ciLower).toBeCloseTo(centre - half, 12);
		expect(performance.specificity?.ciUpper).toBeCloseTo(centre + half, 12);
		expect(centre - half).toBeCloseTo(0.5223383, 7);
		expect(centre + half).toBeCloseTo(0.7225375, 7);
	});

	it('reports undefined proportions as null with a reason', () => {
		const allNegative = binaryPerformance({
			truePositive: 0,
			falsePositive: 0,
			falseNegative: 4,
			trueNegative: 6
		});
		expect(allNegative.ppv).toBeNull();
		expect(allNegative.notes).toEqual(['PPV undefined: no case was called positive']);
		expect(allNegative.sensitivity?.estimate).toBe(0);
		expect(allNegative.sensitivity?.ciLower).toBe(0);
	});
});
