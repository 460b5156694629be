import { describe, expect, it } from 'vitest';
import { studentTQuantile } from '../distributions';
import {
	limitingPower,
	orPower,
	type PilotComponents,
	type PowerSettings
} from './hillis-obuchowski-berbaum';
import { noncentralTCdf } from './noncentral-t';

import {
	components,
	observedEffect,
	twoSided,
	vanDyke
} from '$fixtures/stats/van-dyke-pilot.fixture';

describe('orPower — RJafroc 1.x test values for dataset02 (Van Dyke), effect = observed difference', () => {
	it('SsPowerGivenJK(dataset02, J = 6, K = 111, "RRRC")$powerRRRC = 0.5526116', () => {
		const result = orPower(vanDyke, 6, 111, twoSided);
		expect(result.power).toBeCloseTo(0.5526116, 7);
	});

	it('gives HOB’s ddf and λ: ddf = D²/(M²/(J − 1)), λ = J d²/(2D) (hand computation)', () => {
		const scale = 114 / 111;
		const correlated = components.cov2 - components.cov3;
		const denominator =
			components.var_tr + scale * (components.var - components.cov1 + 5 * correlated);
		const msTR = components.var_tr + scale * (components.var - components.cov1 - correlated);
		const result = orPower(vanDyke, 6, 111, twoSided);
		expect(result.ddf).toBeCloseTo(denominator ** 2 / (msTR ** 2 / 5), 10);
		expect(result.noncentrality).toBeCloseTo((6 * observedEffect ** 2) / (2 * denominator), 12);
	});
});

describe('orPower — one-sided (non-inferiority / superiority) test', () => {
	const oneSided: PowerSettings = { effect: 0, margin: 0.05, alpha: 0.025, test: 'one-sided' };

	it('is the noncentral-t power of t = (Δ̂ + δ)/SE on the Hillis ddf', () => {
		const result = orPower(vanDyke, 8, 200, oneSided);
		const critical = studentTQuantile(0.975, result.ddf);
		expect(result.criticalValue).toBeCloseTo(critical, 14);
		expect(result.noncentrality).toBeCloseTo(0.05 / result.se, 14);
		expect(result.power).toBeCloseTo(
			1 - noncentralTCdf(critical, result.ddf, 0.05 / result.se),
			13
		);
	});

	it('shifts the effect by the margin', () => {
		const withMargin = orPower(vanDyke, 8, 200, { ...oneSided, effect: 0.01 });
		const superiority = orPower(vanDyke, 8, 200, { ...oneSided, effect: 0.06, margin: 0 });
		expect(withMargin.power).toBeCloseTo(superiority.power, 15);
	});

	it('one-sided at α/2 is two-sided at α up to the opposite tail P(T′ < −t)', () => {
		const one = orPower(vanDyke, 8, 200, {
			effect: 0.04,
			margin: 0,
			alpha: 0.025,
			test: 'one-sided'
		});
		const two = orPower(vanDyke, 8, 200, {
			effect: 0.04,
			margin: 0,
			alpha: 0.05,
			test: 'two-sided'
		});
		const oppositeTail = noncentralTCdf(-one.criticalValue, one.ddf, one.noncentrality);
		expect(two.power).toBeCloseTo(one.power + oppositeTail, 12);
	});

	it('with σ²_TR = 0 and Cov2 = Cov3 has D = M, so ddf_H = r − 1 (HOB 2011)', () => {
		const pilot: PilotComponents = {
			varTR: 0,
			variance: 0.001,
			cov1: 0.0004,
			cov2: 0.0003,
			cov3: 0.0003,
			cases: 100
		};
		const result = orPower(pilot, 10, 100, {
			effect: 0.03,
			margin: 0,
			alpha: 0.025,
			test: 'one-sided'
		});
		expect(result.ddf).toBeCloseTo(9, 12);
		expect(result.se).toBeCloseTo(Math.sqrt((2 * 0.0006) / 10), 15);
		expect(
			limitingPower(pilot, 10, { effect: 0.03, margin: 0, alpha: 0.025, test: 'one-sided' })
		).toBe(1);
	});
});

describe('orPower — refusals', () => {
	it('refuses a margin with the two-sided test and bad inputs', () => {
		expect(() => orPower(vanDyke, 5, 100, { ...twoSided, margin: 0.05 })).toThrow(/one-sided/);
		expect(() => orPower(vanDyke, 1, 100, twoSided)).toThrow(/readers/);
		expect(() => orPower({ ...vanDyke, cases: 1 }, 5, 100, twoSided)).toThrow(/pilot cases/);
	});
});
