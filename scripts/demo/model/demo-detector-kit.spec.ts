import { describe, expect, it } from 'vitest';
import { logisticFit, operatingPoint, significant, youdenThreshold } from './demo-detector-kit';

describe('calibration arithmetic', () => {
	it('fits the logistic regression a saturated two-group design gives in closed form', () => {
		// x = 0: truth 0, 1 → P = ½ → intercept = logit ½ = 0.
		// x = 1: truth 0, 1, 1, 1 → P = ¾ → slope + intercept = logit ¾ = ln 3.
		const fit = logisticFit([0, 0, 1, 1, 1, 1], [0, 1, 0, 1, 1, 1]);
		expect(fit.intercept).toBeCloseTo(0, 10);
		expect(fit.slope).toBeCloseTo(Math.log(3), 10);
	});

	it('puts the Youden cut halfway between the scores that separate best', () => {
		// Scores 0.1 0.2 | 0.4 0.6 (negatives) vs 0.3 0.7 0.8 (positives): cutting at 0.65 gives
		// sens 2/3, spec 4/4 (J = 0.667); at 0.25 sens 3/3, spec 2/4 (J = 0.5).
		const scores = [0.1, 0.2, 0.4, 0.6, 0.3, 0.7, 0.8];
		const truth = [0, 0, 0, 0, 1, 1, 1];
		expect(youdenThreshold(scores, truth)).toBeCloseTo(0.65, 12);
		expect(operatingPoint(scores, truth, 0.65)).toMatchObject({ tp: 2, fn: 1, tn: 4, fp: 0 });
	});

	it('rounds to significant digits', () => {
		expect(significant(1.49537, 4)).toBe(1.495);
		expect(significant(-6.32449, 4)).toBe(-6.324);
	});
});
