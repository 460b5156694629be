import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnnotationLesion, AnnotationRegion } from '$lib/domain/annotation';
import {
	compareAnnotations,
	consensusLesions,
	consensusOf,
	describeDisagreement,
	type AnnotatorWork
} from './consensus';
import { regionArea } from './region-overlap';

const UNIT = { x: 1, y: 1 };
const RULE = { iouThreshold: 0.5, pointAcceptanceMm: 5 };

function lesion(
	id: string,
	region: AnnotationRegion,
	firstImage = 1,
	lastImage = firstImage,
	attributes: Record<string, string> = {}
): AnnotationLesion {
	return { id, firstImage, lastImage, region, attributes };
}
/** A box 10 px tall spanning x0…x1: the IoU of two is the overlap of their x ranges over the union. */
function strip(x0: number, x1: number): AnnotationRegion {
	return { kind: 'box', box: { x0, y0: 0, x1, y1: 10 } };
}
function point(x: number, y: number, radiusMm: number): AnnotationRegion {
	return { kind: 'point', x, y, radiusMm };
}
function work(
	label: string,
	lesions: AnnotationLesion[],
	classification: 0 | 1 = 1
): AnnotatorWork {
	return { label, classification, lesions };
}

describe('compareAnnotations — two annotators', () => {
	it('agrees when the boxes overlap 90 / 110 ≥ 0.5', () => {
		const result = compareAnnotations(
			[work('A', [lesion('L1', strip(0, 10))]), work('B', [lesion('L1', strip(1, 11))])],
			RULE,
			UNIT
		);
		expect(result).toEqual({
			agreed: true,
			disagreements: [],
			matches: [
				{
					members: [
						{ annotator: 'A', lesion: 'L1' },
						{ annotator: 'B', lesion: 'L1' }
					],
					iou: 9 / 11
				}
			]
		});
	});

	it('agrees on a non-diseased case with no lesions', () => {
		const result = compareAnnotations([work('A', [], 0), work('B', [], 0)], RULE, UNIT);
		expect(result).toEqual({ agreed: true, disagreements: [], matches: [] });
	});

	it('a different classification disagrees; the lone lesion has no counterpart', () => {
		const result = compareAnnotations(
			[work('B', [], 0), work('A', [lesion('L1', strip(0, 10))], 1)],
			RULE,
			UNIT
		);
		expect(result.agreed).toBe(false);
		expect(result.disagreements).toEqual([
			{ kind: 'classification', values: { A: 1, B: 0 } },
			{ kind: 'unmatched-lesion', annotator: 'A', lesion: 'L1' }
		]);
		expect(result.disagreements.map(describeDisagreement)).toEqual([
			'A: diseased, B: non-diseased',
			'A-L1 has no counterpart'
		]);
	});

	it('boxes overlapping 50 / 150 are a low overlap, IoU 0.33 < 0.50', () => {
		const result = compareAnnotations(
			[work('A', [lesion('L1', strip(0, 10))]), work('B', [lesion('L1', strip(5, 15))])],
			RULE,
			UNIT
		);
		expect(result.agreed).toBe(false);
		expect(result.matches).toEqual([]);
		expect(result.disagreements).toEqual([
			{
				kind: 'low-overlap',
				a: { annotator: 'A', lesion: 'L1' },
				b: { annotator: 'B', lesion: 'L1' },
				iou: 1 / 3,
				threshold: 0.5
			}
		]);
		expect(describeDisagreement(result.disagreements[0]!)).toBe(
			'lesion A-L1 and B-L1 overlap IoU 0.33 < 0.50'
		);
	});

	it('point lesions go by centre distance: 5 mm apart meet 5 mm, miss 4 mm', () => {
		const works = [
			work('A', [lesion('L1', point(0, 0, 2))]),
			work('B', [lesion('L1', point(3, 4, 2))])
		];
		expect(compareAnnotations(works, RULE, UNIT).agreed).toBe(true);
		const strict = compareAnnotations(works, { iouThreshold: 0.5, pointAcceptanceMm: 4 }, UNIT);
		expect(strict.disagreements).toEqual([
			{
				kind: 'far-points',
				a: { annotator: 'A', lesion: 'L1' },
				b: { annotator: 'B', lesion: 'L1' },
				distanceMm: 5,
				acceptanceMm: 4
			}
		]);
		expect(describeDisagreement(strict.disagreements[0]!)).toBe(
			'points A-L1 and B-L1 lie 5.0 mm apart > 4.0 mm'
		);
		// Through an anisotropic spacing: 3 px at 2 mm and 4 px at 0.5 mm are √40 ≈ 6.32 mm.
		const far = compareAnnotations(works, RULE, { x: 2, y: 0.5 });
		expect(far.disagreements.map(describeDisagreement)).toEqual([
			'points A-L1 and B-L1 lie 6.4 mm apart > 5.0 mm'
		]);
	});

	it('pairs optimally, not greedily', () => {
		// IoUs (strips 10 px tall): A-L1 [0,10]·B-M1 [2,12] 8/12 (the best single pair),
		// A-L1·B-M2 [-3,7] 7/13, A-L2 [5,15]·B-M1 7/13, A-L2·B-M2 2/18. Greedy takes 8/12 and
		// leaves 2/18 below 0.5; the optimal pairing meets the rule twice.
		const result = compareAnnotations(
			[
				work('A', [lesion('L1', strip(0, 10)), lesion('L2', strip(5, 15))]),
				work('B', [lesion('M1', strip(2, 12)), lesion('M2', strip(-3, 7))])
			],
			RULE,
			UNIT
		);
		expect(result.agreed).toBe(true);
		expect(result.matches.map((m) => m.members.map((r) => r.lesion))).toEqual([
			['L1', 'M2'],
			['L2', 'M1']
		]);
		expect(result.matches.map((m) => m.iou)).toEqual([7 / 13, 7 / 13]);
	});

	it('a lesion on images the other lesion is not on has no counterpart', () => {
		const result = compareAnnotations(
			[work('A', [lesion('L1', strip(0, 10), 1, 2)]), work('B', [lesion('L1', strip(0, 10), 3)])],
			RULE,
			UNIT
		);
		expect(result.disagreements.map(describeDisagreement)).toEqual([
			'A-L1 has no counterpart',
			'B-L1 has no counterpart'
		]);
	});

	it('refuses fewer than two works, and two works with one label', () => {
		expect(() => compareAnnotations([work('A', [])], RULE, UNIT)).toThrow(/at least 2 annotators/);
		expect(() => compareAnnotations([work('A', []), work('A', [])], RULE, UNIT)).toThrow(/label/);
		expect(() =>
			compareAnnotations([work('A', []), work('B', [])], { ...RULE, iouThreshold: 0 }, UNIT)
		).toThrow(/iouThreshold/);
	});
});

describe('compareAnnotations — three annotators', () => {
	it("every pair in a match must meet the rule: B's and C's outlines overlap only 4 / 16", () => {
		// A [0,10] meets B [-3,7] and C [3,13] (7/13 each); B and C share [3,7]: 4/16.
		const result = compareAnnotations(
			[
				work('C', [lesion('L1', strip(3, 13))]),
				work('A', [lesion('L1', strip(0, 10))]),
				work('B', [lesion('L1', strip(-3, 7))])
			],
			RULE,
			UNIT
		);
		expect(result.agreed).toBe(false);
		expect(result.disagreements.map(describeDisagreement)).toEqual([
			'lesion B-L1 and C-L1 overlap IoU 0.25 < 0.50'
		]);
	});

	it('names who has no counterpart; a full match carries the mean of the pairwise IoUs', () => {
		const result = compareAnnotations(
			[
				work('A', [lesion('L1', strip(0, 10)), lesion('L2', strip(40, 50))]),
				work('B', [lesion('L1', strip(1, 11)), lesion('L2', strip(40, 50))]),
				work('C', [lesion('L1', strip(0, 10))])
			],
			RULE,
			UNIT
		);
		expect(result.disagreements.map(describeDisagreement)).toEqual([
			'A-L2 has no counterpart from C'
		]);
		// A·B 9/11, A·C 1, B·C 9/11.
		expect(result.matches).toHaveLength(1);
		expect(result.matches[0]!.iou).toBeCloseTo((9 / 11 + 1 + 9 / 11) / 3, 15);
	});
});

describe('consensusLesions — the average of an agreed case', () => {
	const squareA: AnnotationRegion = {
		kind: 'contour',
		points: [
			[0, 0],
			[10, 0],
			[10, 10],
			[0, 10]
		]
	};
	// The same square shifted by (1, 1), drawn the other way round from another corner. On images
	// 2–4 and 2–5 they share 3 × 81 px³ of 300 + 400: IoU 243 / 457 ≈ 0.53.
	const squareB: AnnotationRegion = {
		kind: 'contour',
		points: [
			[11, 11],
			[11, 1],
			[1, 1],
			[1, 11]
		]
	};
	const works = [
		work('A', [
			lesion('L1', squareA, 2, 4, { type: 'mass', size_mm: '12', margin: 'spiculated', note: 'x' }),
			lesion('L2', point(10, 40, 4), 1)
		]),
		work('B', [
			lesion('L7', squareB, 2, 5, { type: 'mass', size_mm: '13', margin: 'smooth' }),
			lesion('L8', point(12, 42, 6), 1)
		])
	];

	it('averages contours point by point after resampling, points by centre and radius', () => {
		const comparison = compareAnnotations(works, RULE, UNIT);
		expect(comparison.agreed).toBe(true);
		const { lesions, dropped } = consensusOf(works, comparison);
		// L1: the point lesion (image 1); L2: the contour (images 2…5).
		expect(lesions[0]).toEqual({
			id: 'L1',
			firstImage: 1,
			lastImage: 1,
			region: { kind: 'point', x: 11, y: 41, radiusMm: 5 },
			attributes: {}
		});
		const l2 = lesions[1]!;
		expect([l2.id, l2.firstImage, l2.lastImage]).toEqual(['L2', 2, 5]);
		expect(l2.attributes).toEqual({ type: 'mass', size_mm: '12.5' });
		if (l2.region.kind !== 'contour') throw new Error('expected a contour');
		// The mean square is 0.5…10.5: 64 points, 40 px round, a corner every 16 points.
		const { points } = l2.region;
		expect(points).toHaveLength(64);
		expect([0, 16, 32, 48].map((k) => points[k])).toEqual([
			[0.5, 0.5],
			[10.5, 0.5],
			[10.5, 10.5],
			[0.5, 10.5]
		]);
		expect(points[8]).toEqual([5.5, 0.5]);
		expect(regionArea(l2.region, UNIT)).toBeCloseTo(100, 9);
		expect(dropped).toEqual([
			{ lesion: 'L2', attribute: 'margin', values: { A: 'spiculated', B: 'smooth' } },
			{ lesion: 'L2', attribute: 'note', values: { A: 'x', B: null } }
		]);
		expect(consensusLesions(works, comparison)).toEqual(lesions);
	});

	it('boxes: the mean corners; mixed shapes: the mean bounding box (a point through the spacing)', () => {
		const boxes = [
			work('A', [lesion('L1', { kind: 'box', box: { x0: 0, y0: 0, x1: 10, y1: 10 } })]),
			work('B', [lesion('L1', { kind: 'box', box: { x0: 1, y0: 2, x1: 11, y1: 12 } })])
		];
		expect(consensusLesions(boxes, compareAnnotations(boxes, RULE, UNIT))[0]!.region).toEqual({
			kind: 'box',
			box: { x0: 0.5, y0: 1, x1: 10.5, y1: 11 }
		});
		// A disc of 2 mm at 0.5 mm/px: 4 px each way, box 1…9; with the box 0…10 the mean is 0.5…9.5.
		const spacing = { x: 0.5, y: 0.5 };
		const mixed = [
			work('A', [lesion('L1', point(5, 5, 2))]),
			work('B', [lesion('L1', { kind: 'box', box: { x0: 0, y0: 0, x1: 10, y1: 10 } })])
		];
		const comparison = compareAnnotations(mixed, RULE, spacing);
		expect(comparison.agreed).toBe(true);
		expect(consensusLesions(mixed, comparison, spacing)[0]!.region).toEqual({
			kind: 'box',
			box: { x0: 0.5, y0: 0.5, x1: 9.5, y1: 9.5 }
		});
		expect(() => consensusLesions(mixed, comparison)).toThrow(/pixel spacing/);
	});

	it('refuses a case the annotators disagree on', () => {
		const split = [work('A', [], 0), work('B', [lesion('L1', strip(0, 10))])];
		expect(() => consensusLesions(split, compareAnnotations(split, RULE, UNIT))).toThrow(
			/adjudicator/
		);
	});
});

describe('compareAnnotations — independent of the order of works and lesions (seeded)', () => {
	const region: fc.Arbitrary<AnnotationRegion> = fc.oneof(
		fc
			.record({ x: fc.integer({ min: 0, max: 20 }), w: fc.integer({ min: 4, max: 12 }) })
			.map(({ x, w }) => strip(x, x + w)),
		fc
			.record({ x: fc.integer({ min: 0, max: 20 }), r: fc.integer({ min: 2, max: 6 }) })
			.map(({ x, r }) => point(x, 5, r))
	);
	const lesions = fc.uniqueArray(
		fc.record({ id: fc.constantFrom('L1', 'L2', 'L3', 'L4'), region }),
		{ maxLength: 3, selector: (l) => l.id }
	);
	const works = fc
		.tuple(fc.integer({ min: 2, max: 3 }), fc.array(lesions, { minLength: 3, maxLength: 3 }))
		.map(([n, all]) =>
			all.slice(0, n).map((ls, i) =>
				work(
					'ABC'[i] as string,
					ls.map((l) => lesion(l.id, l.region)),
					ls.length > 0 ? 1 : 0
				)
			)
		);

	it('gives the same comparison for works and lesions in any order', () => {
		fc.assert(
			fc.property(
				works.chain((ws) =>
					fc.tuple(
						fc.constant(ws),
						fc.shuffledSubarray(ws, { minLength: ws.length, maxLength: ws.length }),
						fc.tuple(
							...ws.map((w) =>
								fc.shuffledSubarray(w.lesions, {
									minLength: w.lesions.length,
									maxLength: w.lesions.length
								})
							)
						)
					)
				),
				([ws, shuffled, lesionOrders]) => {
					const reordered = shuffled.map((w) => ({
						...w,
						lesions: lesionOrders[ws.indexOf(w)] as AnnotationLesion[]
					}));
					expect(compareAnnotations(reordered, RULE, UNIT)).toEqual(
						compareAnnotations(ws, RULE, UNIT)
					);
				}
			),
			{ seed: 1919, numRuns: 200 }
		);
	});
});

describe('compareAnnotations — a busy case', () => {
	it('pairs 20 detailed contours (200 vertices each) per annotator', () => {
		// Octagon-like discs of radius 8 px on a 5 × 4 grid 30 px apart; B's shifted by 1 px:
		// each overlaps its own partner only, IoU about (16 − 1)/(16 + 1) ≈ 0.88.
		const ring = (cx: number, cy: number): AnnotationRegion => ({
			kind: 'contour',
			points: Array.from({ length: 200 }, (_, k): [number, number] => [
				cx + 8 * Math.cos((2 * Math.PI * k) / 200),
				cy + 8 * Math.sin((2 * Math.PI * k) / 200)
			])
		});
		const grid = Array.from({ length: 20 }, (_, i) => [
			20 + 30 * (i % 5),
			20 + 30 * Math.floor(i / 5)
		]);
		const result = compareAnnotations(
			[
				work(
					'A',
					grid.map(([x, y], i) => lesion(`L${i + 1}`, ring(x!, y!)))
				),
				work(
					'B',
					grid.map(([x, y], i) => lesion(`M${i + 1}`, ring(x! + 1, y!)))
				)
			],
			RULE,
			UNIT
		);
		expect(result.agreed).toBe(true);
		expect(result.matches).toHaveLength(20);
		for (const match of result.matches) expect(match.iou).toBeGreaterThan(0.85);
	});
});
