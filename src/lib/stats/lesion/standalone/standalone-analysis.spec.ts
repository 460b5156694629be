// The AI standalone analysis on a hand-worked study (3 cases, 4 lesions, 5 candidates, matched
// through pixel spacing), a failed case, the bootstrap against the binomial standard error, and
// properties of average precision on random detectors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLesionCases, lesionCasesArbitrary } from '$fixtures/stats/lesion-study.fixture';
import { afrocFom } from '../afroc';
import { lesionSensitivityFom } from '../lesion-sensitivity';
import type { MatchRule } from '../match-marks';
import { wafrocFom } from '../wafroc';
import { percentileInterval } from './bootstrap-interval';
import { analyzeMatchedStandalone, analyzeStandalone } from './standalone-analysis';
import type { AiCandidate, StandaloneCase, StandaloneLesion } from './standalone-input';

// 0.5 mm per pixel; a candidate within 5 mm (10 px) of a lesion's centre may localise it.
const rule: MatchRule = { criterion: 'distance', acceptanceMm: 5 };
const spacing = () => ({ x: 0.5, y: 0.5 });
const point = (id: string, x: number, y: number, type: string): StandaloneLesion => ({
	id,
	firstImage: 1,
	lastImage: 1,
	region: { kind: 'point', x, y, radiusMm: 0 },
	type
});
const at = (x: number, y: number, score: number): AiCandidate => ({ image: 1, x, y, score });

// A: lesions a1 (mass) and a2 (calcification); the AI marks a1 at 1 mm (0.9) and again at 2 mm
//    (0.6, a second mark on a1: an NL) and misses a2.
// B: lesions b1 (mass) and b2 (calcification), marked at 4 mm (0.7) and on the centre (0.5).
// C: non-diseased, one NL (0.8).
// Ranked: 0.9 TP, 0.8 FP, 0.7 TP, 0.6 FP, 0.5 TP over 4 lesions.
const hand: StandaloneCase[] = [
	{
		id: 'A',
		lesions: [point('a1', 100, 100, 'mass'), point('a2', 300, 300, 'calcification')],
		candidates: [at(104, 100, 0.6), at(102, 100, 0.9)],
		spacing
	},
	{
		id: 'B',
		lesions: [point('b1', 50, 50, 'mass'), point('b2', 400, 400, 'calcification')],
		candidates: [at(50, 58, 0.7), at(400, 400, 0.5)],
		spacing
	},
	{ id: 'C', lesions: [], candidates: [at(10, 10, 0.8)], spacing }
];

describe('the hand-worked study', () => {
	const result = analyzeStandalone(
		{ cases: hand, rule },
		{ nlPerImage: [0, 0.5, 1], samples: 50, seed: 3 }
	);

	it('matches the candidates: a1 by the 0.9 mark, the 0.6 mark an NL, a2 missed', () => {
		expect(result.matched.classification).toEqual([[null, 'a1'], ['b1', 'b2'], [null]]);
		expect([...result.matched.marks.ll]).toEqual([0.9, -Infinity, 0.7, 0.5]);
	});

	it('FROC over 3 images and 4 lesions; sensitivity 1/4, 1/2, 3/4 at 0, ½, 1 NL per image', () => {
		expect(result.froc.map(({ x, y }) => [x, y])).toEqual([
			[0, 0],
			[0, 0.25],
			[1 / 3, 0.25],
			[1 / 3, 0.5],
			[2 / 3, 0.5],
			[2 / 3, 0.75]
		]);
		expect(result.sensitivity.map((s) => s.estimate)).toEqual([0.25, 0.5, 0.75]);
	});

	it('wAFROC and AFROC: only a1 (0.9) beats the NL of C (0.8): ½ / 2 cases and 1 / 4 lesions', () => {
		expect(result.wafroc?.figure.estimate).toBeCloseTo(0.25, 15);
		expect(result.afroc?.figure.estimate).toBeCloseTo(0.25, 15);
	});

	it('AP by hand: ¼·1 + ¼·⅔ + ¼·0.6 = 17/30; per type 5/6 (mass) and 1/6; mAP ½', () => {
		expect(result.precisionRecall.points.map((p) => [p.recall, p.precision])).toEqual([
			[0.25, 1],
			[0.25, 0.5],
			[0.5, 2 / 3],
			[0.5, 0.5],
			[0.75, 0.6]
		]);
		expect(result.precisionRecall.averagePrecision.estimate).toBeCloseTo(17 / 30, 15);
		expect(result.byType.map((t) => [t.type, t.lesions])).toEqual([
			['calcification', 2],
			['mass', 2]
		]);
		expect(result.byType[0]!.averagePrecision.estimate).toBeCloseTo(1 / 6, 15);
		expect(result.byType[1]!.averagePrecision.estimate).toBeCloseTo(5 / 6, 15);
		expect(result.meanAveragePrecision?.estimate).toBeCloseTo(0.5, 15);
	});

	it('a failed case counts: its lesions missed, its candidates ignored', () => {
		const failed = analyzeStandalone(
			{ cases: hand.map((c) => (c.id === 'B' ? { ...c, failed: true } : c)), rule },
			{ samples: 10 }
		);
		expect(failed.failedCases).toBe(1);
		expect(failed.froc.map(({ x, y }) => [x, y])).toEqual([
			[0, 0],
			[0, 0.25],
			[1 / 3, 0.25],
			[2 / 3, 0.25]
		]);
		expect(failed.precisionRecall.averagePrecision.estimate).toBeCloseTo(0.25, 15);
	});

	it('the same seed gives the same intervals; the number of resamples is a parameter', () => {
		const again = analyzeStandalone(
			{ cases: hand, rule },
			{ nlPerImage: [0, 0.5, 1], samples: 50, seed: 3 }
		);
		expect(again.sensitivity).toEqual(result.sensitivity);
		expect(result.precisionRecall.averagePrecision.replicates).toBe(50);
		expect(result.bootstrap).toEqual({ samples: 50, seed: 3, level: 0.95, interval: 'percentile' });
	});

	it('refuses a confidence level outside (0, 1) and too few resamples, naming the option', () => {
		expect(() => analyzeStandalone({ cases: hand, rule }, { level: 95 })).toThrow(
			'the confidence level must lie in (0, 1), got 95'
		);
		expect(() => analyzeStandalone({ cases: hand, rule }, { samples: 1 })).toThrow(
			'bootstrap samples must be an integer ≥ 2, got 1'
		);
	});

	it('refuses weights that do not sum to 1, naming the case', () => {
		const lesions = [
			{ ...point('x', 1, 1, 'mass'), weight: 0.5 },
			{ ...point('y', 90, 90, 'mass'), weight: 0.4 }
		];
		expect(() =>
			analyzeStandalone({ cases: [{ id: 'K7', lesions, candidates: [] }], rule }, { samples: 2 })
		).toThrow(/case K7: lesion weights sum to 0.9/);
	});
});

describe('from candidates already matched', () => {
	it('the AI as one reader: wAFROC, AFROC and the sensitivity with every mark as afroc.ts, wafroc.ts, lesion-sensitivity.ts', () => {
		fc.assert(
			fc.property(lesionCasesArbitrary, (cases) => {
				const { truth, marks } = buildLesionCases(cases);
				const result = analyzeMatchedStandalone(
					{
						truth,
						marks,
						lesionTypes: truth.lesionIds.map(() => null),
						failed: new Uint8Array(cases.length)
					},
					{ nlPerImage: [1000], samples: 2 }
				);
				expect(result.wafroc!.figure.estimate).toBeCloseTo(
					wafrocFom.compute(truth, marks).estimate,
					12
				);
				expect(result.afroc!.figure.estimate).toBeCloseTo(
					afrocFom.compute(truth, marks).estimate,
					12
				);
				expect(result.sensitivity[0]!.estimate).toBeCloseTo(
					lesionSensitivityFom.compute(truth, marks).estimate,
					12
				);
				expect(result.meanAveragePrecision).toBeNull();
			}),
			{ seed: 12, numRuns: 100 }
		);
	});
});

describe('bootstrap percentile interval', () => {
	it('type-7 quantiles: 0 … 100 give 2.5 and 97.5 at 95 %, NaN replicates left out', () => {
		const values = [...Array.from({ length: 101 }, (_, i) => 100 - i), NaN];
		const interval = percentileInterval(50, values, 0.95);
		expect(interval.lower).toBeCloseTo(2.5, 12);
		expect(interval.upper).toBeCloseTo(97.5, 12);
		expect(interval.replicates).toBe(101);
	});

	it('lesion sensitivity of 400 one-lesion cases, half found: close to p ± 1.96·√(p(1−p)/n)', () => {
		const cases: StandaloneCase[] = Array.from({ length: 400 }, (_, k) => ({
			id: `k${k}`,
			lesions: [point('1', 100, 100, 'mass')],
			candidates: k % 2 === 0 ? [at(100, 100, 0.9)] : [],
			spacing
		}));
		const { sensitivity } = analyzeStandalone({ cases, rule }, { nlPerImage: [1], seed: 11 });
		const half = 1.96 * Math.sqrt(0.25 / 400);
		expect(sensitivity[0]!.estimate).toBe(0.5);
		expect(sensitivity[0]!.lower).toBeCloseTo(0.5 - half, 2);
		expect(sensitivity[0]!.upper).toBeCloseTo(0.5 + half, 2);
	});
});

/** Random detectors: lesions 200 px apart, candidates within 3 px of a lesion or far from all. */
const detector = fc.array(
	fc.record({
		lesions: fc.array(fc.boolean(), { maxLength: 3 }),
		scores: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 3 }),
		nl: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 2 }),
		offset: fc.integer({ min: -3, max: 3 })
	}),
	{ minLength: 1, maxLength: 8 }
);

interface Drawn {
	lesions: boolean[];
	scores: number[];
	nl: number[];
	offset: number;
}

function casesOf(draw: Drawn[]): StandaloneCase[] {
	return draw.map((c, k) => {
		const lesions = c.lesions.map((big, i) =>
			point(`${i + 1}`, 200 * (i + 1), 200, big ? 'mass' : 'calcification')
		);
		const candidates = [
			...lesions.flatMap((_, i) =>
				i < c.scores.length ? [at(200 * (i + 1) + c.offset, 200, c.scores[i]!)] : []
			),
			...c.nl.map((score, i) => at(50 + 30 * i, 900, score))
		];
		return { id: `c${k}`, lesions, candidates, spacing };
	});
}

describe('average precision, properties', () => {
	const ap = (cases: StandaloneCase[]) =>
		analyzeStandalone({ cases, rule }, { samples: 2 }).precisionRecall.averagePrecision.estimate;
	const withLesions = (cases: StandaloneCase[]) => cases.some((c) => c.lesions.length > 0);

	it('lies in [0, 1], and does not depend on the order of the candidates', () => {
		fc.assert(
			fc.property(detector, (draw) => {
				const cases = casesOf(draw);
				fc.pre(withLesions(cases));
				const value = ap(cases);
				expect(value).toBeGreaterThanOrEqual(0);
				expect(value).toBeLessThanOrEqual(1);
				const reversed = cases.map((c) => ({ ...c, candidates: [...c.candidates].reverse() }));
				expect(ap(reversed)).toBe(value);
			}),
			{ seed: 4, numRuns: 150 }
		);
	});

	it('a perfect detector (every lesion marked above every NL) has AP 1 and sensitivity 1 at 0 NLs', () => {
		fc.assert(
			fc.property(detector, (draw) => {
				const cases = casesOf(draw).map((c) => ({
					...c,
					candidates: [
						...c.lesions.map((lesion, i) => ({
							...at(200 * (i + 1), 200, 10 + i)
						})),
						...c.candidates.filter((candidate) => candidate.y === 900)
					]
				}));
				fc.pre(withLesions(cases));
				const result = analyzeStandalone({ cases, rule }, { nlPerImage: [0], samples: 2 });
				expect(result.precisionRecall.averagePrecision.estimate).toBe(1);
				expect(result.sensitivity[0]!.estimate).toBe(1);
			}),
			{ seed: 5, numRuns: 100 }
		);
	});

	it('adding a far NL, at any score, never raises AP', () => {
		fc.assert(
			fc.property(
				detector,
				fc.nat({ max: 7 }),
				fc.integer({ min: 0, max: 10 }),
				(draw, which, score) => {
					const cases = casesOf(draw);
					fc.pre(withLesions(cases));
					const k = which % cases.length;
					const more = cases.map((c, i) =>
						i === k ? { ...c, candidates: [...c.candidates, at(5000, 5000, score)] } : c
					);
					expect(ap(more)).toBeLessThanOrEqual(ap(cases) + 1e-15);
				}
			),
			{ seed: 6, numRuns: 150 }
		);
	});
});
