// The analysis report as the JSON schema of `tandem analyze --format json`
// (tests/reference/data/README.md): snake_case keys, the contrast of the test and reference
// modalities as test − reference (named in `orientation`; other contrasts a − b in natural order),
// non-finite numbers written as the string "Infinity" (or "-Infinity"). A NaN anywhere is
// a bug, so serialisation refuses it rather than printing null.
import type { AnalysisReport, ReadingTimeReport } from '../analyze';
import type { DbmAnalysis } from '../mrmc/dbm';
import type { OrAnalysis } from '../mrmc/obuchowski-rockette';
import type {
	Contrast,
	FixedReadersRandomCases,
	ModalityInterval,
	RandomReadersFixedCases,
	RandomReadersRandomCases,
	ReaderContrast
} from '../mrmc/types';
import type { MarginTestResult } from '../hypothesis/margin-tests';
import type { HypothesisTests } from '../hypothesis/plan';
import { orientationText } from '../hypothesis/orientation';
import type { ReadingTimeTestResult } from '../hypothesis/reading-time-test';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const optionalDf = (df: number | undefined): { df?: number } => (df === undefined ? {} : { df });

function contrastJson(row: Contrast): Record<string, number | string | undefined> {
	return {
		modality_a: row.modalityA,
		modality_b: row.modalityB,
		estimate: row.estimate,
		se: row.se,
		...optionalDf(row.df),
		p: row.p,
		ci_lower: row.ciLower,
		ci_upper: row.ciUpper
	};
}

function readerContrastJson(row: ReaderContrast): Record<string, number | string | undefined> {
	return { reader: row.reader, ...contrastJson(row) };
}

function intervalJson(row: ModalityInterval): Record<string, number | string | undefined> {
	return {
		modality: row.modality,
		estimate: row.estimate,
		se: row.se,
		...optionalDf(row.df),
		ci_lower: row.ciLower,
		ci_upper: row.ciUpper
	};
}

function rrrcJson(result: RandomReadersRandomCases) {
	return {
		f: result.f,
		df1: result.df1,
		df2: result.df2,
		p: result.p,
		diffs: result.diffs.map(contrastJson),
		modality_ci: result.modalityCi.map(intervalJson)
	};
}

function frrcJson(result: FixedReadersRandomCases) {
	const statistic =
		result.chisq !== undefined
			? { chisq: result.chisq, df1: result.df1 }
			: { f: result.f as number, df1: result.df1, df2: result.df2 as number };
	return {
		...statistic,
		p: result.p,
		diffs: result.diffs.map(contrastJson),
		modality_ci: result.modalityCi.map(intervalJson),
		reader_diffs: result.readerDiffs.map(readerContrastJson)
	};
}

function rrfcJson(result: RandomReadersFixedCases) {
	return {
		f: result.f,
		df1: result.df1,
		df2: result.df2,
		p: result.p,
		diffs: result.diffs.map(contrastJson),
		modality_ci: result.modalityCi.map(intervalJson)
	};
}

function orJson(or: OrAnalysis) {
	const v = or.varianceComponents;
	return {
		variance_components: {
			var_r: v.varR,
			var_tr: v.varTR,
			var: v.variance,
			cov1: v.cov1,
			cov2: v.cov2,
			cov3: v.cov3
		},
		mean_squares: {
			ms_t: or.meanSquares.msT,
			ms_r: or.meanSquares.msR,
			ms_tr: or.meanSquares.msTR
		},
		rrrc: rrrcJson(or.rrrc),
		frrc: frrcJson(or.frrc),
		rrfc: rrfcJson(or.rrfc)
	};
}

function dbmJson(dbm: DbmAnalysis) {
	const ms = dbm.meanSquares;
	return {
		mean_squares: {
			ms_t: ms.msT,
			ms_r: ms.msR,
			ms_c: ms.msC,
			ms_tr: ms.msTR,
			ms_tc: ms.msTC,
			ms_rc: ms.msRC,
			ms_trc: ms.msTRC
		},
		rrrc: rrrcJson(dbm.rrrc),
		frrc: frrcJson(dbm.frrc),
		rrfc: rrfcJson(dbm.rrfc)
	};
}

function marginTestJson(test: MarginTestResult) {
	return {
		kind: test.kind,
		estimate: test.estimate,
		se: test.se,
		df: test.df,
		margin: test.margin,
		threshold: test.threshold,
		alpha: test.alpha,
		lower_bound: test.lowerBound,
		p: test.p,
		rejected: test.rejected,
		decision: test.decision
	};
}

function readingTimeTestJson(test: ReadingTimeTestResult) {
	return {
		kind: test.kind,
		ratio: test.ratio,
		upper_bound: test.upperBound,
		threshold: test.threshold,
		alpha: test.alpha,
		p: test.p,
		rejected: test.rejected,
		decision: test.decision,
		log_estimate: test.logEstimate,
		se: test.se,
		df: test.df
	};
}

function hypothesisJson(h: HypothesisTests) {
	return {
		aided: h.aided ?? null,
		unaided: h.unaided ?? null,
		margin: h.margin,
		alpha: h.alpha,
		tests: h.tests.map(marginTestJson),
		reading_time: h.readingTime ? readingTimeTestJson(h.readingTime) : null,
		...(h.note ? { note: h.note } : {})
	};
}

function readingTimeJson(report: ReadingTimeReport) {
	return {
		geometric_means: report.geometricMeans.map((row) => ({
			modality: row.modality,
			seconds: row.seconds,
			ci_lower: row.ciLower,
			ci_upper: row.ciUpper
		})),
		ratios: report.analysis.rrrc.diffs.map((row) => ({
			modality_a: row.modalityA,
			modality_b: row.modalityB,
			ratio: Math.exp(row.estimate),
			ci_lower: Math.exp(row.ciLower),
			ci_upper: Math.exp(row.ciUpper),
			p: row.p,
			df: row.df ?? Infinity
		})),
		log_seconds: orJson(report.analysis)
	};
}

/** The report as a plain JSON-ready object (numbers still raw; see toJsonText). */
export function reportToJsonObject(report: AnalysisReport): Record<string, unknown> {
	const analysis = report.or ? orJson(report.or) : dbmJson(report.dbm as DbmAnalysis);
	return {
		fom: report.fom,
		covariance: report.covariance,
		method: report.method,
		confidence_level: 1 - report.alpha,
		orientation: {
			test: report.orientation?.test ?? null,
			reference: report.orientation?.reference ?? null,
			difference: orientationText(report.orientation)
		},
		design: {
			readers: report.design.readers,
			modalities: report.design.modalities,
			cases: report.design.cases,
			positive: report.design.positive,
			negative: report.design.negative,
			jackknife_cases: report.design.jackknifeCases
		},
		fom_table: report.fomTable.map((row) => ({
			reader: row.reader,
			modality: row.modality,
			estimate: row.estimate,
			se: row.se,
			ci_lower: row.ciLower,
			ci_upper: row.ciUpper
		})),
		...analysis,
		hypothesis_tests: hypothesisJson(report.hypothesis),
		...(report.readingTime ? { reading_time: readingTimeJson(report.readingTime) } : {}),
		notes: report.notes
	};
}

/** Replace ±Infinity by strings and refuse NaN, so the JSON is exact and parseable. */
function finiteOrString(value: unknown, path: string): Json {
	if (typeof value === 'number') {
		if (Number.isNaN(value))
			throw new Error(`internal error: NaN in the analysis report at ${path}`);
		if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
		return value;
	}
	if (Array.isArray(value))
		return value.map((item, index) => finiteOrString(item, `${path}[${index}]`));
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value)
				.filter(([, v]) => v !== undefined)
				.map(([key, v]) => [key, finiteOrString(v, `${path}.${key}`)])
		);
	}
	return value as Json;
}

/** The report as pretty-printed JSON text. */
export function reportToJsonText(report: AnalysisReport): string {
	return JSON.stringify(finiteOrString(reportToJsonObject(report), '$'), null, 2);
}
