// The one-pass average precisions of the bootstrap against the point-by-point PR curve, on random
// matched detectors with ties, lesion types and case multiplicities; and AP of a hand-made curve.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLesionCases, lesionCasesArbitrary } from '$fixtures/stats/lesion-study.fixture';
import {
	averagePrecision,
	averagePrecisionsOf,
	precisionRecall,
	prepareCandidates
} from './precision-recall';

describe('average precision', () => {
	it('all-point interpolation: precision is the best at any recall at least as high', () => {
		// Recall 0.5 at precision 0.5, then 1 at 2/3: the first half is credited 2/3, not 1/2.
		const points = [
			{ recall: 0.5, precision: 0.5, threshold: 2 },
			{ recall: 1, precision: 2 / 3, threshold: 1 }
		];
		expect(averagePrecision(points)).toBeCloseTo(2 / 3, 15);
		expect(averagePrecision([])).toBe(0);
	});

	it('the one-pass evaluation equals the PR curve of every lesion set, with multiplicities', () => {
		fc.assert(
			fc.property(
				lesionCasesArbitrary,
				fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 12, maxLength: 12 }),
				(cases, times) => {
					const { truth, marks } = buildLesionCases(cases);
					const prepared = prepareCandidates(truth, marks);
					// Two groups by lesion index parity, and every third lesion in none.
					const group = Int32Array.from(marks.ll, (_, l) => (l % 3 === 2 ? -1 : l % 2));
					const multiplicity = Float64Array.from(cases, (_, k) => times[k]!);
					const fast = averagePrecisionsOf(prepared, group, 2)(multiplicity);
					const slow = [
						precisionRecall(prepared, { multiplicity }),
						precisionRecall(prepared, { multiplicity, lesion: (l) => group[l] === 0 }),
						precisionRecall(prepared, { multiplicity, lesion: (l) => group[l] === 1 })
					].map((pr) => pr.averagePrecision);
					slow.forEach((value, s) => {
						if (Number.isNaN(value)) expect(fast[s]).toBeNaN();
						else expect(fast[s]).toBeCloseTo(value, 12);
					});
				}
			),
			{ seed: 9, numRuns: 200 }
		);
	});
});
