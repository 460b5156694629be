// The result of `tandem simulate` as a plain object (JSON) or text.
import type { NullStudyOptions, NullStudyResult } from './null-study';
import type { RoeMetzStructure } from './roe-metz';

export interface NullStudyReport {
	structure: RoeMetzStructure;
	auc: number;
	options: Omit<NullStudyOptions, 'onProgress'>;
	result: NullStudyResult;
}

const proportion = (p: {
	estimate: number;
	ciLower: number;
	ciUpper: number;
	successes: number;
	trials: number;
}) => ({
	estimate: p.estimate,
	successes: p.successes,
	trials: p.trials,
	ci_lower: p.ciLower,
	ci_upper: p.ciUpper
});

/** JSON document (snake_case keys). */
export function nullStudyReportToJson(report: NullStudyReport): Record<string, unknown> {
	const { options, result } = report;
	return {
		model: 'Roe & Metz 1997',
		structure: report.structure,
		variances: {
			var_r: options.variances.reader,
			var_tr: options.variances.modalityReader,
			var_c: options.variances.case,
			var_tc: options.variances.modalityCase,
			var_rc: options.variances.readerCase,
			var_error: options.variances.error
		},
		separation: options.separation,
		typical_reader_auc: result.typicalReaderAuc,
		population_auc: result.populationAuc,
		design: {
			studies: options.studies,
			readers: options.readers,
			positive: options.positiveCases,
			negative: options.negativeCases,
			seed: options.seed
		},
		analysis: {
			method: 'or',
			test: 'rrrc',
			fom: 'auc',
			covariance: options.covariance,
			alpha: options.alpha
		},
		type_i_error: { ...proportion(result.typeIError), monte_carlo_se: result.monteCarloSe },
		difference_coverage: proportion(result.differenceCoverage),
		modality_coverage: {
			estimate: result.modalityCoverage.estimate,
			covered: result.modalityCoverage.covered,
			intervals: result.modalityCoverage.intervals,
			monte_carlo_se: result.modalityCoverage.monteCarloSe,
			ci_lower: result.modalityCoverage.ciLower,
			ci_upper: result.modalityCoverage.ciUpper
		},
		mean_auc: result.meanAuc,
		median_ddf: Number.isFinite(result.medianDdf) ? result.medianDdf : 'Infinity',
		refused_studies: result.failures
	};
}

const fixed = (value: number, digits = 4) => value.toFixed(digits);

/** Human-readable summary. */
export function nullStudyReportToText(report: NullStudyReport): string {
	const { options, result } = report;
	const { typeIError, differenceCoverage, modalityCoverage } = result;
	const cases = options.positiveCases + options.negativeCases;
	return [
		`Roe–Metz null simulation: ${options.studies} studies, ${options.readers} readers, ${cases} cases (${options.positiveCases} diseased), ` +
			`structure ${report.structure}, typical-reader AUC ${report.auc} (μ = ${fixed(options.separation)}), seed ${options.seed}`,
		`analysis: Obuchowski–Rockette RRRC test with Hillis ddf, empirical AUC, ${options.covariance} covariance, alpha ${options.alpha}`,
		`type I error: ${fixed(typeIError.estimate)} (${typeIError.successes}/${typeIError.trials}), Monte Carlo SE ${fixed(result.monteCarloSe)}, ` +
			`95% CI ${fixed(typeIError.ciLower)}–${fixed(typeIError.ciUpper)} (nominal ${options.alpha})`,
		`difference CI coverage of the true difference 0: ${fixed(differenceCoverage.estimate)} (${differenceCoverage.successes}/${differenceCoverage.trials})`,
		`modality CI coverage of the population AUC ${fixed(result.populationAuc)}: ${fixed(modalityCoverage.estimate)} ` +
			`(${modalityCoverage.covered}/${modalityCoverage.intervals}), Monte Carlo SE ${fixed(modalityCoverage.monteCarloSe)}, ` +
			`95% CI ${fixed(modalityCoverage.ciLower)}–${fixed(modalityCoverage.ciUpper)}`,
		`mean reader-averaged AUC ${fixed(result.meanAuc)}; median Hillis ddf ${Number.isFinite(result.medianDdf) ? result.medianDdf.toFixed(1) : 'inf'}; ` +
			`studies refused by the analysis ${result.failures}`,
		''
	].join('\n');
}
