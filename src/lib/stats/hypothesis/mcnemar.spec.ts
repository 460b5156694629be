// McNemar's test against textbook values and hand computations.
import { describe, expect, it } from 'vitest';
import { exactMcNemarP, mcnemarFromCounts, mcnemarTest } from './mcnemar';

describe("McNemar's test", () => {
	// Agresti, Categorical Data Analysis (1990) p. 350, presidential approval of 1600 voters in
	// two surveys: 794 approve both times, 150 approve then disapprove, 86 the reverse, 570
	// disapprove both. R's mcnemar.test on that table (its documentation's example) reports
	// McNemar's chi-squared = 16.818, df = 1, p-value = 4.115e-05; by hand (|150 − 86| − 1)²/236
	// = 3969/236 = 16.8178.
	it('reproduces the presidential-approval example', () => {
		const result = mcnemarFromCounts(150, 86);
		expect(result.chiSquare).toBeCloseTo(3969 / 236, 12);
		expect(result.chiSquare).toBeCloseTo(16.818, 3);
		expect(result.chiSquareP).toBeCloseTo(4.115e-5, 8);
		// The exact p is of the same order, below 0.0001.
		expect(result.exactP).toBeLessThan(1e-4);
		expect(result.exactP).toBeGreaterThan(1e-5);
	});

	// Exact: b = 1, c = 6 → 2 · P(X ≤ 1 | 7, ½) = 2 · (1 + 7)/128 = 0.125;
	// b = 0, c = 5 → 2/32 = 0.0625; b = c = 3 → 2 · (1 + 6 + 15 + 20)/64 > 1 → 1.
	it('gives the exact binomial p-values worked by hand', () => {
		expect(exactMcNemarP(1, 6)).toBeCloseTo(0.125, 14);
		expect(exactMcNemarP(6, 1)).toBeCloseTo(0.125, 14);
		expect(exactMcNemarP(0, 5)).toBeCloseTo(0.0625, 14);
		expect(exactMcNemarP(3, 3)).toBe(1);
		expect(exactMcNemarP(0, 0)).toBe(1);
	});

	it('counts the cells from paired calls; no discordant case means nothing to test', () => {
		const result = mcnemarTest([1, 1, 0, 0, 1, 0, 0], [1, 0, 1, 1, 1, 1, 0]);
		expect(result).toMatchObject({ both: 2, onlyFirst: 1, onlySecond: 3, neither: 1 });
		// (|1 − 3| − 1)²/4 = 0.25
		expect(result.chiSquare).toBeCloseTo(0.25, 14);
		expect(mcnemarTest([1, 0], [1, 0])).toMatchObject({
			chiSquare: null,
			chiSquareP: 1,
			exactP: 1
		});
	});

	it('refuses calls that are not 0/1 or do not pair up', () => {
		expect(() => mcnemarTest([1, 2], [1, 0])).toThrow(
			'case 2: calls must be 0 or 1, found 2 and 0'
		);
		expect(() => mcnemarTest([1], [1, 0])).toThrow('1 and 2 calls: both need one call per case');
	});
});
