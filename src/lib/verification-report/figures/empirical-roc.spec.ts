import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../stats/random';
import {
	assertRocCurve,
	empiricalRocPoints,
	rocArea,
	tprAt,
	verticalAverage
} from './empirical-roc';

/** Brute-force Wilcoxon–Mann–Whitney AUC over all (diseased, non-diseased) pairs, ties ½. */
function wilcoxonAuc(ratings: ArrayLike<number>, truth: ArrayLike<number>): number {
	let wins = 0;
	let pairs = 0;
	for (let i = 0; i < ratings.length; i++) {
		if (truth[i] !== 1) continue;
		for (let j = 0; j < ratings.length; j++) {
			if (truth[j] !== 0) continue;
			pairs++;
			wins += ratings[i]! > ratings[j]! ? 1 : ratings[i] === ratings[j] ? 0.5 : 0;
		}
	}
	return wins / pairs;
}

const pairsOf = (points: { fpr: number; tpr: number }[]) =>
	points.map((point) => [point.fpr, point.tpr]);

describe('empiricalRocPoints', () => {
	// Diseased ratings 3, 5, 2; non-diseased 1, 3, 2, 2. From the highest rating down:
	// 5 → one diseased (0, 1/3); 3 → one of each (1/4, 2/3), a diagonal step;
	// 2 → one diseased, two non-diseased (3/4, 1); 1 → the last non-diseased (1, 1).
	// Trapezoids: ¼·(⅓ + ⅔)/2 + ½·(⅔ + 1)/2 + ¼·(1 + 1)/2 = 1/8 + 5/12 + 1/4 = 19/24 = 9.5/12,
	// the Wilcoxon AUC: pairs won 3.5 + 4 + 2 = 9.5 of 12.
	const ratings = [3, 5, 2, 1, 3, 2, 2];
	const truth = [1, 1, 1, 0, 0, 0, 0];

	it('gives one point per distinct rating, tied cases as one diagonal step', () => {
		const points = empiricalRocPoints(ratings, truth);
		expect(pairsOf(points)).toEqual([
			[0, 0],
			[0, 1 / 3],
			[1 / 4, 2 / 3],
			[3 / 4, 1],
			[1, 1]
		]);
		expect(points.map((point) => point.threshold)).toEqual([Infinity, 5, 3, 2, 1]);
	});

	it('has trapezoidal area 19/24, the Wilcoxon AUC with ties ½', () => {
		const area = rocArea(empiricalRocPoints(Float64Array.from(ratings), Uint8Array.from(truth)));
		expect(area).toBeCloseTo(19 / 24, 14);
		expect(wilcoxonAuc(ratings, truth)).toBe(9.5 / 12);
	});

	it('is the diagonal when every rating ties (AUC ½) and the top-left corner for perfect separation (AUC 1)', () => {
		const allTied = empiricalRocPoints([4, 4, 4, 4], [1, 1, 0, 0]);
		expect(pairsOf(allTied)).toEqual([
			[0, 0],
			[1, 1]
		]);
		expect(rocArea(allTied)).toBe(0.5);
		const perfect = empiricalRocPoints([9, 8, 1, 2], [1, 1, 0, 0]);
		expect(pairsOf(perfect)).toEqual([
			[0, 0],
			[0, 0.5],
			[0, 1],
			[0.5, 1],
			[1, 1]
		]);
		expect(rocArea(perfect)).toBe(1);
		expect(rocArea(empiricalRocPoints([1, 2, 8, 9], [1, 1, 0, 0]))).toBe(0);
	});

	it('matches the brute-force Wilcoxon AUC on a seeded random study of 150 cases on a 1–10 scale', () => {
		const random = createRandom(20240611);
		const size = 150;
		const ratingValues = new Float64Array(size);
		const truthValues = new Uint8Array(size);
		for (let k = 0; k < size; k++) {
			truthValues[k] = random.nextFloat() < 0.4 ? 1 : 0;
			// Diseased cases rate higher on average; rounding to a 10-point scale makes many ties.
			ratingValues[k] = Math.min(
				10,
				Math.max(1, Math.round(4 + 2 * truthValues[k]! + 2 * random.nextNormal()))
			);
		}
		const points = empiricalRocPoints(ratingValues, truthValues);
		const auc = wilcoxonAuc(ratingValues, truthValues);
		expect(auc).toBeGreaterThan(0.6);
		expect(rocArea(points)).toBeCloseTo(auc, 12);
		expect(points.length).toBeLessThanOrEqual(11);
	});

	it('matches the brute-force Wilcoxon AUC for any ratings (property)', () => {
		const study = fc.integer({ min: 2, max: 40 }).chain((size) =>
			fc
				.record({
					ratings: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: size, maxLength: size }),
					truth: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: size, maxLength: size })
				})
				.filter(({ truth }) => truth.includes(0) && truth.includes(1))
		);
		fc.assert(
			fc.property(study, ({ ratings, truth }) => {
				const points = empiricalRocPoints(ratings, truth);
				assertRocCurve(points);
				expect(rocArea(points)).toBeCloseTo(wilcoxonAuc(ratings, truth), 12);
			})
		);
	});

	it('refuses mismatched lengths, truth other than 0/1, non-finite ratings and a single class', () => {
		expect(() => empiricalRocPoints([1, 2], [1])).toThrow('differ in length');
		expect(() => empiricalRocPoints([1, 2], [1, 2])).toThrow('truth must be 0 or 1');
		expect(() => empiricalRocPoints([1, Number.NaN], [1, 0])).toThrow('finite');
		expect(() => empiricalRocPoints([1, 2], [1, 1])).toThrow(
			'at least one diseased and one non-diseased'
		);
	});
});

describe('verticalAverage', () => {
	it('averages TPR at every FPR of either curve (hand computation)', () => {
		// A: (0,0) (¼,½) (1,1), area 0.625; B: (0,0) (½,1) (1,1), area 0.75.
		// At ¼: A ½, B ½ → ½. At ½: A ½ + (¼/¾)·½ = ⅔, B 1 → ⅚.
		// Area ¼·½/2 + ¼·(½ + ⅚)/2 + ½·(⅚ + 1)/2 = 1/16 + 1/6 + 11/24 = 0.6875, the mean of 0.625 and 0.75.
		const a = [
			{ fpr: 0, tpr: 0 },
			{ fpr: 0.25, tpr: 0.5 },
			{ fpr: 1, tpr: 1 }
		];
		const b = [
			{ fpr: 0, tpr: 0 },
			{ fpr: 0.5, tpr: 1 },
			{ fpr: 1, tpr: 1 }
		];
		const average = verticalAverage([a, b]);
		expect(average.map((point) => point.fpr)).toEqual([0, 0.25, 0.5, 1]);
		expect(average[1]!.tpr).toBeCloseTo(0.5, 14);
		expect(average[2]!.tpr).toBeCloseTo(5 / 6, 14);
		expect(rocArea(average)).toBeCloseTo(0.6875, 14);
	});

	it('keeps both ends of a vertical rise: the corner curve and the diagonal average to (0, ½)', () => {
		const corner = [
			{ fpr: 0, tpr: 0 },
			{ fpr: 0, tpr: 1 },
			{ fpr: 1, tpr: 1 }
		];
		const diagonal = [
			{ fpr: 0, tpr: 0 },
			{ fpr: 1, tpr: 1 }
		];
		expect(pairsOf(verticalAverage([corner, diagonal]))).toEqual([
			[0, 0],
			[0, 0.5],
			[1, 1]
		]);
		expect(tprAt(corner, 0)).toBe(1);
		expect(tprAt(diagonal, 0.3)).toBeCloseTo(0.3, 14);
	});

	it('has area equal to the mean of the readers’ areas (property)', () => {
		const reader = fc
			.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 1 })), {
				minLength: 2,
				maxLength: 30
			})
			.filter((cases) => cases.some(([, t]) => t === 1) && cases.some(([, t]) => t === 0));
		fc.assert(
			fc.property(fc.array(reader, { minLength: 1, maxLength: 6 }), (readers) => {
				const curves = readers.map((cases) =>
					empiricalRocPoints(
						cases.map(([r]) => r),
						cases.map(([, t]) => t)
					)
				);
				const average = verticalAverage(curves);
				assertRocCurve(average);
				const meanArea = curves.reduce((sum, curve) => sum + rocArea(curve), 0) / curves.length;
				expect(rocArea(average)).toBeCloseTo(meanArea, 12);
			})
		);
	});

	it('assertRocCurve refuses curves that do not run from (0, 0) to (1, 1) monotonically', () => {
		expect(() =>
			assertRocCurve([
				{ fpr: 0, tpr: 0 },
				{ fpr: 1, tpr: 0.9 }
			])
		).toThrow('end at (1, 1)');
		expect(() =>
			assertRocCurve([
				{ fpr: 0, tpr: 0 },
				{ fpr: 0.5, tpr: 0.6 },
				{ fpr: 0.4, tpr: 0.7 },
				{ fpr: 1, tpr: 1 }
			])
		).toThrow('non-decreasing');
		expect(() => verticalAverage([])).toThrow('at least one curve');
	});
});
