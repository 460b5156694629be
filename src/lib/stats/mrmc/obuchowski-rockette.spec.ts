// A 2 × 2 example worked by hand from the formulas of Obuchowski & Rockette (1995) and
// Hillis (2007), with the p-values from closed forms (F(1, 1) is a squared Cauchy).
import { describe, expect, it } from 'vitest';
import type { CovarianceMatrix } from '../covariance/covariance-matrix';
import { normalCdf } from '../distributions';
import { DesignError } from './design-checks';
import { obuchowskiRockette } from './obuchowski-rockette';
import type { FomTable } from './types';

// FOMs: modality A: readers 1, 2 = 0.80, 0.70; modality B: 0.90, 0.85.
// Means A 0.75, B 0.875, grand 0.8125; reader means 0.85, 0.775.
// MS(T) = 2·2·0.0625² = 0.015625; MS(R) = 2·2·0.0375² = 0.005625;
// interaction residuals ±0.0125 → MS(T×R) = 4·0.0125² = 0.000625.
const table: FomTable = {
	readers: ['1', '2'],
	modalities: ['A', 'B'],
	estimates: Float64Array.from([0.8, 0.7, 0.9, 0.85])
};
// Var = 0.002, Cov1 (same reader) = 0.001, Cov2 (same modality) = 0.0008, Cov3 = 0.0005.
// Group order g = modality·2 + reader: A1, A2, B1, B2.
const covariance: CovarianceMatrix = {
	size: 4,
	values: Float64Array.from([
		0.002, 0.0008, 0.001, 0.0005, 0.0008, 0.002, 0.0005, 0.001, 0.001, 0.0005, 0.002, 0.0008,
		0.0005, 0.001, 0.0008, 0.002
	])
};

describe('Obuchowski–Rockette, hand example', () => {
	const result = obuchowskiRockette(table, covariance, { alpha: 0.05, bounded: true });

	it('averages the covariance matrix and derives the variance components', () => {
		const v = result.varianceComponents;
		expect(v.variance).toBeCloseTo(0.002, 15);
		expect(v.cov1).toBeCloseTo(0.001, 15);
		expect(v.cov2).toBeCloseTo(0.0008, 15);
		expect(v.cov3).toBeCloseTo(0.0005, 15);
		// σ²_R = (MS(R) − MS(T×R))/t − Cov1 + Cov3 = 0.0025 − 0.0005; σ²_TR = MS(T×R) − Var + Cov1 + Cov2 − Cov3
		expect(v.varR).toBeCloseTo(0.002, 15);
		expect(v.varTR).toBeCloseTo(-0.000075, 15);
	});

	it('RRRC: F = 0.015625 / (0.000625 + 2·0.0003) = 12.7551, ddf = 0.001225²/0.000625² = 3.8416', () => {
		expect(result.rrrc.f).toBeCloseTo(0.015625 / 0.001225, 12);
		expect(result.rrrc.df1).toBe(1);
		expect(result.rrrc.df2).toBeCloseTo(3.8416, 12);
		expect(result.rrrc.p).toBeCloseTo(0.024978771012135851, 13); // mpmath betainc, 20 digits
		const [diff] = result.rrrc.diffs;
		expect(diff).toMatchObject({ modalityA: 'A', modalityB: 'B' });
		expect(diff?.estimate).toBeCloseTo(-0.125, 15);
		expect(diff?.se).toBeCloseTo(0.035, 15); // √(2/r · 0.001225)
		expect(diff?.p).toBeCloseTo(result.rrrc.p, 13); // t² = F when t = 2
		// modality A alone: MS(R)_A = 0.005, denominator 0.005 + 2·0.0008 = 0.0066, df = 0.0066²/0.005²
		const [a] = result.rrrc.modalityCi;
		expect(a?.se).toBeCloseTo(Math.sqrt(0.0033), 15);
		expect(a?.df).toBeCloseTo(1.7424, 12);
	});

	it('FRRC: χ² = 0.015625 / (0.002 − 0.001 + 0.0003) on 1 df; per reader SE √(2(Var − Cov1))', () => {
		const chisq = 0.015625 / 0.0013;
		expect(result.frrc.chisq).toBeCloseTo(chisq, 12);
		expect(result.frrc.p).toBeCloseTo(2 * normalCdf(-Math.sqrt(chisq)), 14);
		expect(result.frrc.diffs[0]?.se).toBeCloseTo(Math.sqrt(0.0013), 15);
		expect(result.frrc.readerDiffs.map((row) => [row.reader, row.estimate, row.se])).toEqual([
			['1', expect.closeTo(-0.1, 15), expect.closeTo(Math.sqrt(0.002), 15)],
			['2', expect.closeTo(-0.15, 15), expect.closeTo(Math.sqrt(0.002), 15)]
		]);
		// modality B: √((Var_B + (r − 1)·Cov2_B)/r) = √(0.0028/2), normal limits
		expect(result.frrc.modalityCi[1]?.se).toBeCloseTo(Math.sqrt(0.0014), 15);
		expect(result.frrc.modalityCi[1]?.df).toBeUndefined();
	});

	it('RRFC: F = MS(T)/MS(T×R) = 25 on (1, 1) df, p = 1 − (2/π)·atan 5', () => {
		expect(result.rrfc.f).toBeCloseTo(25, 12);
		expect(result.rrfc.df2).toBe(1);
		expect(result.rrfc.p).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(5), 14);
		expect(result.rrfc.modalityCi[0]).toMatchObject({ df: 1 });
	});
});

describe('Obuchowski–Rockette, designs and generality', () => {
	it('refuses one reader and one modality with a clear error', () => {
		const oneReader: FomTable = {
			readers: ['1'],
			modalities: ['A', 'B'],
			estimates: Float64Array.from([0.8, 0.9])
		};
		const identity2: CovarianceMatrix = { size: 2, values: Float64Array.from([1e-3, 0, 0, 1e-3]) };
		expect(() =>
			obuchowskiRockette(oneReader, identity2, { alpha: 0.05, bounded: true })
		).toThrowError(DesignError);
		expect(() => obuchowskiRockette(oneReader, identity2, { alpha: 0.05, bounded: true })).toThrow(
			'found 1 reader, at least 2 are needed'
		);
		const oneModality: FomTable = {
			readers: ['1', '2'],
			modalities: ['A'],
			estimates: Float64Array.from([0.8, 0.9])
		};
		expect(() =>
			obuchowskiRockette(oneModality, identity2, { alpha: 0.05, bounded: true })
		).toThrow('found 1 modality, at least 2 are needed');
	});

	it('refuses a design whose figures and covariances do not vary (every reader perfect)', () => {
		const perfect: FomTable = {
			readers: ['1', '2'],
			modalities: ['A', 'B'],
			estimates: Float64Array.from([1, 1, 1, 1])
		};
		const zero: CovarianceMatrix = { size: 4, values: new Float64Array(16) };
		expect(() => obuchowskiRockette(perfect, zero, { alpha: 0.05, bounded: true })).toThrow(
			/^not estimable: .*nothing varies/
		);
	});

	it('lists every pair with three modalities, a before b in the given order, and uses df1 = t − 1', () => {
		const three: FomTable = {
			readers: ['1', '2', '3'],
			modalities: ['A', 'B', 'C'],
			estimates: Float64Array.from([0.8, 0.75, 0.7, 0.85, 0.86, 0.8, 0.9, 0.82, 0.88])
		};
		const values = new Float64Array(81);
		for (let a = 0; a < 9; a++) {
			for (let b = 0; b < 9; b++) {
				const sameModality = Math.floor(a / 3) === Math.floor(b / 3);
				const sameReader = a % 3 === b % 3;
				values[a * 9 + b] = a === b ? 0.002 : sameReader ? 0.001 : sameModality ? 0.0008 : 0.0005;
			}
		}
		const result = obuchowskiRockette(three, { size: 9, values }, { alpha: 0.05, bounded: true });
		expect(result.rrrc.df1).toBe(2);
		expect(result.rrrc.diffs.map((row) => `${row.modalityA}-${row.modalityB}`)).toEqual([
			'A-B',
			'A-C',
			'B-C'
		]);
		expect(result.rrrc.diffs[1]?.estimate).toBeCloseTo(0.75 - 0.8666666666666667, 14);
		expect(result.frrc.readerDiffs).toHaveLength(9);
		// a three-modality F is not the square of any one contrast, but all contrasts share the SE
		const ses = new Set(result.rrrc.diffs.map((row) => row.se));
		expect(ses.size).toBe(1);
	});
});
