// One MRMC analysis of a reading study: figures of merit per reader × modality, their
// case-level covariance, the OR or DBM analysis, the margin tests of test vs reference and,
// when reading times were recorded, the reading-time analysis. Every difference between the
// test and the reference modality reads test − reference (hypothesis/orientation.ts). Pure:
// study in, report out.
import { analyzeFigures, studyDesign, type CovarianceSettings } from './analyze-figures';
import type {
	AnalysisFom,
	AnalysisOptions,
	AnalysisReport,
	ReadingTimeReport
} from './analysis-report';
import { bootstrapCovariance } from './covariance/bootstrap';
import type { CovarianceMatrix } from './covariance/covariance-matrix';
import { delongCovariance } from './covariance/delong';
import { jackknifeCovarianceFromLeaveOneOut } from './covariance/jackknife';
import { aucPlacements, empiricalAucFom } from './fom/empirical-auc';
import type { FigureOfMerit, FomComputation } from './fom/figure-of-merit';
import { readingTimeFom } from './fom/reading-time';
import { sensitivityFom } from './fom/sensitivity';
import { specificityFom } from './fom/specificity';
import { DesignError } from './mrmc/design-checks';
import { obuchowskiRockette } from './mrmc/obuchowski-rockette';
import type { FomTable } from './mrmc/types';
import type { ReadingStudy } from './study';

export type {
	AnalysisFom,
	AnalysisMethod,
	AnalysisOptions,
	AnalysisReport,
	CovarianceMethod,
	ReaderFom,
	ReadingTimeReport
} from './analysis-report';

const FIGURES: Record<AnalysisFom, FigureOfMerit> = {
	auc: empiricalAucFom,
	sensitivity: sensitivityFom,
	specificity: specificityFom
};

/** The values the figure of merit is computed from, per modality × reader. */
function fomValues(study: ReadingStudy, fom: AnalysisFom): Float64Array[][] {
	if (fom === 'auc') return study.rating;
	if (study.decision) return study.decision;
	const binary = study.rating.every((byReader) =>
		byReader.every((values) => values.every((v) => v === 0 || v === 1))
	);
	if (!binary) {
		throw new DesignError(
			`${fom} needs binary calls: add a 'decision' column (0/1) or give 0/1 ratings`
		);
	}
	return study.rating;
}

function computeAll(
	values: Float64Array[][],
	figure: FigureOfMerit,
	truth: Uint8Array
): FomComputation[] {
	return values.flatMap((byReader) => byReader.map((series) => figure.compute(series, truth)));
}

function covarianceFor(
	study: ReadingStudy,
	computations: FomComputation[],
	options: CovarianceSettings
): CovarianceMatrix {
	if (options.covariance === 'delong') {
		if (options.fom !== 'auc')
			throw new DesignError(
				'DeLong covariance is defined for the empirical AUC only; use --covariance jackknife or bootstrap'
			);
		return delongCovariance(
			study.rating.flatMap((byReader) =>
				byReader.map((series) => aucPlacements(series, study.truth))
			)
		);
	}
	return bootstrapCovariance(computations, study.truth, {
		samples: options.bootstrapSamples,
		seed: options.seed
	});
}

/** Run the analysis described by `options` on `study`. */
export function analyzeStudy(study: ReadingStudy, options: AnalysisOptions): AnalysisReport {
	const figure = FIGURES[options.fom];
	const computations = computeAll(fomValues(study, options.fom), figure, study.truth);
	return analyzeFigures(
		{
			fom: options.fom,
			design: studyDesign(study, figure.jackknifeCases(study.truth).length),
			bounded: figure.boundedToUnitInterval,
			computations,
			covariance: (settings) => covarianceFor(study, computations, settings),
			readingTime: (alpha, notes) =>
				study.timeMs ? tryReadingTime(study, alpha, notes) : undefined
		},
		options
	);
}

function tryReadingTime(
	study: ReadingStudy,
	alpha: number,
	notes: string[]
): ReadingTimeReport | undefined {
	let [missing, reads] = [0, 0];
	for (const byReader of study.timeMs as Float64Array[][])
		for (const series of byReader) {
			reads += series.length;
			for (let k = 0; k < series.length; k++) if (Number.isNaN(series[k])) missing++;
		}
	if (missing > 0)
		notes.push(
			`reading time missing for ${missing} of ${reads} reads: those reads are left out of the reading-time analysis only`
		);
	try {
		return analyzeReadingTime(study, alpha);
	} catch (error) {
		if (!(error instanceof DesignError)) throw error;
		notes.push(`reading-time analysis skipped: ${error.message}`);
		return undefined;
	}
}

/** OR RRRC analysis of mean log-seconds per reader × modality (jackknife covariance). */
function analyzeReadingTime(study: ReadingStudy, alpha: number): ReadingTimeReport {
	const times = study.timeMs as Float64Array[][];
	const computations = computeAll(times, readingTimeFom, study.truth);
	const table: FomTable = {
		readers: study.readers,
		modalities: study.modalities,
		estimates: Float64Array.from(computations, (c) => c.estimate)
	};
	const covariance = jackknifeCovarianceFromLeaveOneOut(computations.map((c) => c.leaveOneOut()));
	const analysis = obuchowskiRockette(table, covariance, { alpha, bounded: false });
	return {
		geometricMeans: analysis.rrrc.modalityCi.map((row) => ({
			modality: row.modality,
			seconds: Math.exp(row.estimate),
			ciLower: Math.exp(row.ciLower),
			ciUpper: Math.exp(row.ciUpper)
		})),
		analysis
	};
}
