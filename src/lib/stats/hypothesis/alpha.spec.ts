// One range for the one-sided significance level, used by `tandem analyze --alpha`, the
// protocol's endpoint alpha and the pure analysis itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '../analyze';
import { parseLongCsv } from '../input/long-csv';
import { DesignError } from '../design-error';
import { ONE_SIDED_ALPHA, oneSidedAlphaProblem } from './alpha';

const study = parseLongCsv(
	readFileSync(
		new URL('../../../../tests/fixtures/stats/three-modalities.csv', import.meta.url),
		'utf8'
	)
);

describe('one-sided alpha', () => {
	it('is at most 0.1 and more than 0', () => {
		expect(ONE_SIDED_ALPHA).toEqual({ min: 0.000001, max: 0.1 });
		for (const good of [0.025, 0.05, 0.1, 0.000001])
			expect(oneSidedAlphaProblem(good)).toBeUndefined();
		for (const bad of [0.5, 0.2, 0, -0.025, 1, Number.NaN, Infinity, 1e-9])
			expect(oneSidedAlphaProblem(bad)).toMatch(
				/^must be a one-sided significance level between 0\.000001 and 0\.1/
			);
	});

	it('is refused by the analysis itself, naming the setting', () => {
		const options = {
			fom: 'auc',
			covariance: 'jackknife',
			method: 'or',
			aided: 'MRI',
			unaided: 'XR'
		} as const;
		expect(() => analyzeStudy(study, { ...options, testAlpha: 0.5 })).toThrowError(DesignError);
		expect(() => analyzeStudy(study, { ...options, testAlpha: 0.5 })).toThrow(
			'the one-sided alpha of the margin tests must be a one-sided significance level between 0.000001 and 0.1 (0.025 is usual), got 0.5'
		);
		expect(() => analyzeStudy(study, { ...options, alpha: 0.9 })).toThrow(
			'the two-sided alpha of the confidence intervals must be between 0.000002 and 0.2, got 0.9'
		);
	});
});
