import { describe, expect, it } from 'vitest';
import { anxiety, diagnoses, raterColumn } from './agreement-data.fixture';
import { cohenKappa, cohenKappaFromTable } from './cohen-kappa';

describe('cohenKappa — hand computation on a 2 × 2 table', () => {
	// 50 subjects: both "yes" 20, A yes/B no 5, A no/B yes 10, both "no" 15.
	// p_o = 0.7; margins A (0.5, 0.5), B (0.6, 0.4); p_e = 0.3 + 0.2 = 0.5; κ = 0.2/0.5 = 0.4.
	const result = cohenKappaFromTable([
		[20, 5],
		[10, 15]
	]);

	it('gives κ = 0.4', () => {
		expect(result.observedAgreement).toBeCloseTo(0.7, 15);
		expect(result.expectedAgreement).toBeCloseTo(0.5, 15);
		expect(result.kappa).toBeCloseTo(0.4, 15);
	});

	it('gives the Fleiss–Cohen–Everitt non-null SE', () => {
		// Unweighted: w̄_i· = p_·i, w̄_·j = p_j·; with 1 − κ = 0.6 the four cells give
		// 0.4(1 − 1.1·0.6)² + 0.3(1 − 0.9·0.6)² + 0.1(1.1·0.6)² + 0.2(0.9·0.6)²
		// = 0.04624 + 0.06348 + 0.04356 + 0.05832 = 0.2116; minus (0.4 − 0.5·0.6)² = 0.01
		// → 0.2016 / (50 · 0.5²) = 0.016128.
		expect(result.se).toBeCloseTo(Math.sqrt(0.016128), 14);
	});

	it('gives the null SE and z', () => {
		// Σ p_i· p_·j (w_ij − w̄_i· − w̄_·j)² = 0.3·0.01 + 0.2·0.01 + 0.2·1.21 + 0.3·0.81 = 0.49;
		// minus p_e² = 0.25 → 0.24 / 12.5 = 0.0192.
		expect(result.seNull).toBeCloseTo(Math.sqrt(0.0192), 14);
		expect(result.z).toBeCloseTo(0.4 / Math.sqrt(0.0192), 12);
		expect(result.ciLower).toBeCloseTo(0.4 - 1.959963984540054 * Math.sqrt(0.016128), 12);
	});
});

describe('cohenKappa — R irr::kappa2 documented results', () => {
	it('diagnoses, raters 2 and 3, unweighted: κ = 0.631, z = 7.56', () => {
		const result = cohenKappa(raterColumn(diagnoses, 1), raterColumn(diagnoses, 2));
		expect(result.subjects).toBe(30);
		expect(result.kappa).toBeCloseTo(0.631, 3);
		expect(result.z).toBeCloseTo(7.56, 2);
		expect(result.p).toBeLessThan(1e-12);
	});

	it('anxiety, raters 1 and 2, squared weights: κ = 0.297, z = 1.34, p = 0.180', () => {
		const result = cohenKappa(raterColumn(anxiety, 0), raterColumn(anxiety, 1), {
			weights: 'quadratic'
		});
		expect(result.categories).toEqual(['1', '2', '3', '4', '5', '6']);
		expect(result.kappa).toBeCloseTo(0.297, 3);
		expect(result.z).toBeCloseTo(1.34, 2);
		expect(result.p).toBeCloseTo(0.18, 3);
	});
});

describe('weighted kappa — hand computation (Fleiss, Levin & Paik 2003, §18.1 table, N = 100)', () => {
	// Proportions (rows A, columns B): [.75 .01 .04; .05 .04 .01; 0 0 .10].
	// Row margins (.80, .10, .10), column margins (.80, .05, .15).
	const table = [
		[75, 1, 4],
		[5, 4, 1],
		[0, 0, 10]
	];

	it('unweighted: p_o = .89, p_e = .66, κ = .23/.34 = 0.676', () => {
		const result = cohenKappaFromTable(table);
		expect(result.kappa).toBeCloseTo(0.23 / 0.34, 14);
		expect(result.kappa).toBeCloseTo(0.676, 3);
	});

	it('linear weights (1, ½, 0): p_o = .925, p_e = .73 → κ_w = .195/.27', () => {
		// p_o = .89 + ½(.01 + .05 + .01 + 0); p_e = .66 + ½(.8·.05 + .1·.8 + .1·.15 + .1·.05).
		const result = cohenKappaFromTable(table, { weights: 'linear' });
		expect(result.observedAgreement).toBeCloseTo(0.925, 14);
		expect(result.expectedAgreement).toBeCloseTo(0.73, 14);
		expect(result.kappa).toBeCloseTo(0.195 / 0.27, 14);
	});

	it('quadratic weights (1, ¾, 0): p_o = .9425, p_e = .765', () => {
		const result = cohenKappaFromTable(table, { weights: 'quadratic' });
		expect(result.observedAgreement).toBeCloseTo(0.9425, 14);
		expect(result.expectedAgreement).toBeCloseTo(0.765, 14);
		expect(result.kappa).toBeCloseTo(0.1775 / 0.235, 14);
	});
});

describe('cohenKappa — refusals', () => {
	it('refuses a single shared category and unknown ratings', () => {
		expect(() => cohenKappa(['a', 'a'], ['a', 'a'])).toThrow(
			/kappa needs a square table|chance agreement is 1/
		);
		expect(() => cohenKappa(['a', 'b'], ['a', 'c'], { categories: ['a', 'b'] })).toThrow(
			/subject 2: rating 'c'/
		);
		expect(() => cohenKappa(['a'], ['a', 'b'])).toThrow(/same subjects/);
	});
});
