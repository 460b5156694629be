// The empirical FROC, AFROC and wAFROC curves: a hand-worked study, the areas against the
// figures of merit (afroc.ts, wafroc.ts) on random studies (on FED:
// tests/reference/lesion-curves-reference.spec.ts), sensitivity at a given NLF
// and the reader average (RJafroc's vertical average, exact at the union of abscissae).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	buildLesionCases,
	buildLesionStudy,
	lesionCasesArbitrary,
	type LesionCase
} from '$fixtures/stats/lesion-study.fixture';
import { afrocFom } from '../afroc';
import { wafrocFom } from '../wafroc';
import { afrocCurve, wafrocCurve } from './afroc-curve';
import { curveArea, ordinateAt, verticalAverage } from './curve-points';
import { frocCurve, sensitivityAtNlf } from './froc-curve';
import { readerAveragedCurves } from './reader-averaged';

// c0 non-diseased with NLs 3 and 1; c1 one lesion (LL 4) and an NL 2; c2 two lesions weighted
// 3 : 1, the heavier localised at 3, the other unmarked.
const hand: LesionCase[] = [
	{ lesions: [], nl: [3, 1] },
	{ lesions: [{ weight: 1, rating: 4 }], nl: [2] },
	{
		lesions: [
			{ weight: 3, rating: 3 },
			{ weight: 1, rating: null }
		],
		nl: []
	}
];
const xy = (points: Array<{ x: number; y: number }>) => points.map(({ x, y }) => [x, y]);

describe('the hand-worked study (3 cases, 3 lesions, 3 NLs)', () => {
	const { truth, marks } = buildLesionCases(hand);

	it('FROC: NLs over all 3 cases, LLs over 3 lesions, one point per rating 4, 3, 2, 1', () => {
		const curve = frocCurve(truth, marks);
		expect(xy(curve)).toEqual([
			[0, 0],
			[0, 1 / 3],
			[1 / 3, 2 / 3],
			[2 / 3, 2 / 3],
			[1, 2 / 3]
		]);
		expect(curve.map((p) => p.threshold)).toEqual([Infinity, 4, 3, 2, 1]);
	});

	it('AFROC: the one FP (3) against LLs 4, 3 and an unmarked lesion; area (1 + ½ + 0)/3', () => {
		const curve = afrocCurve(truth, marks, 'equal');
		expect(xy(curve)).toEqual([
			[0, 0],
			[0, 1 / 3],
			[1, 2 / 3],
			[1, 1]
		]);
		expect(curveArea(curve)).toBeCloseTo(0.5, 15);
	});

	it('wAFROC: weights 1, ¾, ¼ over 2 diseased cases; area (1 + ¾·½)/2', () => {
		const curve = wafrocCurve(truth, marks);
		expect(xy(curve)).toEqual([
			[0, 0],
			[0, 0.5],
			[1, 0.875],
			[1, 1]
		]);
		expect(curveArea(curve)).toBeCloseTo(0.6875, 15);
	});

	it('sensitivity at NLF: the top of a rise, linear between points, the last LLF beyond', () => {
		const curve = frocCurve(truth, marks);
		expect(sensitivityAtNlf(curve, 0)).toBeCloseTo(1 / 3, 15);
		expect(sensitivityAtNlf(curve, 1 / 6)).toBeCloseTo(1 / 2, 15);
		expect(sensitivityAtNlf(curve, 0.5)).toBeCloseTo(2 / 3, 15);
		expect(sensitivityAtNlf(curve, 4)).toBeCloseTo(2 / 3, 15);
		expect(() => sensitivityAtNlf(curve, -1)).toThrow(/≥ 0/);
	});

	it('case multiplicities count a case as often as it is drawn', () => {
		const twice = buildLesionCases([hand[0]!, hand[0]!, hand[1]!]);
		expect(frocCurve(truth, marks, Float64Array.of(2, 1, 0))).toEqual(
			frocCurve(twice.truth, twice.marks)
		);
	});
});

describe('areas equal the figures of merit', () => {
	it('on random studies with ties, unmarked lesions and case multiplicities', () => {
		fc.assert(
			fc.property(
				lesionCasesArbitrary,
				fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 12, maxLength: 12 }),
				(cases, times) => {
					const { truth, marks } = buildLesionCases(cases);
					expect(curveArea(afrocCurve(truth, marks, 'equal'))).toBeCloseTo(
						afrocFom.compute(truth, marks).estimate,
						12
					);
					expect(curveArea(wafrocCurve(truth, marks))).toBeCloseTo(
						wafrocFom.compute(truth, marks).estimate,
						12
					);
					const multiplicity = Float64Array.from(cases, (_, k) => times[k]!);
					for (const cls of [0, 1])
						if (!cases.some((_, k) => truth.truth[k] === cls && multiplicity[k]! > 0))
							multiplicity[truth.truth.indexOf(cls)] = 1;
					expect(curveArea(wafrocCurve(truth, marks, multiplicity))).toBeCloseTo(
						wafrocFom.compute(truth, marks).weightedEstimate(multiplicity),
						12
					);
				}
			),
			{ seed: 18, numRuns: 200 }
		);
	});
});

describe('reader average (vertical, exact)', () => {
	it('averages the ordinates, both sides of a vertical rise, and stops at the shortest FROC', () => {
		const a = [
			{ x: 0, y: 0 },
			{ x: 0, y: 0.4 },
			{ x: 1, y: 0.6 }
		];
		const b = [
			{ x: 0, y: 0 },
			{ x: 0.5, y: 0.8 },
			{ x: 2, y: 1 }
		];
		expect(verticalAverage([a, b])).toEqual([
			{ x: 0, y: 0 },
			{ x: 0, y: 0.2 },
			{ x: 0.5, y: (0.5 + 0.8) / 2 },
			{ x: 1, y: (0.6 + (0.8 + 0.2 / 3)) / 2 }
		]);
		expect(ordinateAt(a, 0)).toBe(0.4);
	});

	it('a study of two readers: the average curve of each modality has the mean area', () => {
		fc.assert(
			fc.property(lesionCasesArbitrary, fc.array(fc.integer({ min: 1, max: 5 })), (cases, r) => {
				// The second reader rates every mark of the first differently (cycling through r).
				let i = 0;
				const next = () => (r.length ? r[i++ % r.length]! : 3);
				const other = cases.map((c) => ({
					lesions: c.lesions.map((lesion) => ({ ...lesion, rating: lesion.rating && next() })),
					nl: c.nl.map(next)
				}));
				const study = buildLesionStudy([[cases, other]]);
				const [modality] = readerAveragedCurves(study, 'afroc');
				const areas = modality!.readers.map((reader) => curveArea(reader.points));
				expect(curveArea(modality!.average)).toBeCloseTo((areas[0]! + areas[1]!) / 2, 12);
				const [froc] = readerAveragedCurves(study, 'froc');
				const ends = froc!.readers.map((reader) => reader.points.at(-1)!.x);
				expect(froc!.average.at(-1)!.x).toBe(Math.min(...ends));
			}),
			{ seed: 7, numRuns: 100 }
		);
	});
});
