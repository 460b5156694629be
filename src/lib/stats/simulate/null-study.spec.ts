import { describe, expect, it } from 'vitest';
import { binomialAcceptance } from './monte-carlo-check.fixture';
import { simulateNullStudies } from './null-study';
import { ROE_METZ_STRUCTURES, separationForAuc } from './roe-metz';

// The RRRC OR test with Hillis ddf keeps its nominal size on Roe–Metz null studies (Hillis,
// Obuchowski, Schartz & Berbaum 2005, Stat Med 24:1579, Table III: empirical type I errors
// close to 0.05 for every Roe–Metz structure). With K studies the observed rejection count
// must lie in the central 99.9 % of Binomial(K, 0.05).
describe('binomialAcceptance (test helper)', () => {
	it('matches scipy.stats.binom.ppf(0.0005, …) / isf(0.0005, …): [7, 36] and [364, 393] for n = 400', () => {
		expect(binomialAcceptance(400, 0.05, 0.001)).toEqual([7, 36]);
		expect(binomialAcceptance(400, 0.95, 0.001)).toEqual([364, 393]);
	});
});

describe('simulateNullStudies — type I error of the RRRC test', () => {
	const base = {
		studies: 400,
		readers: 5,
		positiveCases: 50,
		negativeCases: 50,
		separation: separationForAuc(0.75, ROE_METZ_STRUCTURES.HL),
		variances: ROE_METZ_STRUCTURES.HL,
		seed: 20240601,
		alpha: 0.05
	};

	it('HL, AUC 0.75, jackknife: rejections within the binomial 99.9 % range of 5 %', () => {
		const progress: number[] = [];
		const result = simulateNullStudies({
			...base,
			covariance: 'jackknife',
			onProgress: (done) => progress.push(done)
		});
		const [low, high] = binomialAcceptance(400, 0.05, 0.001);
		expect(result.failures).toBe(0);
		expect(result.rejections).toBeGreaterThanOrEqual(low);
		expect(result.rejections).toBeLessThanOrEqual(high);
		expect(result.typeIError.ciLower).toBeLessThan(result.typeIError.estimate);
		expect(result.monteCarloSe).toBeCloseTo(
			Math.sqrt((result.typeIError.estimate * (1 - result.typeIError.estimate)) / 400),
			15
		);
		// The difference interval contains 0 exactly when the test does not reject.
		expect(result.differenceCoverage.successes).toBe(400 - result.rejections);
		expect(progress).toHaveLength(400);
		expect(progress[399]).toBe(400);
	});

	it('HH, AUC 0.75, DeLong: rejections within the binomial 99.9 % range; modality CIs cover the population AUC', () => {
		const result = simulateNullStudies({
			...base,
			seed: 99,
			variances: ROE_METZ_STRUCTURES.HH,
			separation: separationForAuc(0.75, ROE_METZ_STRUCTURES.HH),
			covariance: 'delong'
		});
		const [low, high] = binomialAcceptance(400, 0.05, 0.001);
		expect(result.rejections).toBeGreaterThanOrEqual(low);
		expect(result.rejections).toBeLessThanOrEqual(high);
		// Pooled over the two modalities of each study. The two intervals of a study share the case
		// and reader effects, so the pooled count is between Binomial(800) and twice a
		// Binomial(400) count; the wider (fully correlated) 99.9 % range is the fair one.
		const [coverageLow, coverageHigh] = binomialAcceptance(400, 0.95, 0.001);
		expect(result.modalityCoverage.covered).toBeGreaterThanOrEqual(2 * coverageLow);
		expect(result.modalityCoverage.covered).toBeLessThanOrEqual(2 * coverageHigh);
		expect(result.modalityCoverage.intervals).toBe(800);
		expect(Math.abs(result.meanAuc - result.populationAuc)).toBeLessThan(0.01);
	});

	it('is reproducible from the seed and refuses a one-reader design', () => {
		const small = { ...base, studies: 5, covariance: 'delong' as const };
		expect(simulateNullStudies(small)).toEqual(simulateNullStudies(small));
		expect(simulateNullStudies({ ...small, seed: small.seed + 1 }).meanAuc).not.toBe(
			simulateNullStudies(small).meanAuc
		);
		expect(() => simulateNullStudies({ ...small, readers: 1 })).toThrow(/at least 2 readers/);
	});
});
