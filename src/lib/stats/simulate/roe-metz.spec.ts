import { describe, expect, it } from 'vitest';
import { empiricalAuc } from '../fom/empirical-auc';
import { parseLongCsv } from '../input/long-csv';
import { normalCdf } from '../distributions';
import { createRandom } from '../random';
import type { ReadingStudy } from '../study';
import {
	ROE_METZ_STRUCTURES,
	caseLevelVariance,
	populationAuc,
	separationForAuc,
	simulateRoeMetz,
	toLongCsv,
	toLongRecords,
	typicalReaderAuc,
	type RoeMetzVariances
} from './roe-metz';

describe('Roe & Metz 1997 configurations', () => {
	it('have case-related components summing to 1 in every structure', () => {
		for (const variances of Object.values(ROE_METZ_STRUCTURES))
			expect(caseLevelVariance(variances)).toBeCloseTo(1, 15);
	});

	it('give the paper’s AUCs of about 0.70, 0.86, 0.96 for μ = 0.75, 1.5, 2.5 (AUC = Φ(μ/√2))', () => {
		const hl = ROE_METZ_STRUCTURES.HL;
		expect(typicalReaderAuc(0.75, hl)).toBeCloseTo(0.702, 3);
		expect(typicalReaderAuc(1.5, hl)).toBeCloseTo(0.856, 3);
		expect(typicalReaderAuc(2.5, hl)).toBeCloseTo(0.96, 2);
		expect(separationForAuc(0.856, hl)).toBeCloseTo(1.5, 2);
	});
});

// Moments of the model (Roe & Metz 1997, eq. 1) on a large sample with distinct components,
// after removing the known means μ_i·t: the covariance of two ratings depends only on which of
// reader, modality and case they share.
const variances: RoeMetzVariances = {
	reader: 0.2,
	modalityReader: 0.1,
	case: 0.3,
	modalityCase: 0.2,
	readerCase: 0.25,
	error: 0.25
};
const separations = [0.5, 1.0];

function centred(study: ReadingStudy, i: number, j: number, k: number): number {
	return (
		(study.rating[i]?.[j]?.[k] as number) - (separations[i] as number) * (study.truth[k] as number)
	);
}

/** Mean of products of centred ratings over the pairs picked by `other` (same truth state). */
function pairMean(
	study: ReadingStudy,
	other: (i: number, j: number, k: number) => [number, number, number]
): number {
	let sum = 0;
	let count = 0;
	for (let i = 0; i < 2; i++) {
		for (let j = 0; j < study.readers.length; j++) {
			for (let k = 0; k < study.cases.length; k++) {
				const [i2, j2, k2] = other(i, j, k);
				if (k2 >= study.cases.length || study.truth[k2] !== study.truth[k]) continue;
				sum += centred(study, i, j, k) * centred(study, i2, j2, k2);
				count += 1;
			}
		}
	}
	return sum / count;
}

describe('simulateRoeMetz — moments of the model', () => {
	const readers = 300;
	const study = simulateRoeMetz(
		{ readers, positiveCases: 600, negativeCases: 600, separations, variances },
		createRandom(20240601)
	);
	const nextReader = (j: number) => (j + 1) % readers;

	it('Var(X) = σ²_R + σ²_τR + σ²_C + σ²_τC + σ²_RC + σ²_ε = 1.3', () => {
		expect(pairMean(study, (i, j, k) => [i, j, k])).toBeCloseTo(1.3, 1);
	});

	it('same case and modality, other reader: σ²_C + σ²_τC = 0.5', () => {
		expect(pairMean(study, (i, j, k) => [i, nextReader(j), k])).toBeCloseTo(0.5, 1);
	});

	it('same case and reader, other modality: σ²_R + σ²_C + σ²_RC = 0.75', () => {
		expect(pairMean(study, (i, j, k) => [1 - i, j, k])).toBeCloseTo(0.75, 1);
	});

	it('same case only: σ²_C = 0.3', () => {
		expect(pairMean(study, (i, j, k) => [1 - i, nextReader(j), k])).toBeCloseTo(0.3, 1);
	});

	it('same reader and modality, other case of the same truth: σ²_R + σ²_τR = 0.3', () => {
		expect(pairMean(study, (i, j, k) => [i, j, k + 1])).toBeCloseTo(0.3, 1);
	});

	it('same reader, other modality and case: σ²_R = 0.2; nothing shared: 0', () => {
		expect(pairMean(study, (i, j, k) => [1 - i, j, k + 1])).toBeCloseTo(0.2, 1);
		expect(pairMean(study, (i, j, k) => [1 - i, nextReader(j), k + 1])).toBeCloseTo(0, 1);
	});

	it('has the stated means μ_i for diseased and 0 for non-diseased cases', () => {
		for (const [i, mu] of separations.entries()) {
			for (const t of [0, 1]) {
				let sum = 0;
				let count = 0;
				study.rating[i]?.forEach((ratings) =>
					ratings.forEach((value, k) => {
						if (study.truth[k] === t) {
							sum += value;
							count++;
						}
					})
				);
				expect(sum / count).toBeCloseTo(mu * t, 1);
			}
		}
	});
});

describe('simulateRoeMetz — AUC', () => {
	it('averages to the binormal AUC Φ(μ/√(2(σ² + σ²_R + σ²_τR))) over studies (HL, AUC 0.75)', () => {
		const hl = ROE_METZ_STRUCTURES.HL;
		const mu = separationForAuc(0.75, hl);
		const random = createRandom(7);
		const aucs: number[] = [];
		for (let s = 0; s < 300; s++) {
			const study = simulateRoeMetz(
				{ readers: 5, positiveCases: 50, negativeCases: 50, separations: [mu], variances: hl },
				random
			);
			study.rating[0]?.forEach((ratings) => aucs.push(empiricalAuc(ratings, study.truth)));
		}
		const studyMeans = Array.from(
			{ length: 300 },
			(_, s) => aucs.slice(5 * s, 5 * s + 5).reduce((a, b) => a + b, 0) / 5
		);
		const mean = studyMeans.reduce((a, b) => a + b, 0) / 300;
		const sd = Math.sqrt(studyMeans.reduce((a, b) => a + (b - mean) ** 2, 0) / 299);
		const target = normalCdf(mu / Math.sqrt(2 * (1 + 0.011)));
		expect(populationAuc(mu, hl)).toBeCloseTo(target, 15);
		expect(Math.abs(mean - target)).toBeLessThan(4 * (sd / Math.sqrt(300)));
	});
});

describe('long-format output', () => {
	it('is read back by the analysis’s CSV parser unchanged', () => {
		const study = simulateRoeMetz(
			{
				readers: 3,
				positiveCases: 4,
				negativeCases: 5,
				separations: [1, 1.2],
				variances: ROE_METZ_STRUCTURES.LL
			},
			createRandom(3)
		);
		expect(toLongRecords(study)).toHaveLength(3 * 2 * 9);
		const parsed = parseLongCsv(toLongCsv(study));
		expect(parsed.readers).toEqual(study.readers);
		expect(parsed.modalities).toEqual(['A', 'B']);
		expect(parsed.cases).toEqual(study.cases);
		expect(Array.from(parsed.truth)).toEqual(Array.from(study.truth));
		expect(parsed.rating.map((m) => m.map((r) => Array.from(r)))).toEqual(
			study.rating.map((m) => m.map((r) => Array.from(r)))
		);
	});

	it('is reproducible from the seed', () => {
		const design = {
			readers: 2,
			positiveCases: 3,
			negativeCases: 3,
			separations: [1, 1],
			variances: ROE_METZ_STRUCTURES.HH
		};
		expect(toLongCsv(simulateRoeMetz(design, createRandom(11)))).toBe(
			toLongCsv(simulateRoeMetz(design, createRandom(11)))
		);
		expect(toLongCsv(simulateRoeMetz(design, createRandom(12)))).not.toBe(
			toLongCsv(simulateRoeMetz(design, createRandom(11)))
		);
	});
});
