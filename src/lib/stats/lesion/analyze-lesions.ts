// One MRMC analysis of a lesion-level study: a lesion-level figure of merit per reader ×
// modality (lesion-figures.ts), then the same OR or DBM analysis as the case-level figures
// (analyze-figures.ts). The jackknife is the one RJafroc uses; the bootstrap resamples cases
// within truth classes; DeLong is for the empirical AUC only and is refused here.
import { analyzeFigures, studyDesign } from '../analyze-figures';
import type { AnalysisReport, LesionFom, MrmcOptions } from '../analysis-report';
import { bootstrapCovariance } from '../covariance/bootstrap';
import { DesignError } from '../design-error';
import { lesionFigure, type LesionFigureSettings } from './lesion-figures';
import type { LesionStudy } from './lesion-study';

export interface LesionAnalysisOptions extends MrmcOptions, LesionFigureSettings {
	fom: LesionFom;
}

export function analyzeLesionStudy(
	study: LesionStudy,
	options: LesionAnalysisOptions
): AnalysisReport {
	const figure = lesionFigure(options.fom, options);
	const computations = study.marks.flatMap((byReader) =>
		byReader.map((marks) => figure.compute(study, marks))
	);
	const report = analyzeFigures(
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
	if (options.fom === 'pcl' || options.fom === 'alroc') report.notes.push(LROC_NOTE(figure.label));
	return report;
}

const LROC_NOTE = (label: string) =>
	`${label}: a diseased case is correctly localised when its highest mark is an LL; PCL interpolates linearly between the LROC's operating points either side of the FPF (RJafroc's rule), ALROC is the trapezoidal area up to it`;
