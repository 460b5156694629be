import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aucLeaveOneOut, aucPlacements, empiricalAuc, empiricalAucFom } from './empirical-auc';

// Hand example: diseased ratings 3, 5, 2; non-diseased 1, 3, 2, 2 (cases in that order).
// Pairs won (ties ½): 3 → 1 + ½ + 1 + 1 = 3.5; 5 → 4; 2 → 1 + 0 + ½ + ½ = 2; total 9.5 of 12.
const ratings = Float64Array.from([3, 5, 2, 1, 3, 2, 2]);
const truth = Uint8Array.from([1, 1, 1, 0, 0, 0, 0]);

/** Naive O(mn) Mann–Whitney AUC, for comparison. */
function naiveAuc(values: ArrayLike<number>, classes: ArrayLike<number>): number {
	let twiceWins = 0;
	let m = 0;
	for (let i = 0; i < values.length; i++) if (classes[i] === 1) m++;
	const n = values.length - m;
	for (let i = 0; i < values.length; i++) {
		if (classes[i] !== 1) continue;
		for (let j = 0; j < values.length; j++) {
			if (classes[j] !== 0) continue;
			twiceWins += values[i]! > values[j]! ? 2 : values[i] === values[j] ? 1 : 0;
		}
	}
	return twiceWins / (2 * m * n);
}

describe('empirical AUC', () => {
	it('counts ties as ½ (hand computation: 9.5 / 12)', () => {
		expect(empiricalAuc(ratings, truth)).toBe(9.5 / 12);
	});

	it('gives placement values V10 = (3.5, 4, 2)/4 and V01 = (3, 1.5, 2.5, 2.5)/3 (DeLong 1988)', () => {
		const placements = aucPlacements(ratings, truth);
		expect(Array.from(placements.positiveWins, (w) => w / (2 * 4))).toEqual([0.875, 1, 0.5]);
		expect(Array.from(placements.negativeWins, (w) => w / (2 * 3))).toEqual([
			1,
			0.5,
			2.5 / 3,
			2.5 / 3
		]);
	});

	it('leaves one case out exactly: (9.5 − 3.5)/8, (9.5 − 4)/8, …, (9.5 − 1.5)/9', () => {
		const loo = aucLeaveOneOut(aucPlacements(ratings, truth));
		expect(Array.from(loo)).toEqual([6 / 8, 5.5 / 8, 7.5 / 8, 6.5 / 9, 8 / 9, 7 / 9, 7 / 9]);
	});

	it('is 1 for perfect separation, 0 for reversed and ½ when every rating ties', () => {
		const classes = Uint8Array.from([1, 1, 0, 0]);
		expect(empiricalAuc(Float64Array.from([9, 8, 1, 2]), classes)).toBe(1);
		expect(empiricalAuc(Float64Array.from([1, 2, 8, 9]), classes)).toBe(0);
		expect(empiricalAuc(Float64Array.from([4, 4, 4, 4]), classes)).toBe(0.5);
	});

	it('refuses a single truth class and a jackknife with one case of a class', () => {
		expect(() => empiricalAuc(Float64Array.from([1, 2]), Uint8Array.from([1, 1]))).toThrow(
			'at least one diseased and one non-diseased'
		);
		expect(() =>
			aucLeaveOneOut(aucPlacements(Float64Array.from([1, 2, 3]), Uint8Array.from([1, 0, 0])))
		).toThrow('at least two diseased');
	});

	const study = fc
		.integer({ min: 4, max: 60 })
		.chain((size) =>
			fc.record({
				values: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: size, maxLength: size }),
				classes: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: size, maxLength: size })
			})
		)
		.filter(
			({ classes }) =>
				classes.filter((c) => c === 1).length >= 2 && classes.filter((c) => c === 0).length >= 2
		);

	it('property: the O(N log N) AUC and every leave-one-out AUC equal a naive recomputation, bit for bit', () => {
		fc.assert(
			fc.property(study, ({ values, classes }) => {
				const x = Float64Array.from(values);
				const t = Uint8Array.from(classes);
				const computation = empiricalAucFom.compute(x, t);
				expect(computation.estimate).toBe(naiveAuc(values, classes));
				const loo = computation.leaveOneOut();
				for (let k = 0; k < values.length; k++) {
					const keep = values.map((_, i) => i).filter((i) => i !== k);
					expect(loo[k]).toBe(
						naiveAuc(
							keep.map((i) => values[i]!),
							keep.map((i) => classes[i]!)
						)
					);
				}
			}),
			{ numRuns: 300, seed: 20240601 }
		);
	});

	it('property: ratings counted by value (short integer range) and sorted (decimals, wide range) give the same placements', () => {
		fc.assert(
			fc.property(study, ({ values, classes }) => {
				const t = Uint8Array.from(classes);
				const counted = aucPlacements(Float64Array.from(values), t);
				// The same order and ties, but decimals, or integers 10^7 apart: taken by sorting.
				for (const scale of [0.25, 1e7]) {
					const sorted = aucPlacements(
						Float64Array.from(values, (v) => v * scale),
						t
					);
					expect(sorted.positiveWins).toEqual(counted.positiveWins);
					expect(sorted.negativeWins).toEqual(counted.negativeWins);
					expect(sorted.auc).toBe(counted.auc);
					expect(sorted.auc).toBe(naiveAuc(values, classes));
				}
			}),
			{ numRuns: 200, seed: 20261205 }
		);
	});

	it('property: the weighted (bootstrap) AUC with weights 0/1/2 equals the AUC of the expanded sample', () => {
		fc.assert(
			fc.property(
				study,
				fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 60, maxLength: 60 }),
				({ values, classes }, rawWeights) => {
					const weights = values.map((_, k) => rawWeights[k]!);
					const expandedValues: number[] = [];
					const expandedClasses: number[] = [];
					values.forEach((v, k) => {
						for (let w = 0; w < weights[k]!; w++) {
							expandedValues.push(v);
							expandedClasses.push(classes[k]!);
						}
					});
					const m = expandedClasses.filter((c) => c === 1).length;
					if (m === 0 || m === expandedClasses.length) return;
					const weighted = empiricalAucFom
						.compute(Float64Array.from(values), Uint8Array.from(classes))
						.weightedEstimate(Float64Array.from(weights));
					expect(weighted).toBeCloseTo(naiveAuc(expandedValues, expandedClasses), 14);
				}
			),
			{ numRuns: 200, seed: 7 }
		);
	});
});
