import { describe, expect, it } from 'vitest';
import { diagnoses } from './agreement-data.fixture';
import { fleissKappa, fleissKappaFromCounts } from './fleiss-kappa';

describe('fleissKappa — Fleiss 1971 psychiatric diagnoses (30 subjects × 6 raters)', () => {
	const result = fleissKappa(diagnoses);

	it('gives the published κ = 0.430 (Fleiss 1971; irr::kappam.fleiss)', () => {
		expect(result.subjects).toBe(30);
		expect(result.ratersPerSubject).toBe(6);
		expect(result.kappa).toBeCloseTo(0.43, 3);
	});

	it('gives irr’s z = 17.7 from the Fleiss–Nee–Landis null SE', () => {
		expect(result.z).toBeCloseTo(17.7, 1);
		expect(result.p).toBeLessThan(1e-12);
	});

	it('gives irr’s category-wise kappas 0.245, 0.245, 0.520, 0.471, 0.566', () => {
		expect(result.categories).toEqual(['1', '2', '3', '4', '5']);
		const published = [0.245, 0.245, 0.52, 0.471, 0.566];
		result.categoryKappas.forEach((row, j) =>
			expect(row.kappa).toBeCloseTo(published[j] as number, 3)
		);
	});

	it('gives the jackknife SE over subjects (definition written out)', () => {
		const leaveOneOut = diagnoses.map(
			(_, s) => fleissKappa(diagnoses.filter((__, t) => t !== s)).kappa
		);
		const mean = leaveOneOut.reduce((sum, value) => sum + value, 0) / 30;
		const se = Math.sqrt(
			(29 / 30) * leaveOneOut.reduce((sum, value) => sum + (value - mean) ** 2, 0)
		);
		expect(result.se).toBeCloseTo(se, 14);
		expect(result.ciLower).toBeCloseTo(result.kappa - 1.959963984540054 * se, 12);
		expect(result.ciUpper).toBeGreaterThan(result.kappa);
	});
});

describe('fleissKappaFromCounts — the 10 subjects × 14 raters example (Wikipedia, "Fleiss\' kappa")', () => {
	// Rows: subjects; columns: how many of the 14 raters chose category 1 … 5.
	const counts = [
		[0, 0, 0, 0, 14],
		[0, 2, 6, 4, 2],
		[0, 0, 3, 5, 6],
		[0, 3, 9, 2, 0],
		[2, 2, 8, 1, 1],
		[7, 7, 0, 0, 0],
		[3, 2, 6, 3, 0],
		[2, 5, 3, 2, 2],
		[6, 5, 2, 1, 0],
		[0, 2, 2, 3, 7]
	];

	it('gives P̄ = 0.378, P̄_e = 0.213, κ = 0.210', () => {
		const result = fleissKappaFromCounts(counts);
		expect(result.observedAgreement).toBeCloseTo(0.378, 3);
		expect(result.expectedAgreement).toBeCloseTo(0.213, 3);
		expect(result.kappa).toBeCloseTo(0.21, 3);
	});
});

describe('fleissKappa — refusals and undefined parts', () => {
	it('refuses unequal numbers of ratings per subject', () => {
		expect(() =>
			fleissKappaFromCounts([
				[2, 1],
				[1, 1]
			])
		).toThrow(/same number of ratings per subject/);
	});

	it('refuses data where everything falls in one category', () => {
		expect(() =>
			fleissKappa([
				['a', 'a'],
				['a', 'a']
			])
		).toThrow(/chance agreement is 1/);
	});

	it('reports an unused declared category as null, not NaN', () => {
		const result = fleissKappa(
			[
				['a', 'b'],
				['a', 'a'],
				['b', 'b']
			],
			{ categories: ['a', 'b', 'c'] }
		);
		expect(result.categoryKappas[2]?.kappa).toBeNull();
	});
});
