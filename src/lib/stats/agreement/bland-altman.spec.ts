import { describe, expect, it } from 'vitest';
import { blandAltman } from './bland-altman';

// Bland JM, Altman DG (1986) "Statistical methods for assessing agreement between two methods of
// clinical measurement", Lancet i:307–310, Table 1: PEFR (l/min) of 17 subjects, the first
// measurement with the large Wright meter and with the mini Wright meter.
const wright = [
	494, 395, 516, 434, 476, 557, 413, 442, 650, 433, 417, 656, 267, 478, 178, 423, 427
];
const mini = [512, 430, 520, 428, 500, 600, 364, 380, 658, 445, 432, 626, 260, 477, 259, 350, 451];

describe('blandAltman — Bland & Altman 1986, PEFR', () => {
	// The paper: mean difference −2.1, SD 38.8, limits (d̄ ± 2 s) −79.7 to 75.5; SE(d̄) 9.4, 95 % CI
	// −22.0 to 17.8; SE of a limit 16.3, CIs −114.3 to −45.1 and 40.9 to 110.1 (t = 2.12, 16 df).
	const result = blandAltman(wright, mini, { multiplier: 2 });

	it('gives the published bias and SD of the differences', () => {
		expect(result.n).toBe(17);
		expect(result.bias.estimate).toBeCloseTo(-2.1, 1);
		expect(result.sdDifferences).toBeCloseTo(38.8, 1);
	});

	it('gives the published limits of agreement and their intervals', () => {
		// The paper computes the limits from the rounded −2.1 and 38.8: within 0.1 l/min.
		expect(Math.abs(result.lower.estimate - -79.7)).toBeLessThan(0.1);
		expect(Math.abs(result.upper.estimate - 75.5)).toBeLessThan(0.1);
		expect(result.bias.ciLower).toBeCloseTo(-22.0, 1);
		expect(result.bias.ciUpper).toBeCloseTo(17.8, 1);
		// The paper rounds SE and t before multiplying: agreement to within 0.2 l/min.
		expect(Math.abs(result.lower.ciLower - -114.3)).toBeLessThan(0.2);
		expect(Math.abs(result.lower.ciUpper - -45.1)).toBeLessThan(0.2);
		expect(Math.abs(result.upper.ciLower - 40.9)).toBeLessThan(0.2);
		expect(Math.abs(result.upper.ciUpper - 110.1)).toBeLessThan(0.2);
	});

	it('puts the 95 % limits at 1.96 s by default, and gives the plot points', () => {
		const standard = blandAltman(wright, mini);
		expect(standard.upper.estimate - standard.bias.estimate).toBeCloseTo(
			1.96 * standard.sdDifferences,
			10
		);
		expect(standard.points[0]).toEqual({ mean: 503, difference: -18 });
	});

	it('refuses unpaired or too few measurements', () => {
		expect(() => blandAltman([1, 2, 3], [1, 2])).toThrow(/pairs are needed/);
		expect(() => blandAltman([1, 2], [1, 2])).toThrow(/at least 3 pairs/);
		expect(() => blandAltman([1, NaN, 3], [1, 2, 3])).toThrow(/pair 2/);
	});
});
