// The Van Dyke RRRC result (MRMCaov 0.3.0, vandyke.auc.jackknife.expected.json) gives an
// outside check: for aided = modality 2, the one-sided 97.5 % lower bound of 2 − 1 is minus
// the upper limit of MRMCaov's two-sided 95 % CI of 1 − 2, and the superiority p-value is
// half MRMCaov's two-sided p.
import { describe, expect, it } from 'vitest';
import { nonInferiorityTest, superiorityTest } from './margin-tests';

const vanDyke = {
	estimate: 0.043800322061191554,
	se: 0.020748618378944948,
	df: 15.259674589141575
};

describe('margin tests', () => {
	it('superiority: lower bound −0.000358854 (MRMCaov CI upper limit), p = 0.0516657/2, not rejected', () => {
		const result = superiorityTest(vanDyke, 0.025);
		expect(result.lowerBound).toBeCloseTo(-0.00035885444417137896, 12);
		expect(result.p).toBeCloseTo(0.05166568581929454 / 2, 12);
		expect(result.rejected).toBe(false);
		expect(result.threshold).toBe(0);
		expect(result.decision).toContain('not shown superior');
	});

	it('non-inferiority at δ = 0.05: same bound, compared with −0.05, rejected', () => {
		const result = nonInferiorityTest(vanDyke, 0.05, 0.025);
		expect(result.lowerBound).toBeCloseTo(-0.00035885444417137896, 12);
		expect(result.threshold).toBe(-0.05);
		expect(result.margin).toBe(0.05);
		expect(result.rejected).toBe(true);
		expect(result.p).toBeLessThan(0.025);
		expect(result.decision).toMatch(/^non-inferior: lower 97.5% bound -0.0004 > -0.05$/);
	});

	it('refuses a negative margin or an alpha outside (0, 0.5)', () => {
		expect(() => nonInferiorityTest(vanDyke, -0.1, 0.025)).toThrow('margin must be a number ≥ 0');
		expect(() => superiorityTest(vanDyke, 0.6)).toThrow('one-sided alpha');
	});
});
