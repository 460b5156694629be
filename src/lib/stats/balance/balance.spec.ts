import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DesignError } from '../design-error';
import { giniCoefficient } from './gini-coefficient';
import { shannonEntropy } from './shannon-entropy';
import { stratumBalance } from './stratum-balance';

describe('giniCoefficient — hand computations', () => {
	it('gives G = 1/3 and G* = 1/2 for counts 6, 3, 1', () => {
		// Ordered pairs: |6−3| + |6−1| + |3−1| = 10, twice = 20; N = 10, k = 3.
		// G = 20 / (2 · 3 · 10) = 1/3; G* = 20 / (2 · 2 · 10) = 1/2.
		const result = giniCoefficient([6, 3, 1]);
		expect(result).not.toBeNull();
		expect(result!.categories).toBe(3);
		expect(result!.total).toBe(10);
		expect(result!.gini).toBeCloseTo(1 / 3, 15);
		expect(result!.normalised).toBeCloseTo(0.5, 15);
	});

	it('gives G = 1/4 and G* = 1/2 for counts 1, 3', () => {
		// 2 · |1 − 3| = 4; G = 4 / (2 · 2 · 4) = 0.25; G* = 4 / (2 · 1 · 4) = 0.5.
		expect(giniCoefficient([1, 3])).toEqual({
			categories: 2,
			total: 4,
			gini: 0.25,
			normalised: 0.5
		});
	});

	it('is 0 for equal counts and reaches its maximum with all cases in one category', () => {
		expect(giniCoefficient([5, 5, 5])).toMatchObject({ gini: 0, normalised: 0 });
		// 2 · (4 + 4) = 16 / (2 · 3 · 4) = 2/3 = (k − 1) / k; G* = 16 / (2 · 2 · 4) = 1.
		const extreme = giniCoefficient([4, 0, 0])!;
		expect(extreme.gini).toBeCloseTo(2 / 3, 15);
		expect(extreme.normalised).toBe(1);
	});

	it('defines one category as balanced (0) and no cases as no value', () => {
		expect(giniCoefficient([7])).toEqual({ categories: 1, total: 7, gini: 0, normalised: 0 });
		expect(giniCoefficient([])).toBeNull();
		expect(giniCoefficient([0, 0])).toBeNull();
	});

	it('refuses a negative or non-finite count, naming it', () => {
		expect(() => giniCoefficient([3, -1])).toThrow(DesignError);
		expect(() => giniCoefficient([3, -1])).toThrow(/category count 2/);
		expect(() => giniCoefficient([Number.NaN])).toThrow(/category count 1/);
	});
});

describe('shannonEntropy — hand computations', () => {
	it('gives H and J for counts 6, 3, 1', () => {
		// p = 0.6, 0.3, 0.1; −p ln p = 0.306495, 0.361192, 0.230259 → H = 0.897946 nats;
		// ln 3 = 1.098612 → J = 0.817345.
		const result = shannonEntropy([6, 3, 1])!;
		expect(result.entropy).toBeCloseTo(0.897946, 6);
		expect(result.normalised).toBeCloseTo(0.817345, 6);
	});

	it('gives the binary entropy of 1/4 in bits as J for counts 1, 3', () => {
		// H = 0.25 ln 4 + 0.75 ln (4/3) = 0.346574 + 0.215762 = 0.562335 nats; J = H / ln 2 =
		// 0.811278, the binary entropy H₂(0.25) in bits.
		const result = shannonEntropy([1, 3])!;
		expect(result.entropy).toBeCloseTo(0.562335, 6);
		expect(result.normalised).toBeCloseTo(0.811278, 6);
	});

	it('is ln k (J = 1) for equal counts and 0 with all cases in one category', () => {
		const equal = shannonEntropy([2, 2, 2, 2])!;
		expect(equal.entropy).toBeCloseTo(Math.log(4), 14);
		expect(equal.normalised).toBeCloseTo(1, 14);
		expect(shannonEntropy([4, 0, 0])).toEqual({
			categories: 3,
			total: 4,
			entropy: 0,
			normalised: 0
		});
	});

	it('defines one category as J = 1 and no cases as no value', () => {
		expect(shannonEntropy([7])).toEqual({ categories: 1, total: 7, entropy: 0, normalised: 1 });
		expect(shannonEntropy([])).toBeNull();
		expect(shannonEntropy([0, 0, 0])).toBeNull();
	});

	it('refuses a negative count, naming it', () => {
		expect(() => shannonEntropy([1, 2, -3])).toThrow(/category count 3/);
	});
});

describe('balance measures — properties', () => {
	const counts = fc.array(fc.nat({ max: 50 }), { minLength: 2, maxLength: 8 });

	it('stay within [0, 1], do not depend on order or scale, and agree at the extremes', () => {
		fc.assert(
			fc.property(counts, fc.integer({ min: 2, max: 5 }), (x, scale) => {
				const gini = giniCoefficient(x);
				const entropy = shannonEntropy(x);
				if (gini === null || entropy === null) return x.every((count) => count === 0);
				const reversed = [...x].reverse();
				const scaled = x.map((count) => count * scale);
				const giniOk =
					gini.normalised >= 0 &&
					gini.normalised <= 1 + 1e-12 &&
					Math.abs(giniCoefficient(reversed)!.normalised - gini.normalised) < 1e-12 &&
					Math.abs(giniCoefficient(scaled)!.normalised - gini.normalised) < 1e-12;
				const entropyOk =
					entropy.normalised >= 0 &&
					entropy.normalised <= 1 &&
					Math.abs(shannonEntropy(scaled)!.normalised - entropy.normalised) < 1e-12;
				const equal = x.every((count) => count === x[0]);
				const extremesOk = !equal || (gini.normalised === 0 && entropy.normalised > 1 - 1e-12);
				return giniOk && entropyOk && extremesOk;
			}),
			{ seed: 19, numRuns: 300 }
		);
	});
});

describe('stratumBalance', () => {
	it('gives each stratum its case count, categories and both measures over the values that occur', () => {
		const [vendor, contrast] = stratumBalance([
			{
				stratum: 'manufacturer',
				values: [
					{ value: 'GE', cases: 6 },
					{ value: 'Philips', cases: 3 },
					{ value: 'SIEMENS', cases: 1 },
					{ value: 'Canon', cases: 0 }
				]
			},
			{ stratum: 'contrast', values: [{ value: 'none', cases: 4 }] }
		]);
		// Canon has no case: k = 3, as in the 6, 3, 1 example above.
		expect(vendor).toMatchObject({ cases: 10, categories: 3 });
		expect(vendor!.values.map((row) => row.value)).toEqual(['GE', 'Philips', 'SIEMENS']);
		expect(vendor!.gini).toBeCloseTo(0.5, 15);
		expect(vendor!.shannon).toBeCloseTo(0.817345, 6);
		expect(contrast).toMatchObject({ cases: 4, categories: 1, gini: 0, shannon: 1 });
	});
});
