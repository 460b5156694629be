// The matching rule, worked by hand with pixel spacing, and its properties over random cases: a
// mark at a lesion's centre is its LL, a far mark is an NL, permuting the marks changes nothing,
// and of two marks on one lesion the higher-rated wins.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	intersectionOverUnion,
	matchMarks,
	MatchRuleError,
	type CaseMark,
	type MatchRule,
	type TruthLesion
} from './match-marks';

/** 0.5 mm between columns, 0.25 mm between rows (DICOM PixelSpacing [0.25, 0.5]). */
const SPACING = () => ({ x: 0.5, y: 0.25 });
const DISTANCE_10: MatchRule = { criterion: 'distance', acceptanceMm: 10 };

const point = (id: string, x: number, y: number, radiusMm = 0, image = 1): TruthLesion => ({
	id,
	firstImage: image,
	lastImage: image,
	region: { kind: 'point', x, y, radiusMm }
});
const mark = (x: number, y: number, rating: number, image = 1): CaseMark => ({
	image,
	x,
	y,
	rating
});

describe('matching by hand (PixelSpacing 0.25 mm rows × 0.5 mm columns)', () => {
	it('accepts a mark 10 mm away and refuses one 10.5 mm away, measured in mm, not pixels', () => {
		const lesion = point('L1', 100, 100);
		// 20 columns × 0.5 mm = 10 mm: accepted. 42 rows × 0.25 mm = 10.5 mm: refused.
		expect(matchMarks([mark(120, 100, 3)], [lesion], DISTANCE_10, SPACING).lesion).toEqual(['L1']);
		expect(matchMarks([mark(100, 142, 3)], [lesion], DISTANCE_10, SPACING).lesion).toEqual([null]);
		// 6 mm across and 8 mm down (12 columns, 32 rows) is 10 mm: accepted.
		expect(matchMarks([mark(112, 132, 3)], [lesion], DISTANCE_10, SPACING).lesion).toEqual(['L1']);
	});

	it('measures from the edge of a lesion with a radius: 5 mm radius + 10 mm acceptance', () => {
		const lesion = point('L1', 100, 100, 5);
		// 29 columns = 14.5 mm from the centre, 9.5 mm outside the circle: accepted; 31 → 15.5: refused.
		expect(matchMarks([mark(129, 100, 1)], [lesion], DISTANCE_10, SPACING).lesion).toEqual(['L1']);
		expect(matchMarks([mark(131, 100, 1)], [lesion], DISTANCE_10, SPACING).lesion).toEqual([null]);
	});

	it('gives a mark between two lesions to the nearer, and the lesion to the higher-rated mark', () => {
		const lesions = [point('A', 100, 100), point('B', 130, 100)];
		// Mark 1 at x 110: 5 mm from A, 10 mm from B → A. Mark 2 at x 104 (2 mm from A) rated lower.
		const result = matchMarks(
			[mark(110, 100, 4), mark(104, 100, 2), mark(128, 100, 1)],
			lesions,
			DISTANCE_10,
			SPACING
		);
		expect(result.lesion).toEqual(['A', null, 'B']);
	});

	it('counts a mark on another image of the stack as an NL, and matches one within a slice range', () => {
		const lesion: TruthLesion = {
			id: 'N',
			firstImage: 3,
			lastImage: 5,
			region: { kind: 'point', x: 50, y: 50, radiusMm: 0 }
		};
		expect(
			matchMarks([mark(50, 50, 1, 2), mark(50, 50, 1, 4)], [lesion], DISTANCE_10, SPACING).lesion
		).toEqual([null, 'N']);
	});

	it('inside: a box and a contour (a point on the edge is inside)', () => {
		const box: TruthLesion = {
			id: 'box',
			firstImage: 1,
			lastImage: 1,
			region: { kind: 'box', box: { x0: 10, y0: 10, x1: 20, y1: 30 } }
		};
		const triangle: TruthLesion = {
			id: 'tri',
			firstImage: 1,
			lastImage: 1,
			region: {
				kind: 'contour',
				points: [
					[100, 100],
					[140, 100],
					[100, 140]
				]
			}
		};
		const rule: MatchRule = { criterion: 'inside' };
		const marks = [
			mark(15, 20, 1),
			mark(21, 20, 1),
			mark(110, 110, 1),
			mark(125, 125, 1),
			mark(130, 130, 1)
		];
		expect(matchMarks(marks, [box, triangle], rule, () => null).lesion).toEqual([
			'box',
			null,
			'tri',
			null,
			null
		]);
		// The hypotenuse is x + y = 240: (125, 125) lies outside, (120, 120) on the edge, inside.
		expect(matchMarks([mark(120, 120, 1)], [triangle], rule, () => null).lesion).toEqual(['tri']);
	});

	it('iou: boxes overlapping by ≥ 0.5 match; a point mark is refused with a clear error', () => {
		const lesion: TruthLesion = {
			id: 'm',
			firstImage: 1,
			lastImage: 1,
			region: { kind: 'box', box: { x0: 0, y0: 0, x1: 10, y1: 10 } }
		};
		const boxed = (x0: number, rating: number): CaseMark => ({
			image: 1,
			x: x0 + 5,
			y: 5,
			rating,
			box: { x0, y0: 0, x1: x0 + 10, y1: 10 }
		});
		// Shifted 3 px: overlap 70 / 130 = 0.538 ≥ 0.5. Shifted 4 px: 60 / 140 = 0.43.
		expect(intersectionOverUnion(boxed(3, 1).box!, { x0: 0, y0: 0, x1: 10, y1: 10 })).toBeCloseTo(
			70 / 130,
			15
		);
		const rule: MatchRule = { criterion: 'iou', iou: 0.5 };
		expect(matchMarks([boxed(3, 1)], [lesion], rule, SPACING).lesion).toEqual(['m']);
		expect(matchMarks([boxed(4, 1)], [lesion], rule, SPACING).lesion).toEqual([null]);
		expect(() => matchMarks([mark(5, 5, 1)], [lesion], rule, SPACING)).toThrow(MatchRuleError);
	});

	it('refuses a distance in mm on an image without pixel spacing, naming lesion and image', () => {
		expect(() => matchMarks([mark(1, 1, 1)], [point('L7', 1, 1)], DISTANCE_10, () => null)).toThrow(
			'lesion L7: image 1 has no pixel spacing, so acceptance_mm cannot be measured in mm'
		);
	});

	it('a lesion seen on two views (CC image 1, MLO image 3) is localised once, by its best mark', () => {
		// One mass M: on CC at (100, 100), on MLO at (200, 300); a second lesion C on MLO at (260, 300).
		const lesions = [
			point('M', 100, 100, 0, 1),
			point('M', 200, 300, 0, 3),
			point('C', 260, 300, 0, 3)
		];
		// Mark 1 on CC, 5 mm from M (10 columns × 0.5 mm), rated 4. Mark 2 on MLO, 2.5 mm from M
		// (10 rows × 0.25 mm), rated 2: eligible for M, but M already has the higher-rated mark 1 →
		// NL. Mark 3 on MLO, 2 mm from C (4 columns), rated 1 → C. Mark 4 on image 2, where no
		// lesion lies → NL.
		const marks = [
			mark(110, 100, 4, 1),
			mark(200, 310, 2, 3),
			mark(256, 300, 1, 3),
			mark(100, 100, 5, 2)
		];
		expect(matchMarks(marks, lesions, DISTANCE_10, SPACING).lesion).toEqual(['M', null, 'C', null]);
		// Rated the other way round, the MLO mark localises M and the CC mark is the NL.
		const swapped = [mark(110, 100, 2, 1), mark(200, 310, 4, 3)];
		expect(matchMarks(swapped, lesions, DISTANCE_10, SPACING).lesion).toEqual([null, 'M']);
	});

	it('a mark near two regions of one lesion and one of another goes to the nearest region', () => {
		// A has regions at x 100 and x 140 on image 1; B at x 118. A mark at x 121 is 1.5 mm from B,
		// 9.5 mm from A's second region: B. A mark at x 138 is 1 mm from A's second region: A.
		const lesions = [point('A', 100, 100), point('A', 140, 100), point('B', 118, 100)];
		expect(
			matchMarks([mark(121, 100, 3), mark(138, 100, 3)], lesions, DISTANCE_10, SPACING).lesion
		).toEqual(['B', 'A']);
	});

	it('makes every mark on a case without lesions an NL', () => {
		expect(matchMarks([mark(1, 1, 5), mark(2, 2, 1)], [], DISTANCE_10, SPACING).lesion).toEqual([
			null,
			null
		]);
	});
});

const lesionArb = fc.record({
	x: fc.integer({ min: 0, max: 200 }),
	y: fc.integer({ min: 0, max: 200 }),
	radiusMm: fc.constantFrom(0, 2, 5)
});
const markArb = fc.record({
	x: fc.integer({ min: 0, max: 200 }),
	y: fc.integer({ min: 0, max: 200 }),
	rating: fc.integer({ min: 1, max: 5 })
});
const caseArb = fc.record({
	lesions: fc.array(lesionArb, { maxLength: 4 }),
	marks: fc.array(markArb, { maxLength: 8 })
});
const RUNS = { seed: 20261205, numRuns: 300 };

function run(
	marks: Array<{ x: number; y: number; rating: number }>,
	lesions: Array<{ x: number; y: number; radiusMm: number }>
) {
	return matchMarks(
		marks.map((m) => mark(m.x, m.y, m.rating)),
		lesions.map((l, i) => point(`L${i + 1}`, l.x, l.y, l.radiusMm)),
		DISTANCE_10,
		SPACING
	).lesion;
}

describe('matching properties', () => {
	it('a single mark at a lesion’s centre is that lesion’s LL', () => {
		fc.assert(
			fc.property(
				fc.array(lesionArb, { minLength: 1, maxLength: 4 }),
				fc.nat(),
				(lesions, pick) => {
					const target = lesions[pick % lesions.length]!;
					const result = run([{ x: target.x, y: target.y, rating: 3 }], lesions);
					// Another lesion at the very same spot may take it; it is then one of the coinciding ones.
					const coinciding = lesions.flatMap((l, i) =>
						l.x === target.x && l.y === target.y ? [`L${i + 1}`] : []
					);
					expect(coinciding).toContain(result[0]);
				}
			),
			RUNS
		);
	});

	it('a mark farther than radius + acceptance from every lesion is an NL', () => {
		fc.assert(
			fc.property(caseArb, (c) => {
				const far = c.marks.map((m) => ({ ...m, x: m.x + 1000 }));
				expect(run(far, c.lesions).every((lesion) => lesion === null)).toBe(true);
			}),
			RUNS
		);
	});

	it('permuting the marks changes nothing', () => {
		fc.assert(
			fc.property(caseArb, fc.nat(), (c, seed) => {
				const order = c.marks
					.map((_, i) => i)
					.sort(
						(a, b) =>
							((Math.imul(a + 1, seed | 1) >>> 0) % 97) -
								((Math.imul(b + 1, seed | 1) >>> 0) % 97) || a - b
					);
				const direct = run(c.marks, c.lesions);
				const permuted = run(
					order.map((i) => c.marks[i]!),
					c.lesions
				);
				const key = (m: { x: number; y: number; rating: number }, lesion: string | null) =>
					`${m.x},${m.y},${m.rating}:${lesion}`;
				expect(order.map((i, at) => key(c.marks[i]!, permuted[at]!)).sort()).toEqual(
					c.marks.map((m, i) => key(m, direct[i]!)).sort()
				);
			}),
			RUNS
		);
	});

	it('of two marks on one lone lesion the higher-rated is the LL, the other an NL', () => {
		fc.assert(
			fc.property(
				lesionArb,
				fc.integer({ min: 1, max: 4 }),
				fc.integer({ min: -8, max: 8 }),
				(lesion, low, dx) => {
					const marks = [
						{ x: lesion.x + dx, y: lesion.y, rating: low },
						{ x: lesion.x - dx, y: lesion.y + 1, rating: low + 1 }
					];
					expect(run(marks, [lesion])).toEqual([null, 'L1']);
				}
			),
			RUNS
		);
	});

	it('each lesion is localised at most once', () => {
		fc.assert(
			fc.property(caseArb, (c) => {
				const found = run(c.marks, c.lesions).filter((lesion) => lesion !== null);
				expect(new Set(found).size).toBe(found.length);
			}),
			RUNS
		);
	});
});

/** Lesions with several regions: region i belongs to lesion `ids[i]` (ids repeat), on images 1–2. */
const regionArb = fc.record({
	id: fc.constantFrom('A', 'B', 'C'),
	image: fc.integer({ min: 1, max: 2 }),
	x: fc.integer({ min: 0, max: 200 }),
	y: fc.integer({ min: 0, max: 200 }),
	radiusMm: fc.constantFrom(0, 2, 5)
});
const multiMarkArb = fc.record({
	image: fc.integer({ min: 1, max: 2 }),
	x: fc.integer({ min: 0, max: 200 }),
	y: fc.integer({ min: 0, max: 200 }),
	rating: fc.integer({ min: 1, max: 5 })
});

function runRegions(
	marks: Array<{ image: number; x: number; y: number; rating: number }>,
	regions: Array<{ id: string; image: number; x: number; y: number; radiusMm: number }>
) {
	return matchMarks(
		marks.map((m) => mark(m.x, m.y, m.rating, m.image)),
		regions.map((r) => point(r.id, r.x, r.y, r.radiusMm, r.image)),
		DISTANCE_10,
		SPACING
	).lesion;
}

describe('matching properties, lesions with several regions', () => {
	it('each lesion id is localised at most once, by a mark eligible for one of its regions', () => {
		fc.assert(
			fc.property(
				fc.array(regionArb, { maxLength: 5 }),
				fc.array(multiMarkArb, { maxLength: 8 }),
				(regions, marks) => {
					const result = runRegions(marks, regions);
					const found = result.filter((lesion) => lesion !== null);
					expect(new Set(found).size).toBe(found.length);
					result.forEach((lesion, i) => {
						if (lesion === null) return;
						const m = marks[i]!;
						const near = regions.some(
							(r) =>
								r.id === lesion &&
								r.image === m.image &&
								Math.hypot((m.x - r.x) * 0.5, (m.y - r.y) * 0.25) - r.radiusMm <= 10
						);
						expect(near).toBe(true);
					});
				}
			),
			RUNS
		);
	});

	it('a lone mark at the centre of any region of a lesion localises a lesion there', () => {
		fc.assert(
			fc.property(
				fc.array(regionArb, { minLength: 1, maxLength: 5 }),
				fc.nat(),
				(regions, pick) => {
					const target = regions[pick % regions.length]!;
					const [lesion] = runRegions([{ ...target, rating: 3 }], regions);
					const there = regions.filter(
						(r) => r.image === target.image && r.x === target.x && r.y === target.y
					);
					expect(there.map((r) => r.id)).toContain(lesion);
				}
			),
			RUNS
		);
	});

	it('of the marks on a lone lesion’s regions, the highest-rated is its LL', () => {
		fc.assert(
			fc.property(
				fc.array(regionArb, { minLength: 1, maxLength: 4 }),
				fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
				(regions, ratings) => {
					const lone = regions.map((r) => ({ ...r, id: 'L' }));
					// Mark k at the centre of region k mod n, rated ratings[k].
					const marks = ratings.map((rating, k) => ({ ...lone[k % lone.length]!, rating }));
					const result = runRegions(marks, lone);
					expect(result.filter((l) => l === 'L')).toHaveLength(1);
					expect(ratings[result.indexOf('L')]).toBe(Math.max(...ratings));
				}
			),
			RUNS
		);
	});
});
