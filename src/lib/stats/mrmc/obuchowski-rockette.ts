// Obuchowski–Rockette analysis of reader × modality figures of merit with a case-level
// covariance matrix (Obuchowski & Rockette 1995), with Hillis's denominator degrees of
// freedom for random readers and random cases (Hillis 2007, Stat Med 26:596; Hillis 2008,
// Acad Radiol 15:647), fixed readers (chi-square) and fixed cases — MRMCaov conventions.
import type { CovarianceMatrix } from '../covariance/covariance-matrix';
import { chiSquareSurvival, fSurvival } from '../distributions';
import { fomMeanSquares, type FomMeanSquares } from './anova';
import { contrast, modalityInterval, pairwiseContrasts } from './contrasts';
import { assertMultiReaderMultiModality, ratioStatistic, satterthwaiteDf } from './design-checks';
import { noiseFloor, standardError, zeroTolerance } from './not-estimable';
import { orCovariances, type OrCovariances } from './or-covariances';
import type {
	FixedReadersRandomCases,
	FomTable,
	RandomReadersFixedCases,
	RandomReadersRandomCases,
	ReaderContrast
} from './types';
import { fomAt } from './types';

export interface OrVarianceComponents {
	varR: number;
	varTR: number;
	variance: number;
	cov1: number;
	cov2: number;
	cov3: number;
}

export interface OrAnalysis {
	varianceComponents: OrVarianceComponents;
	meanSquares: { msT: number; msR: number; msTR: number };
	rrrc: RandomReadersRandomCases;
	frrc: FixedReadersRandomCases;
	rrfc: RandomReadersFixedCases;
}

export interface OrOptions {
	/** Two-sided significance level of the intervals (0.05 → 95 % CIs). */
	alpha: number;
	/** Truncate per-modality limits to [0, 1] (MRMCaov does for AUC, sensitivity, specificity). */
	bounded: boolean;
}

interface Inputs {
	table: FomTable;
	ms: FomMeanSquares;
	cov: OrCovariances;
	options: OrOptions;
	/** Noise floor of mean squares and covariances of these FOMs (not-estimable.ts). */
	floor: number;
}

/** Run all three OR analyses. */
export function obuchowskiRockette(
	table: FomTable,
	covariance: CovarianceMatrix,
	options: OrOptions
): OrAnalysis {
	const [t, r] = [table.modalities.length, table.readers.length];
	assertMultiReaderMultiModality(r, t, 'the Obuchowski–Rockette analysis');
	if (covariance.size !== t * r)
		throw new Error(`covariance matrix is ${covariance.size}², expected ${t * r}²`);
	const ms = fomMeanSquares(table);
	const cov = orCovariances(covariance, t, r);
	const inputs: Inputs = { table, ms, cov, options, floor: noiseFloor(table.estimates) };
	return {
		// σ²_R and σ²_TR from E[MS] under the OR model (Hillis 2007 eq. 6; MRMCaov vcov_comps).
		varianceComponents: {
			varR: (ms.msR - ms.msTR) / t - cov.cov1 + cov.cov3,
			varTR: ms.msTR - cov.variance + cov.cov1 + (cov.cov2 - cov.cov3),
			variance: cov.variance,
			cov1: cov.cov1,
			cov2: cov.cov2,
			cov3: cov.cov3
		},
		meanSquares: { msT: ms.msT, msR: ms.msR, msTR: ms.msTR },
		rrrc: randomReadersRandomCases(inputs),
		frrc: fixedReadersRandomCases(inputs),
		rrfc: randomReadersFixedCases(inputs)
	};
}

// F = MS(T) / [MS(T×R) + r·max(Cov2 − Cov3, 0)], ddf_H = denominator² / [MS(T×R)²/((t−1)(r−1))] (Hillis 2007).
function randomReadersRandomCases({
	table,
	ms,
	cov,
	options,
	floor
}: Inputs): RandomReadersRandomCases {
	const [t, r] = [table.modalities.length, table.readers.length];
	const denominator = ms.msTR + r * Math.max(cov.cov2 - cov.cov3, 0);
	const f = ratioStatistic(
		ms.msT,
		denominator,
		'the denominator MS(T×R) + r·max(Cov2 − Cov3, 0)',
		{ numerator: floor, denominator: zeroTolerance(floor, r * cov.cov2, r * cov.cov3) },
		'the random-readers random-cases test'
	);
	const df1 = t - 1;
	const df2 = satterthwaiteDf(denominator, ms.msTR, (t - 1) * (r - 1), floor);
	const se = Math.sqrt((2 / r) * denominator);
	return {
		f,
		df1,
		df2,
		p: fSurvival(f, df1, df2),
		diffs: pairwiseContrasts(table.modalities, ms.modalityMeans, options.alpha, () => ({
			se,
			df: df2
		})),
		// Single modality: MS(R)_i + r·max(Cov2_i, 0), df by Satterthwaite (Hillis 2007 §4).
		modalityCi: table.modalities.map((modality, i) => {
			const msR = ms.msRByModality[i] as number;
			const modalityDenominator =
				msR + r * Math.max((cov.byModality[i] as { cov2: number }).cov2, 0);
			const df = satterthwaiteDf(modalityDenominator, msR, r - 1, floor);
			const modalitySe = standardError(modalityDenominator / r, floor);
			return modalityInterval(
				modality,
				ms.modalityMeans[i] as number,
				modalitySe,
				options.alpha,
				options.bounded,
				df
			);
		})
	};
}

// X² = (t − 1)·MS(T) / [Var − Cov1 + (r − 1)(Cov2 − Cov3)] on t − 1 df (Obuchowski & Rockette 1995; Hillis 2007).
function fixedReadersRandomCases(inputs: Inputs): FixedReadersRandomCases {
	const { table, ms, cov, options, floor } = inputs;
	const [t, r] = [table.modalities.length, table.readers.length];
	const denominator = cov.variance - cov.cov1 + (r - 1) * (cov.cov2 - cov.cov3);
	const chisq = ratioStatistic(
		(t - 1) * ms.msT,
		denominator,
		'the denominator Var − Cov1 + (r − 1)(Cov2 − Cov3)',
		{
			numerator: floor,
			denominator: zeroTolerance(
				floor,
				cov.variance,
				cov.cov1,
				(r - 1) * cov.cov2,
				(r - 1) * cov.cov3
			)
		},
		'the fixed-readers random-cases test'
	);
	const se = Math.sqrt((2 / r) * denominator);
	return {
		chisq,
		df1: t - 1,
		p: chiSquareSurvival(chisq, t - 1),
		diffs: pairwiseContrasts(table.modalities, ms.modalityMeans, options.alpha, () => ({ se })),
		modalityCi: table.modalities.map((modality, i) => {
			const { variance, cov2 } = cov.byModality[i] as { variance: number; cov2: number };
			const modalitySe = standardError((variance + (r - 1) * Math.max(cov2, 0)) / r, floor);
			return modalityInterval(
				modality,
				ms.modalityMeans[i] as number,
				modalitySe,
				options.alpha,
				options.bounded
			);
		}),
		readerDiffs: readerDifferences(inputs)
	};
}

// Per reader: θ_aj − θ_bj with SE √(2(Var_j − Cov1_j)), normal reference (MRMCaov reader_test_diffs).
function readerDifferences({ table, cov, options, floor }: Inputs): ReaderContrast[] {
	const t = table.modalities.length;
	return table.readers.flatMap((reader, j) => {
		const { variance, cov1 } = cov.byReader[j] as { variance: number; cov1: number };
		const se = standardError(2 * (variance - cov1), zeroTolerance(floor, 2 * variance, 2 * cov1));
		const rows: ReaderContrast[] = [];
		for (let a = 0; a < t; a++) {
			for (let b = a + 1; b < t; b++) {
				const estimate = fomAt(table, a, j) - fomAt(table, b, j);
				const row = contrast(
					table.modalities[a] as string,
					table.modalities[b] as string,
					estimate,
					se,
					options.alpha
				);
				rows.push({ ...row, reader });
			}
		}
		return rows;
	});
}

// F = MS(T) / MS(T×R) on (t − 1, (t − 1)(r − 1)) df: the conventional mixed-model ANOVA.
function randomReadersFixedCases({ table, ms, options, floor }: Inputs): RandomReadersFixedCases {
	const [t, r] = [table.modalities.length, table.readers.length];
	const f = ratioStatistic(
		ms.msT,
		ms.msTR,
		'the denominator MS(T×R)',
		{ numerator: floor, denominator: floor },
		'the random-readers fixed-cases test'
	);
	const df2 = (t - 1) * (r - 1);
	const se = Math.sqrt((2 / r) * ms.msTR);
	return {
		f,
		df1: t - 1,
		df2,
		p: fSurvival(f, t - 1, df2),
		diffs: pairwiseContrasts(table.modalities, ms.modalityMeans, options.alpha, () => ({
			se,
			df: df2
		})),
		modalityCi: table.modalities.map((modality, i) => {
			const modalitySe = standardError((ms.msRByModality[i] as number) / r, floor);
			return modalityInterval(
				modality,
				ms.modalityMeans[i] as number,
				modalitySe,
				options.alpha,
				options.bounded,
				r - 1
			);
		})
	};
}
