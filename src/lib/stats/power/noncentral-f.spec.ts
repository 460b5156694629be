import { describe, expect, it } from 'vitest';
import { fCdf, fSurvival, chiSquareCdf } from '../distributions';
import { noncentralFCdf, noncentralFSurvival } from './noncentral-f';
import { noncentralTCdf } from './noncentral-t';

// Reference values: the Poisson series evaluated at 40 significant digits with mpmath 1.3
// (mpmath.betainc, an independent incomplete-beta implementation), which agree with
// scipy 1.17 / Boost's non_central_f_distribution to ≤ 4e-16 relative; quoted to 17 digits and
// checked to 5e-14 (each incomplete-beta term carries ~1e-15, and λ = 400 sums ~300 of them).
//   x, df1, df2, λ      P(F' ≤ x)               P(F' > x)
const published: Array<[number, number, number, number, number, number]> = [
	[2, 3, 20, 5, 0.40313008503458855, 0.59686991496541145],
	[1, 1, 10, 2, 0.32423930043787208, 0.67576069956212792],
	[4.35, 1, 20, 10, 0.14740587896849369, 0.85259412103150631],
	[0.5, 5, 5, 1, 0.17691355725402058, 0.82308644274597942],
	[10, 2, 50, 30, 0.15160951270043341, 0.84839048729956659],
	[50, 1, 15, 100, 0.032970079289905678, 0.96702992071009432],
	[300, 1, 40, 400, 0.10141793067311706, 0.89858206932688294]
];

describe('noncentralFCdf / noncentralFSurvival — reference values', () => {
	for (const [x, df1, df2, ncp, cdf, survival] of published) {
		it(`F'(${df1}, ${df2}, λ=${ncp}) at ${x}`, () => {
			expect(noncentralFCdf(x, df1, df2, ncp)).toBeCloseTo(cdf, 13);
			expect(noncentralFSurvival(x, df1, df2, ncp)).toBeCloseTo(survival, 13);
		});
	}

	it('keeps relative precision in the tails (mpmath: 3.105710941188052e-15, 3.6571041592455432e-15)', () => {
		expect(noncentralFSurvival(200, 2, 30, 3) / 3.105710941188052e-15).toBeCloseTo(1, 11);
		expect(noncentralFCdf(0.01, 4, 20, 50) / 3.6571041592455432e-15).toBeCloseTo(1, 11);
	});
});

describe('noncentral F — closed-form identities', () => {
	it('equals the central F at λ = 0', () => {
		expect(noncentralFCdf(2.5, 3, 12, 0)).toBe(fCdf(2.5, 3, 12));
		expect(noncentralFSurvival(2.5, 3, 12, 0)).toBe(fSurvival(2.5, 3, 12));
	});

	it('tends to the central F as λ → 0 through the series', () => {
		expect(noncentralFCdf(2.5, 3, 12, 1e-12)).toBeCloseTo(fCdf(2.5, 3, 12), 11);
	});

	it('with df1 = 1 is the square of a noncentral t: P(F′ ≤ q) = P(−√q ≤ T′ ≤ √q), δ = √λ', () => {
		for (const [q, df, ncp] of [
			[3, 10, 4],
			[9.2, 23.2, 6.5],
			[0.4, 5, 1.5]
		] as const) {
			const root = Math.sqrt(q);
			const fromT =
				noncentralTCdf(root, df, Math.sqrt(ncp)) - noncentralTCdf(-root, df, Math.sqrt(ncp));
			expect(noncentralFCdf(q, 1, df, ncp)).toBeCloseTo(fromT, 13);
		}
	});

	it('with df2 = ∞ is the noncentral chi-square of df1·x (scipy ncx2.cdf(6, 3, 5) = 0.41010755852546926)', () => {
		expect(noncentralFCdf(2, 3, Infinity, 5)).toBeCloseTo(0.41010755852546926, 14);
		expect(noncentralFCdf(2, 3, Infinity, 0)).toBe(chiSquareCdf(6, 3));
	});

	it('reproduces RJafroc’s power for Van Dyke: pf(qf(0.95, 1, ddf), 1, ddf, ncp, FALSE)', () => {
		// ddf and ncp of SsPowerGivenJK(dataset02, J = 6, K = 111) (see hillis-obuchowski-berbaum.spec).
		expect(noncentralFSurvival(4.0, 1, 23.217343723668435, 4.76511595698382)).toBeCloseTo(
			0.57799031035324499,
			13
		);
	});

	it('refuses impossible parameters', () => {
		expect(() => noncentralFCdf(1, 0, 5, 1)).toThrow(/df1/);
		expect(() => noncentralFCdf(1, 2, 5, -1)).toThrow(/noncentrality/);
		expect(noncentralFCdf(0, 2, 5, 1)).toBe(0);
		expect(noncentralFSurvival(Infinity, 2, 5, 1)).toBe(0);
	});
});
