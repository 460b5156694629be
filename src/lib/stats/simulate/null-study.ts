// Monte Carlo check of the RRRC Obuchowski–Rockette test (Hillis ddf) on Roe–Metz studies
// with no modality difference (Roe & Metz 1997; Hillis et al. 2005 used the same design):
// K null studies are simulated and analysed with the core's empirical AUC, jackknife or
// DeLong covariance and OR analysis. Reported: the rejection rate at α (the type I error)
// with its Monte Carlo standard error √(p̂(1 − p̂)/K) and Wilson interval, the coverage of
// the difference interval for the true difference 0, and the coverage of the per-modality
// intervals for the population AUC Φ(μ/√(2(σ² + σ²_R + σ²_τR))).
import { delongCovariance } from '../covariance/delong';
import { normalQuantile } from '../distributions';
import { jackknifeCovarianceFromLeaveOneOut } from '../covariance/jackknife';
import { aucLeaveOneOut, aucPlacements } from '../fom/empirical-auc';
import { DesignError } from '../mrmc/design-checks';
import { obuchowskiRockette } from '../mrmc/obuchowski-rockette';
import { createRandom } from '../random';
import { wilsonInterval, type ProportionEstimate } from '../single-reader/wilson-interval';
import type { ReadingStudy } from '../study';
import {
	populationAuc,
	simulateRoeMetz,
	typicalReaderAuc,
	type RoeMetzVariances
} from './roe-metz';

export interface NullStudyOptions {
	studies: number;
	readers: number;
	positiveCases: number;
	negativeCases: number;
	/** μ shared by both modalities (the null hypothesis: no difference). */
	separation: number;
	variances: RoeMetzVariances;
	seed: number;
	/** Two-sided level of the test and the intervals. */
	alpha: number;
	covariance: 'jackknife' | 'delong';
	/** Called after each study with (done, total). */
	onProgress?: (done: number, total: number) => void;
}

/**
 * Coverage pooled over the modalities of each study. The intervals of one study share its
 * case and reader effects, so the Monte Carlo SE is taken from the spread of the per-study
 * coverage fractions, not from a binomial over all intervals; the interval is ± z_{0.975}·SE.
 */
export interface ModalityCoverage {
	covered: number;
	intervals: number;
	estimate: number;
	monteCarloSe: number;
	ciLower: number;
	ciUpper: number;
}

export interface NullStudyResult {
	studies: number;
	/** Studies the analysis refused (e.g. a zero denominator); excluded from the rates. */
	failures: number;
	alpha: number;
	rejections: number;
	/** Rejection rate with its 95 % Wilson interval. */
	typeIError: ProportionEstimate;
	/** Monte Carlo standard error √(p̂(1 − p̂)/K). */
	monteCarloSe: number;
	/** Share of studies whose (1 − α) interval for the difference contains 0 (= 1 − type I error). */
	differenceCoverage: ProportionEstimate;
	/** Share of per-modality (1 − α) intervals containing the population AUC. */
	modalityCoverage: ModalityCoverage;
	typicalReaderAuc: number;
	populationAuc: number;
	/** Mean over studies of the reader-averaged empirical AUC (should be near populationAuc). */
	meanAuc: number;
	/** Median over studies of the Hillis denominator degrees of freedom. */
	medianDdf: number;
}

interface StudyOutcome {
	rejected: boolean;
	differenceCovered: boolean;
	modalityCovered: number;
	meanAuc: number;
	ddf: number;
}

function analyse(study: ReadingStudy, target: number, options: NullStudyOptions): StudyOutcome {
	const placements = study.rating.flatMap((byReader) =>
		byReader.map((ratings) => aucPlacements(ratings, study.truth))
	);
	const covariance =
		options.covariance === 'delong'
			? delongCovariance(placements)
			: jackknifeCovarianceFromLeaveOneOut(
					placements.map((placement) => aucLeaveOneOut(placement))
				);
	const estimates = Float64Array.from(placements, (placement) => placement.auc);
	const table = { readers: study.readers, modalities: study.modalities, estimates };
	const { rrrc } = obuchowskiRockette(table, covariance, { alpha: options.alpha, bounded: true });
	const [difference] = rrrc.diffs;
	if (!difference) throw new Error('the null study needs two modalities');
	return {
		rejected: rrrc.p < options.alpha,
		differenceCovered: difference.ciLower <= 0 && difference.ciUpper >= 0,
		modalityCovered: rrrc.modalityCi.filter((row) => row.ciLower <= target && row.ciUpper >= target)
			.length,
		meanAuc: estimates.reduce((sum, value) => sum + value, 0) / estimates.length,
		ddf: rrrc.df2
	};
}

function checkOptions(options: NullStudyOptions): void {
	if (!(Number.isInteger(options.studies) && options.studies >= 1))
		throw new RangeError(`studies must be a whole number ≥ 1, got ${options.studies}`);
	if (!(options.alpha > 0 && options.alpha < 1))
		throw new RangeError(`alpha must be in (0, 1), got ${options.alpha}`);
	if (!(Number.isInteger(options.readers) && options.readers >= 2))
		throw new RangeError(`the RRRC test needs at least 2 readers, got ${options.readers}`);
	if (options.positiveCases < 2 || options.negativeCases < 2)
		throw new RangeError(
			'the covariance estimators need at least 2 diseased and 2 non-diseased cases'
		);
}

/** Simulate and analyse `studies` null studies from one seed. */
export function simulateNullStudies(options: NullStudyOptions): NullStudyResult {
	checkOptions(options);
	const random = createRandom(options.seed);
	const design = {
		readers: options.readers,
		positiveCases: options.positiveCases,
		negativeCases: options.negativeCases,
		separations: [options.separation, options.separation],
		variances: options.variances
	};
	const target = populationAuc(options.separation, options.variances);
	const totals = {
		analysed: 0,
		failures: 0,
		rejections: 0,
		differenceCovered: 0,
		modalityCovered: 0,
		modalityCoveredSquares: 0,
		auc: 0
	};
	const ddfs: number[] = [];
	for (let s = 0; s < options.studies; s++) {
		const study = simulateRoeMetz(design, random);
		try {
			const outcome = analyse(study, target, options);
			totals.analysed += 1;
			totals.rejections += outcome.rejected ? 1 : 0;
			totals.differenceCovered += outcome.differenceCovered ? 1 : 0;
			totals.modalityCovered += outcome.modalityCovered;
			totals.modalityCoveredSquares += outcome.modalityCovered ** 2;
			totals.auc += outcome.meanAuc;
			ddfs.push(outcome.ddf);
		} catch (error) {
			if (!(error instanceof DesignError)) throw error;
			totals.failures += 1;
		}
		options.onProgress?.(s + 1, options.studies);
	}
	if (totals.analysed === 0)
		throw new DesignError('every simulated study was refused by the analysis');
	const rate = totals.rejections / totals.analysed;
	return {
		studies: options.studies,
		failures: totals.failures,
		alpha: options.alpha,
		rejections: totals.rejections,
		typeIError: wilsonInterval(totals.rejections, totals.analysed),
		monteCarloSe: Math.sqrt((rate * (1 - rate)) / totals.analysed),
		differenceCoverage: wilsonInterval(totals.differenceCovered, totals.analysed),
		modalityCoverage: modalityCoverage(
			totals.modalityCovered,
			totals.modalityCoveredSquares,
			totals.analysed,
			2
		),
		typicalReaderAuc: typicalReaderAuc(options.separation, options.variances),
		populationAuc: target,
		meanAuc: totals.auc / totals.analysed,
		medianDdf: median(ddfs)
	};
}

/** Mean per-study coverage fraction and its Monte Carlo SE from the per-study fractions. */
function modalityCoverage(
	covered: number,
	coveredSquares: number,
	studies: number,
	perStudy: number
): ModalityCoverage {
	const estimate = covered / (studies * perStudy);
	const meanSquare = coveredSquares / (studies * perStudy * perStudy);
	const variance = studies > 1 ? ((meanSquare - estimate * estimate) * studies) / (studies - 1) : 0;
	const monteCarloSe = Math.sqrt(Math.max(variance, 0) / studies);
	const halfWidth = normalQuantile(0.975) * monteCarloSe;
	return {
		covered,
		intervals: studies * perStudy,
		estimate,
		monteCarloSe,
		ciLower: estimate - halfWidth,
		ciUpper: estimate + halfWidth
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1
		? (sorted[middle] as number)
		: ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
