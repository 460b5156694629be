// The report of one MRMC analysis and the options that ask for it, shared by the case-level
// analysis (analyze.ts) and the lesion-level one (lesion/analyze-lesions.ts).
import type { Orientation, OrientationOptions } from './hypothesis/orientation';
import type { HypothesisTests } from './hypothesis/plan';
import type { DbmAnalysis } from './mrmc/dbm';
import type { OrAnalysis } from './mrmc/obuchowski-rockette';

/** Case-level figures of merit (one rating or decision per case). */
export type AnalysisFom = 'auc' | 'sensitivity' | 'specificity';
/** Lesion-level figures of merit (marks matched to truth lesions; lesion/lesion-figures.ts). */
export type LesionFom =
	| 'wafroc'
	| 'afroc'
	| 'wafroc1'
	| 'afroc1'
	| 'hr-auc'
	| 'lesion-sensitivity'
	| 'nl-per-image'
	| 'pcl'
	| 'alroc';
export type ReportFom = AnalysisFom | LesionFom;
export type CovarianceMethod = 'jackknife' | 'delong' | 'bootstrap';
export type AnalysisMethod = 'or' | 'dbm';

/** What every MRMC analysis is told besides its figure of merit. */
export interface MrmcOptions extends OrientationOptions {
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

export interface AnalysisOptions extends MrmcOptions {
	fom: AnalysisFom;
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

/** What a report says about the study's design. */
export interface StudyDesign {
	readers: string[];
	modalities: string[];
	cases: number;
	positive: number;
	negative: number;
	/** The cases the jackknife leaves out one at a time (all, or one truth class). */
	jackknifeCases: number;
}

export interface AnalysisReport {
	fom: ReportFom;
	covariance: CovarianceMethod;
	method: AnalysisMethod;
	alpha: number;
	design: StudyDesign;
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
