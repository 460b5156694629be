// The MRMC analysis common to every figure of merit, once the figures are computed per reader ×
// modality: their case-level covariance, the OR or DBM analysis, the per-reader table and the
// margin tests of test vs reference. The case-level analysis (analyze.ts) and the lesion-level
// one (lesion/analyze-lesions.ts) each compute their figures and hand them over here.
import { covarianceAt, type CovarianceMatrix } from './covariance/covariance-matrix';
import { jackknifeCovarianceFromLeaveOneOut, pseudovalues } from './covariance/jackknife';
import { normalQuantile } from './distributions';
import type { FomComputation } from './fom/figure-of-merit';
import { assertAlpha } from './hypothesis/alpha';
import { orientAnalysis, resolveOrientation } from './hypothesis/orientation';
import { planHypothesisTests } from './hypothesis/plan';
import { dorfmanBerbaumMetz, type DbmAnalysis } from './mrmc/dbm';
import { assertMultiReaderMultiModality, DesignError } from './mrmc/design-checks';
import { obuchowskiRockette, type OrAnalysis } from './mrmc/obuchowski-rockette';
import type { FomTable } from './mrmc/types';
import type {
	AnalysisReport,
	MrmcOptions,
	ReaderFom,
	ReadingTimeReport,
	ReportFom,
	StudyDesign
} from './analysis-report';
import { truthCounts } from './study';

export interface CovarianceSettings {
	covariance: MrmcOptions['covariance'];
	fom: ReportFom;
	bootstrapSamples: number;
	seed: number;
}

/** The figures of one study, computed, with what the report says about its design. */
export interface ComputedFigures {
	fom: ReportFom;
	design: StudyDesign;
	/** The figure lies in [0, 1]: per-modality and per-reader limits are truncated to it. */
	bounded: boolean;
	/** One computation per modality × reader (m · readers + j). */
	computations: FomComputation[];
	/** The covariance of the figures by DeLong or the bootstrap (the jackknife is done here). */
	covariance(settings: CovarianceSettings): CovarianceMatrix;
	/** The reading-time analysis, when the study recorded reading times. */
	readingTime?(alpha: number, notes: string[]): ReadingTimeReport | undefined;
}

/** The design of a study whose cases carry `truth`, with the jackknife's case count. */
export function studyDesign(
	study: { readers: string[]; modalities: string[]; cases: string[]; truth: Uint8Array },
	jackknifeCases: number
): StudyDesign {
	return {
		readers: study.readers,
		modalities: study.modalities,
		cases: study.cases.length,
		...truthCounts(study.truth),
		jackknifeCases
	};
}

/** Run the OR or DBM analysis that `options` ask for on computed figures. */
export function analyzeFigures(figures: ComputedFigures, options: MrmcOptions): AnalysisReport {
	const alpha = options.alpha ?? 0.05;
	assertAlpha(alpha, 'the two-sided alpha of the confidence intervals', 'two');
	if (options.testAlpha !== undefined)
		assertAlpha(options.testAlpha, 'the one-sided alpha of the margin tests', 'one');
	if (options.method === 'dbm' && options.covariance !== 'jackknife') {
		throw new DesignError(
			'the DBM method analyses jackknife pseudovalues; use --covariance jackknife with --method dbm'
		);
	}
	const { computations, bounded } = figures;
	const { readers, modalities } = figures.design;
	assertMultiReaderMultiModality(
		readers.length,
		modalities.length,
		`the ${options.method === 'or' ? 'Obuchowski–Rockette' : 'DBM'} analysis`
	);
	const pair = resolveOrientation(modalities, options);
	const orientation = typeof pair === 'string' ? undefined : pair;
	const oriented = <T extends OrAnalysis | DbmAnalysis>(analysis: T): T =>
		orientation ? orientAnalysis(analysis, orientation) : analysis;
	const table: FomTable = {
		readers,
		modalities,
		estimates: Float64Array.from(computations, (c) => c.estimate)
	};
	const jackknife =
		options.method === 'dbm' || options.covariance === 'jackknife'
			? computations.map((c) => c.leaveOneOut())
			: undefined;
	const covariance = jackknife
		? jackknifeCovarianceFromLeaveOneOut(jackknife)
		: figures.covariance({
				covariance: options.covariance,
				fom: figures.fom,
				bootstrapSamples: options.bootstrapSamples ?? 2000,
				seed: options.seed ?? 20240601
			});
	const or =
		options.method === 'or'
			? oriented(obuchowskiRockette(table, covariance, { alpha, bounded }))
			: undefined;
	const dbm =
		options.method === 'dbm' && jackknife
			? oriented(
					dorfmanBerbaumMetz(table, pseudovalueCube(computations, jackknife, table), alpha, bounded)
				)
			: undefined;
	const notes: string[] = [];
	const timed = figures.readingTime?.(alpha, notes);
	const readingTime = timed && { ...timed, analysis: oriented(timed.analysis) };
	const rrrc = (or ?? (dbm as DbmAnalysis)).rrrc;
	return {
		fom: figures.fom,
		covariance: options.covariance,
		method: options.method,
		alpha,
		design: figures.design,
		fomTable: readerFoms(table, covariance, alpha, bounded),
		...(orientation ? { orientation } : {}),
		or,
		dbm,
		hypothesis: planHypothesisTests(pair, rrrc, readingTime?.analysis.rrrc, options),
		readingTime,
		notes
	};
}

/** Jackknife pseudovalues Y[m][j][k] of every reader × modality. */
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
