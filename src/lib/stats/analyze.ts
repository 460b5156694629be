// One MRMC analysis of a reading study: figures of merit per reader × modality, their
// case-level covariance, the OR or DBM analysis, the margin tests of test vs reference and,
// when reading times were recorded, the reading-time analysis. Every difference between the
// test and the reference modality reads test − reference (hypothesis/orientation.ts). Pure:
// study in, report out.
import { bootstrapCovariance } from './covariance/bootstrap';
import { covarianceAt, type CovarianceMatrix } from './covariance/covariance-matrix';
import { delongCovariance } from './covariance/delong';
import { jackknifeCovarianceFromLeaveOneOut, pseudovalues } from './covariance/jackknife';
import { normalQuantile } from './distributions';
import { aucPlacements, empiricalAucFom } from './fom/empirical-auc';
import type { FigureOfMerit, FomComputation } from './fom/figure-of-merit';
import { readingTimeFom } from './fom/reading-time';
import { sensitivityFom } from './fom/sensitivity';
import { specificityFom } from './fom/specificity';
import { assertAlpha } from './hypothesis/alpha';
import {
	orientAnalysis,
	resolveOrientation,
	type Orientation,
	type OrientationOptions
} from './hypothesis/orientation';
import { planHypothesisTests, type HypothesisTests } from './hypothesis/plan';
import { dorfmanBerbaumMetz, type DbmAnalysis } from './mrmc/dbm';
import { assertMultiReaderMultiModality, DesignError } from './mrmc/design-checks';
import { obuchowskiRockette, type OrAnalysis } from './mrmc/obuchowski-rockette';
import type { FomTable } from './mrmc/types';
import { truthCounts, type ReadingStudy } from './study';

export type AnalysisFom = 'auc' | 'sensitivity' | 'specificity';
export type CovarianceMethod = 'jackknife' | 'delong' | 'bootstrap';
export type AnalysisMethod = 'or' | 'dbm';

export interface AnalysisOptions extends OrientationOptions {
	fom: AnalysisFom;
	covariance: CovarianceMethod;
	method: AnalysisMethod;
	/** Two-sided level of the confidence intervals (default 0.05 → 95 %). */
	alpha?: number;
	bootstrapSamples?: number;
	seed?: number;
	/** Non-inferiority margin δ on the FOM scale (default 0.05). */
	margin?: number;
	/** One-sided α of the margin tests (default 0.025). */
	testAlpha?: number;
}

export interface ReaderFom {
	reader: string;
	modality: string;
	estimate: number;
	/** Standard error from the case covariance (√Var) and normal-theory CI, truncated to [0, 1]. */
	se: number;
	ciLower: number;
	ciUpper: number;
}

export interface AnalysisReport {
	fom: AnalysisFom;
	covariance: CovarianceMethod;
	method: AnalysisMethod;
	alpha: number;
	design: {
		readers: string[];
		modalities: string[];
		cases: number;
		positive: number;
		negative: number;
		jackknifeCases: number;
	};
	fomTable: ReaderFom[];
	/** The pair every difference between them is read as (test − reference); absent when not named. */
	orientation?: Orientation;
	or?: OrAnalysis;
	dbm?: DbmAnalysis;
	hypothesis: HypothesisTests;
	readingTime?: ReadingTimeReport;
	/** Parts of the analysis that could not be run, with the reason. */
	notes: string[];
}

export interface ReadingTimeReport {
	/** Geometric-mean reading time (s) per modality, averaged over readers on the log scale. */
	geometricMeans: Array<{ modality: string; seconds: number; ciLower: number; ciUpper: number }>;
	analysis: OrAnalysis;
}

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
	options: Required<Pick<AnalysisOptions, 'covariance' | 'fom' | 'bootstrapSamples' | 'seed'>>
): CovarianceMatrix {
	if (options.covariance === 'jackknife') {
		return jackknifeCovarianceFromLeaveOneOut(computations.map((c) => c.leaveOneOut()));
	}
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

function readerFoms(
	table: FomTable,
	covariance: CovarianceMatrix,
	alpha: number,
	bounded: boolean
): ReaderFom[] {
	const z = normalQuantile(1 - alpha / 2);
	const clamp = (value: number) => (bounded ? Math.min(Math.max(value, 0), 1) : value);
	const rows: ReaderFom[] = [];
	// Reader-major order, as the peers print their tables.
	table.readers.forEach((reader, j) => {
		table.modalities.forEach((modality, m) => {
			const g = m * table.readers.length + j;
			const estimate = table.estimates[g] as number;
			const se = Math.sqrt(Math.max(covarianceAt(covariance, g, g), 0));
			rows.push({
				reader,
				modality,
				estimate,
				se,
				ciLower: clamp(estimate - z * se),
				ciUpper: clamp(estimate + z * se)
			});
		});
	});
	return rows;
}

/** Run the analysis described by `options` on `study`. */
export function analyzeStudy(study: ReadingStudy, options: AnalysisOptions): AnalysisReport {
	const alpha = options.alpha ?? 0.05;
	assertAlpha(alpha, 'the two-sided alpha of the confidence intervals', 'two');
	if (options.testAlpha !== undefined)
		assertAlpha(options.testAlpha, 'the one-sided alpha of the margin tests', 'one');
	if (options.method === 'dbm' && options.covariance !== 'jackknife') {
		throw new DesignError(
			'the DBM method analyses jackknife pseudovalues; use --covariance jackknife with --method dbm'
		);
	}
	assertMultiReaderMultiModality(
		study.readers.length,
		study.modalities.length,
		`the ${options.method === 'or' ? 'Obuchowski–Rockette' : 'DBM'} analysis`
	);
	const pair = resolveOrientation(study.modalities, options);
	const orientation = typeof pair === 'string' ? undefined : pair;
	const oriented = <T extends OrAnalysis | DbmAnalysis>(analysis: T): T =>
		orientation ? orientAnalysis(analysis, orientation) : analysis;
	const figure = FIGURES[options.fom];
	const computations = computeAll(fomValues(study, options.fom), figure, study.truth);
	const table: FomTable = {
		readers: study.readers,
		modalities: study.modalities,
		estimates: Float64Array.from(computations, (c) => c.estimate)
	};
	const settings = {
		covariance: options.covariance,
		fom: options.fom,
		bootstrapSamples: options.bootstrapSamples ?? 2000,
		seed: options.seed ?? 20240601
	};
	const jackknifeCases = figure.jackknifeCases(study.truth).length;
	const leaveOneOut =
		options.method === 'dbm' ? computations.map((c) => c.leaveOneOut()) : undefined;
	const covariance = leaveOneOut
		? jackknifeCovarianceFromLeaveOneOut(leaveOneOut)
		: covarianceFor(study, computations, settings);
	const or =
		options.method === 'or'
			? oriented(
					obuchowskiRockette(table, covariance, { alpha, bounded: figure.boundedToUnitInterval })
				)
			: undefined;
	const dbm = leaveOneOut
		? oriented(
				dorfmanBerbaumMetz(
					table,
					pseudovalueCube(computations, leaveOneOut, table),
					alpha,
					figure.boundedToUnitInterval
				)
			)
		: undefined;
	const notes: string[] = [];
	const timed = study.timeMs ? tryReadingTime(study, alpha, notes) : undefined;
	const readingTime = timed && { ...timed, analysis: oriented(timed.analysis) };
	const rrrc = (or ?? (dbm as DbmAnalysis)).rrrc;
	return {
		fom: options.fom,
		covariance: options.covariance,
		method: options.method,
		alpha,
		design: {
			readers: study.readers,
			modalities: study.modalities,
			cases: study.cases.length,
			...truthCounts(study.truth),
			jackknifeCases
		},
		fomTable: readerFoms(table, covariance, alpha, figure.boundedToUnitInterval),
		...(orientation ? { orientation } : {}),
		or,
		dbm,
		hypothesis: planHypothesisTests(pair, rrrc, readingTime?.analysis.rrrc, options),
		readingTime,
		notes
	};
}

function tryReadingTime(
	study: ReadingStudy,
	alpha: number,
	notes: string[]
): ReadingTimeReport | undefined {
	const times = (study.timeMs as Float64Array[][]).flatMap((byReader) =>
		byReader.flatMap((series) => Array.from(series))
	);
	const missing = times.filter(Number.isNaN).length;
	if (missing > 0)
		notes.push(
			`reading time missing for ${missing} of ${times.length} reads: those reads are left out of the reading-time analysis only`
		);
	try {
		return analyzeReadingTime(study, alpha);
	} catch (error) {
		if (!(error instanceof DesignError)) throw error;
		notes.push(`reading-time analysis skipped: ${error.message}`);
		return undefined;
	}
}

function pseudovalueCube(
	computations: FomComputation[],
	leaveOneOut: Float64Array[],
	table: FomTable
): Float64Array[][] {
	const r = table.readers.length;
	return table.modalities.map((_, m) =>
		table.readers.map((_, j) => {
			const g = m * r + j;
			return pseudovalues(
				(computations[g] as FomComputation).estimate,
				leaveOneOut[g] as Float64Array
			);
		})
	);
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
