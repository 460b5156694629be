// One declared endpoint of a trial, analysed exactly as `tandem analyze` does on the exported
// reads (Obuchowski–Rockette, jackknife covariance, Hillis df): the reader-averaged value per
// arm, the test − reference difference under random readers and cases (RRRC, the decision
// analysis) and the fixed-reader (FRRC) and fixed-case (RRFC) variants, and the one-sided test
// the protocol declares against its margin, whose one-sided p is the one shown beside the decision
// (the RRRC difference's two-sided p of no difference is kept as `pTwoSided`). Reading time is the
// ratio of geometric means.
import { analyzeStudy, type AnalysisFom, type AnalysisReport } from '../analyze';
import { DesignError } from '../design-error';
import { declaredP, type DeclaredP } from '../hypothesis/declared-p';
import type { MarginTestResult } from '../hypothesis/margin-tests';
import type { ReadingTimeTestResult } from '../hypothesis/reading-time-test';
import type { ModalityInterval, ReaderContrast } from '../mrmc/types';
import type { ReadingStudy } from '../study';
import type { LowerIsBetterTestResult } from './lower-is-better-test';
import { orientedDifference, type Difference } from './oriented-contrast';
import { isLesionMetric, type ArmPair, type TrialEndpoint } from './trial-input';

export interface ArmEstimate {
	arm: string;
	estimate: number;
	ciLower: number;
	ciUpper: number;
}

/** The RRRC difference with its F test; `pTwoSided` tests Δ = 0 (not the declared test). */
export type RrrcDifference = Omit<Difference, 'p'> & {
	pTwoSided: number;
	f: number;
	df1: number;
	df2: number;
};

export interface ReaderDifference extends Difference {
	reader: string;
}

export interface EndpointResult {
	endpoint: TrialEndpoint;
	/** 'difference' on the metric's scale, or 'ratio' (test / reference) for reading time. */
	scale: 'difference' | 'ratio';
	/**
	 * Which way is better: 'higher' (AUC, wAFROC, sensitivities: the test arm should be above the
	 * reference) or 'lower' (reading time, NLs per image: the test arm should be below it).
	 */
	better: 'higher' | 'lower';
	arms: ArmEstimate[];
	/** RRRC (readers and cases random): the analysis the decision rests on. */
	rrrc: RrrcDifference;
	/** Readers fixed, cases random; per reader as well. */
	frrc: Difference;
	/** Readers random, cases fixed. */
	rrfc: Difference;
	readerDifferences: ReaderDifference[];
	test: MarginTestResult | ReadingTimeTestResult | LowerIsBetterTestResult;
	/** The declared test's one-sided p against its bound: the p shown beside the decision. */
	declared: DeclaredP;
	/** True when the endpoint's hypothesis is shown (the same as declared.p < α). */
	met: boolean;
	/** The figures `tandem analyze` prints for this endpoint, for traceability. */
	report: AnalysisReport;
}

function armEstimates(
	rows: readonly ModalityInterval[],
	transform: (value: number) => number = (value) => value
): ArmEstimate[] {
	return rows.map((row) => ({
		arm: row.modality,
		estimate: transform(row.estimate),
		ciLower: transform(row.ciLower),
		ciUpper: transform(row.ciUpper)
	}));
}

function readerDifferences(rows: readonly ReaderContrast[], arms: ArmPair): ReaderDifference[] {
	const readers = [...new Set(rows.map((row) => row.reader))];
	return readers.map((reader) => ({
		reader,
		...orientedDifference(
			rows.filter((row) => row.reader === reader),
			arms
		)
	}));
}

function rrrcOf(
	{ p, ...difference }: Difference,
	test: { f: number; df1: number; df2: number }
): RrrcDifference {
	return { ...difference, pTwoSided: p, f: test.f, df1: test.df1, df2: test.df2 };
}

const exponentiated = (difference: Difference): Difference => ({
	...difference,
	estimate: Math.exp(difference.estimate),
	ciLower: Math.exp(difference.ciLower),
	ciUpper: Math.exp(difference.ciUpper)
});

/** Analyse `endpoint` on the study; `alpha` is the two-sided level of the confidence intervals. */
export function analyzeEndpoint(
	study: ReadingStudy,
	endpoint: TrialEndpoint,
	arms: ArmPair,
	alpha = 0.05
): EndpointResult {
	if (isLesionMetric(endpoint.metric))
		throw new DesignError(`${endpoint.metric} is a lesion-level metric: see lesion-endpoint.ts`);
	const fom: AnalysisFom = endpoint.metric === 'reading_time' ? 'auc' : endpoint.metric;
	const report = analyzeStudy(study, {
		fom,
		covariance: 'jackknife',
		method: 'or',
		alpha,
		margin: endpoint.margin ?? 0,
		testAlpha: endpoint.alpha,
		aided: arms.test,
		unaided: arms.reference
	});
	if (endpoint.metric === 'reading_time') {
		if (!report.readingTime || !report.hypothesis.readingTime)
			throw new DesignError('the reading-time endpoint needs a reading time for every read');
		const or = report.readingTime.analysis;
		const test = report.hypothesis.readingTime;
		return {
			endpoint,
			scale: 'ratio',
			better: 'lower',
			arms: armEstimates(or.rrrc.modalityCi, Math.exp),
			rrrc: rrrcOf(exponentiated(orientedDifference(or.rrrc.diffs, arms)), or.rrrc),
			frrc: exponentiated(orientedDifference(or.frrc.diffs, arms)),
			rrfc: exponentiated(orientedDifference(or.rrfc.diffs, arms)),
			readerDifferences: readerDifferences(or.frrc.readerDiffs, arms).map((row) => ({
				...row,
				...exponentiated(row)
			})),
			test,
			declared: declaredP(test),
			met: test.rejected,
			report
		};
	}
	return differenceEndpoint(report, endpoint, arms);
}

/** The OR analysis's figures of a difference endpoint, test − reference, without its test. */
export function differenceFigures(
	report: AnalysisReport,
	arms: ArmPair
): Pick<EndpointResult, 'arms' | 'rrrc' | 'frrc' | 'rrfc' | 'readerDifferences'> {
	const or = report.or;
	if (!or) throw new Error('the OR analysis is missing');
	return {
		arms: armEstimates(or.rrrc.modalityCi),
		rrrc: rrrcOf(orientedDifference(or.rrrc.diffs, arms), or.rrrc),
		frrc: orientedDifference(or.frrc.diffs, arms),
		rrfc: orientedDifference(or.rrfc.diffs, arms),
		readerDifferences: readerDifferences(or.frrc.readerDiffs, arms)
	};
}

/** A higher-is-better endpoint decided by the report's margin test (case- or lesion-level). */
export function differenceEndpoint(
	report: AnalysisReport,
	endpoint: TrialEndpoint,
	arms: ArmPair
): EndpointResult {
	const test = report.hypothesis.tests.find((row) => row.kind === endpoint.hypothesis);
	if (!test)
		throw new DesignError(report.hypothesis.note ?? `no ${endpoint.hypothesis} test could be run`);
	return {
		endpoint,
		scale: 'difference',
		better: 'higher',
		...differenceFigures(report, arms),
		test,
		declared: declaredP(test),
		met: test.rejected,
		report
	};
}
