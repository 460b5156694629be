// One MRMC analysis of a lesion-level study: a lesion-level figure of merit per reader ×
// modality (lesion-figures.ts), then the same OR or DBM analysis as the case-level figures
// (analyze-figures.ts). The jackknife is the one RJafroc uses; the bootstrap resamples cases
// within truth classes; DeLong is for the empirical AUC only and is refused here.
import { analyzeFigures, studyDesign } from '../analyze-figures';
import type { AnalysisReport, LesionFom, MrmcOptions } from '../analysis-report';
import { bootstrapCovariance } from '../covariance/bootstrap';
import { DesignError } from '../design-error';
import { LESION_FIGURES } from './lesion-figures';
import type { LesionStudy } from './lesion-study';

export interface LesionAnalysisOptions extends MrmcOptions {
	fom: LesionFom;
}

export function analyzeLesionStudy(
	study: LesionStudy,
	options: LesionAnalysisOptions
): AnalysisReport {
	const figure = LESION_FIGURES[options.fom];
	const computations = study.marks.flatMap((byReader) =>
		byReader.map((marks) => figure.compute(study, marks))
	);
	return analyzeFigures(
		{
			fom: options.fom,
			design: studyDesign(study, figure.jackknifeCases(study.truth).length),
			bounded: figure.boundedToUnitInterval,
			computations,
			covariance(settings) {
				if (settings.covariance === 'delong')
					throw new DesignError(
						`DeLong covariance is defined for the empirical AUC only; use --covariance jackknife or bootstrap with --fom ${options.fom}`
					);
				return bootstrapCovariance(computations, study.truth, {
					samples: settings.bootstrapSamples,
					seed: settings.seed
				});
			}
		},
		options
	);
}
