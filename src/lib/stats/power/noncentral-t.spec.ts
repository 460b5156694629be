import { describe, expect, it } from 'vitest';
import { normalCdf, studentTCdf } from '../distributions';
import { noncentralTCdf, noncentralTSurvival } from './noncentral-t';

// Reference values: P(T′ ≤ t) = E_V[Φ(t·√(V/ν) − δ)], V ~ χ²_ν, integrated numerically at 40
// significant digits with mpmath 1.3 (a different route from the series used here), which
// agree with scipy 1.17 / Boost's non_central_t_distribution to ≤ 5e-16; quoted to 17 digits.
//   t, ν, δ             P(T′ ≤ t)
const published: Array<[number, number, number, number]> = [
	[1, 10, 1, 0.49024005139545066],
	[2.5, 20, 3, 0.31019827269912114],
	[-1, 5, 0.5, 0.082444091056723458],
	[0.5, 4, -1, 0.92638882795390673],
	[40, 30, 35, 0.81201060061330817],
	[2, 15.26, 2.1, 0.44991363911437583],
	[1.7, 12, 1.3, 0.63462929309537215]
];

describe('noncentralTCdf / noncentralTSurvival — reference values', () => {
	for (const [t, df, ncp, cdf] of published) {
		it(`T′(${df}, δ=${ncp}) at ${t}`, () => {
			expect(noncentralTCdf(t, df, ncp)).toBeCloseTo(cdf, 13);
			expect(noncentralTSurvival(t, df, ncp)).toBeCloseTo(1 - cdf, 13);
		});
	}

	it('keeps relative precision in the upper tail (mpmath: 7.723375000212448e-8)', () => {
		expect(noncentralTSurvival(10, 20, 1) / 7.723375000212448e-8).toBeCloseTo(1, 11);
	});

	it('works where jstat fails (δ ≥ 30)', () => {
		expect(noncentralTCdf(40, 30, 35)).toBeGreaterThan(0.8);
	});
});

describe('noncentral t — closed-form identities', () => {
	it('equals the central t at δ = 0 and the shifted normal at ν = ∞', () => {
		expect(noncentralTCdf(1.3, 7, 0)).toBe(studentTCdf(1.3, 7));
		expect(noncentralTCdf(1.3, Infinity, 0.4)).toBe(normalCdf(0.9));
		expect(noncentralTSurvival(1.3, Infinity, 0.4)).toBe(normalCdf(-0.9));
	});

	it('treats a noncentrality whose square underflows as central, and a tiny one smoothly', () => {
		expect(noncentralTCdf(1.3, 7, 1e-200)).toBe(studentTCdf(1.3, 7));
		expect(noncentralTCdf(1.3, 7, 1e-9)).toBeCloseTo(studentTCdf(1.3, 7), 8);
	});

	it('at t = 0 gives Φ(−δ)', () => {
		expect(noncentralTCdf(0, 9, 1.2)).toBeCloseTo(normalCdf(-1.2), 14);
		expect(noncentralTSurvival(0, 9, 1.2)).toBeCloseTo(normalCdf(1.2), 14);
	});

	it('is symmetric: P(T′ ≤ t; ν, δ) = P(T′ ≥ −t; ν, −δ)', () => {
		expect(noncentralTCdf(-0.7, 6, 1.1)).toBeCloseTo(noncentralTSurvival(0.7, 6, -1.1), 15);
	});

	it('tends to the normal as ν grows', () => {
		expect(noncentralTCdf(2, 1e7, 1)).toBeCloseTo(normalCdf(1), 6);
	});
});
