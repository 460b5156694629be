import { describe, expect, it } from 'vitest';
import { operatingPoint } from './operating-point';

// Worked by hand. Diseased scores 0.9 0.8 0.7 0.4 0.2; non-diseased 0.6 0.5 0.3 0.1 0.05.
// Thresholds from the top: 0.9 (TP 1, FP 0), 0.8 (2, 0), 0.7 (3, 0), 0.6 (3, 1), 0.5 (3, 2),
// 0.4 (4, 2), 0.3 (4, 3), 0.2 (5, 3), 0.1 (5, 4), 0.05 (5, 5).
const scores = [0.9, 0.6, 0.8, 0.5, 0.7, 0.3, 0.4, 0.1, 0.2, 0.05];
const truth = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0];

describe('operatingPoint', () => {
	it('high sensitivity ≥ 0.8: the highest threshold with TP ≥ 4 is 0.4 (sens 4/5, spec 3/5)', () => {
		const point = operatingPoint(scores, truth, 'high_sensitivity', 0.8);
		expect(point.threshold).toBe(0.4);
		expect(point.sensitivity.successes).toBe(4);
		expect(point.specificity.successes).toBe(3);
		// Wilson 95 % for 4/5 and 3/5 (Newcombe 1998 method 3; by hand, z = 1.959964):
		// 4/5: (4 + 1.920729 ± 1.959964·√(0.8 + 0.960365)) / 8.841459 → 0.3755, 0.9638.
		expect(point.sensitivity.ciLower).toBeCloseTo(0.3755, 4);
		expect(point.sensitivity.ciUpper).toBeCloseTo(0.9638, 4);
		// 3/5: (3 + 1.920729 ± 1.959964·√(1.2 + 0.960365)) / 8.841459 → 0.2307, 0.8824.
		expect(point.specificity.ciLower).toBeCloseTo(0.2307, 4);
		expect(point.specificity.ciUpper).toBeCloseTo(0.8824, 4);
	});

	it('high specificity ≥ 0.8: the lowest threshold with FP ≤ 1 is 0.6 (sens 3/5, spec 4/5)', () => {
		const point = operatingPoint(scores, truth, 'high_specificity', 0.8);
		expect(point.threshold).toBe(0.6);
		expect(point.sensitivity.estimate).toBe(0.6);
		expect(point.specificity.estimate).toBe(0.8);
	});

	it('moves tied scores together', () => {
		// Ties at 0.5 (one diseased, one not): sensitivity 1 needs threshold 0.5, calling both.
		const point = operatingPoint([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0], 'high_sensitivity', 1);
		expect(point.threshold).toBe(0.5);
		expect(point.specificity.estimate).toBe(0.5);
	});

	it('calls no case positive when only that reaches the specificity', () => {
		const point = operatingPoint([0.9, 0.2], [0, 1], 'high_specificity', 0.95);
		expect(point.threshold).toBe(Infinity);
		expect(point.sensitivity.estimate).toBe(0);
		expect(point.specificity.estimate).toBe(1);
	});

	it('refuses a target outside (0, 1] and a single truth class', () => {
		expect(() => operatingPoint(scores, truth, 'high_sensitivity', 1.2)).toThrow(/target/);
		expect(() => operatingPoint([0.1, 0.2], [1, 1], 'high_specificity', 0.9)).toThrow(
			/diseased and non-diseased/
		);
	});
});
