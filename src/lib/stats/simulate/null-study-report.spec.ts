import { describe, expect, it } from 'vitest';
import { simulateNullStudies } from './null-study';
import { nullStudyReportToJson, nullStudyReportToText } from './null-study-report';
import { ROE_METZ_STRUCTURES, separationForAuc } from './roe-metz';

describe('null-study report', () => {
	const options = {
		studies: 20,
		readers: 4,
		positiveCases: 20,
		negativeCases: 30,
		separation: separationForAuc(0.8, ROE_METZ_STRUCTURES.LH),
		variances: ROE_METZ_STRUCTURES.LH,
		seed: 5,
		alpha: 0.05,
		covariance: 'delong' as const
	};
	const report = {
		structure: 'LH' as const,
		auc: 0.8,
		options,
		result: simulateNullStudies(options)
	};

	it('carries the counts and the Monte Carlo SE into JSON', () => {
		const json = nullStudyReportToJson(report) as {
			type_i_error: { trials: number; monte_carlo_se: number };
			design: { readers: number };
		};
		expect(json.type_i_error.trials).toBe(20);
		expect(json.type_i_error.monte_carlo_se).toBe(report.result.monteCarloSe);
		expect(json.design.readers).toBe(4);
	});

	it('prints a text summary', () => {
		const text = nullStudyReportToText(report);
		expect(text).toMatch(
			/^Roe–Metz null simulation: 20 studies, 4 readers, 50 cases \(20 diseased\), structure LH/
		);
		expect(text).toMatch(/type I error: \d\.\d{4} \(\d+\/20\), Monte Carlo SE/);
	});
});
