// Dorfman–Berbaum–Metz analysis (Dorfman, Berbaum & Metz 1992, Invest Radiol 27:723): a
// modality × reader × case ANOVA of jackknife pseudovalues, with Hillis's denominator
// degrees of freedom for random readers and cases (Hillis 2007; Hillis 2008, Acad Radiol
// 15:647) — RJafroc's StSignificanceTesting(method = "DBM") conventions. With jackknife
// covariance it reproduces the OR analysis (Hillis 2008), which is why Tandem runs it as
// a cross-check. Single-modality limits of bounded figures are truncated to [0, 1] as in
// the OR analysis (MRMCaov).
import { fSurvival } from '../distributions';
import { contrast, modalityInterval, pairwiseContrasts } from './contrasts';
import { dbmMeanSquares, type DbmMeanSquares, type PseudovalueCube } from './dbm-anova';
import { assertMultiReaderMultiModality, ratioStatistic, satterthwaiteDf } from './design-checks';
import { noiseFloor, standardError, zeroTolerance } from './not-estimable';
import type {
	FixedReadersRandomCases,
	FomTable,
	RandomReadersFixedCases,
	RandomReadersRandomCases,
	ReaderContrast
} from './types';
import { fomAt } from './types';

export interface DbmAnalysis {
	meanSquares: Omit<DbmMeanSquares, 'byModality' | 'byReaderMsTC' | 'modalityMeans'>;
	rrrc: RandomReadersRandomCases;
	frrc: FixedReadersRandomCases;
	rrfc: RandomReadersFixedCases;
}

interface Inputs {
	table: FomTable;
	ms: DbmMeanSquares;
	cases: number;
	alpha: number;
	/** Truncate single-modality limits to [0, 1] (bounded figures, as MRMCaov does). */
	bounded: boolean;
	/** Noise floor of the pseudovalues' mean squares (not-estimable.ts). */
	floor: number;
}

/** Run the three DBM analyses on pseudovalues Y[m][j][k] (k over the jackknife cases). */
export function dorfmanBerbaumMetz(
	table: FomTable,
	pseudovalues: PseudovalueCube,
	alpha: number,
	bounded = false
): DbmAnalysis {
	const [t, r] = [table.modalities.length, table.readers.length];
	assertMultiReaderMultiModality(r, t, 'the DBM analysis');
	const cases = pseudovalues[0]?.[0]?.length ?? 0;
	if (cases < 2) throw new Error('the DBM analysis needs at least two cases');
	const ms = dbmMeanSquares(pseudovalues);
	const floor = noiseFloor(table.estimates, cases);
	const inputs: Inputs = { table, ms, cases, alpha, bounded, floor };
	const { byModality: _m, byReaderMsTC: _r, modalityMeans: _means, ...meanSquares } = ms;
	return {
		meanSquares,
		rrrc: randomReadersRandomCases(inputs),
		frrc: fixedReadersRandomCases(inputs),
		rrfc: randomReadersFixedCases(inputs)
	};
}

// F = MS(T) / [MS(T×R) + max(MS(T×C) − MS(T×R×C), 0)], ddf_H as in Hillis 2007/2008.
function randomReadersRandomCases({
	table,
	ms,
	cases,
	alpha,
	bounded,
	floor
}: Inputs): RandomReadersRandomCases {
	const [t, r] = [table.modalities.length, table.readers.length];
	const denominator = ms.msTR + Math.max(ms.msTC - ms.msTRC, 0);
	const f = ratioStatistic(
		ms.msT,
		denominator,
		'the denominator MS(T×R) + max(MS(T×C) − MS(T×R×C), 0)',
		{ numerator: floor, denominator: zeroTolerance(floor, ms.msTC, ms.msTRC) },
		'the DBM random-readers random-cases test'
	);
	const df2 = satterthwaiteDf(denominator, ms.msTR, (t - 1) * (r - 1), floor);
	const se = Math.sqrt((2 * denominator) / (r * cases));
	return {
		f,
		df1: t - 1,
		df2,
		p: fSurvival(f, t - 1, df2),
		diffs: pairwiseContrasts(table.modalities, ms.modalityMeans, alpha, () => ({ se, df: df2 })),
		modalityCi: table.modalities.map((modality, i) => {
			const single = ms.byModality[i] as { msR: number; msC: number; msRC: number };
			const singleDenominator = single.msR + Math.max(single.msC - single.msRC, 0);
			const df = satterthwaiteDf(singleDenominator, single.msR, r - 1, floor);
			const singleSe = standardError(singleDenominator / (r * cases), floor);
			return modalityInterval(
				modality,
				ms.modalityMeans[i] as number,
				singleSe,
				alpha,
				bounded,
				df
			);
		})
	};
}

// F = MS(T) / MS(T×C) on (t − 1, (t − 1)(c − 1)) df; per reader MS(T×C)_j on c − 1 df (RJafroc).
function fixedReadersRandomCases({
	table,
	ms,
	cases,
	alpha,
	bounded,
	floor
}: Inputs): FixedReadersRandomCases {
	const [t, r] = [table.modalities.length, table.readers.length];
	const f = ratioStatistic(
		ms.msT,
		ms.msTC,
		'the denominator MS(T×C)',
		{ numerator: floor, denominator: floor },
		'the DBM fixed-readers random-cases test'
	);
	const df2 = (t - 1) * (cases - 1);
	const se = Math.sqrt((2 * ms.msTC) / (r * cases));
	const readerDiffs: ReaderContrast[] = table.readers.flatMap((reader, j) => {
		const readerSe = standardError((2 * (ms.byReaderMsTC[j] as number)) / cases, floor);
		const rows: ReaderContrast[] = [];
		for (let a = 0; a < t; a++) {
			for (let b = a + 1; b < t; b++) {
				const estimate = fomAt(table, a, j) - fomAt(table, b, j);
				const [nameA, nameB] = [table.modalities[a] as string, table.modalities[b] as string];
				rows.push({ ...contrast(nameA, nameB, estimate, readerSe, alpha, cases - 1), reader });
			}
		}
		return rows;
	});
	return {
		f,
		df1: t - 1,
		df2,
		p: fSurvival(f, t - 1, df2),
		diffs: pairwiseContrasts(table.modalities, ms.modalityMeans, alpha, () => ({ se, df: df2 })),
		modalityCi: table.modalities.map((modality, i) => {
			const single = ms.byModality[i] as { msC: number };
			const singleSe = standardError(single.msC / (r * cases), floor);
			return modalityInterval(
				modality,
				ms.modalityMeans[i] as number,
				singleSe,
				alpha,
				bounded,
				cases - 1
			);
		}),
		readerDiffs
	};
}

// F = MS(T) / MS(T×R) on (t − 1, (t − 1)(r − 1)) df.
function randomReadersFixedCases({
	table,
	ms,
	cases,
	alpha,
	bounded,
	floor
}: Inputs): RandomReadersFixedCases {
	const [t, r] = [table.modalities.length, table.readers.length];
	const f = ratioStatistic(
		ms.msT,
		ms.msTR,
		'the denominator MS(T×R)',
		{ numerator: floor, denominator: floor },
		'the DBM random-readers fixed-cases test'
	);
	const df2 = (t - 1) * (r - 1);
	const se = Math.sqrt((2 * ms.msTR) / (r * cases));
	return {
		f,
		df1: t - 1,
		df2,
		p: fSurvival(f, t - 1, df2),
		diffs: pairwiseContrasts(table.modalities, ms.modalityMeans, alpha, () => ({ se, df: df2 })),
		modalityCi: table.modalities.map((modality, i) => {
			const single = ms.byModality[i] as { msR: number };
			const singleSe = standardError(single.msR / (r * cases), floor);
			return modalityInterval(
				modality,
				ms.modalityMeans[i] as number,
				singleSe,
				alpha,
				bounded,
				r - 1
			);
		})
	};
}
