import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnnotationRegion } from '$lib/domain/annotation';
import { centreDistanceMm, regionArea, regionIoU, type RegionOnImages } from './region-overlap';

const UNIT = { x: 1, y: 1 };

function on(region: AnnotationRegion, firstImage = 1, lastImage = firstImage): RegionOnImages {
	return { firstImage, lastImage, region };
}
function box(x0: number, y0: number, x1: number, y1: number): AnnotationRegion {
	return { kind: 'box', box: { x0, y0, x1, y1 } };
}
function point(x: number, y: number, radiusMm: number): AnnotationRegion {
	return { kind: 'point', x, y, radiusMm };
}
function contour(...points: Array<[number, number]>): AnnotationRegion {
	return { kind: 'contour', points };
}

describe('regionIoU — hand-worked values', () => {
	it('two 10 × 10 boxes shifted by 5 px share 50 of 150 px²: 1/3 (exact)', () => {
		expect(regionIoU(on(box(0, 0, 10, 10)), on(box(5, 0, 15, 10)), UNIT)).toBe(1 / 3);
	});

	it('two discs of 5 mm with centres 5 mm apart: the lens 2r²·acos(d/2r) − (d/2)·√(4r² − d²)', () => {
		// r = 5, d = 5: lens = 50·π/3 − 2.5·√75 ≈ 30.709; union = 2·25π − lens ≈ 126.370.
		const lens = (50 * Math.PI) / 3 - 2.5 * Math.sqrt(75);
		const expected = lens / (50 * Math.PI - lens);
		expect(expected).toBeCloseTo(0.24301, 5);
		expect(regionIoU(on(point(0, 0, 5)), on(point(5, 0, 5)), UNIT)).toBeCloseTo(expected, 12);
	});

	it('anisotropic spacing: 10 px apart along x at 0.5 mm/px are 5 mm apart (the same lens)', () => {
		const lens = (50 * Math.PI) / 3 - 2.5 * Math.sqrt(75);
		const spacing = { x: 0.5, y: 1 };
		const iou = regionIoU(on(point(20, 20, 5)), on(point(30, 20, 5)), spacing);
		expect(iou).toBeCloseTo(lens / (50 * Math.PI - lens), 12);
		// Along y the spacing is 1 mm/px: 10 px apart is 10 mm, the discs (r = 5 mm) just touch.
		expect(regionIoU(on(point(20, 20, 5)), on(point(20, 30, 5)), spacing)).toBe(0);
	});

	it('anisotropic spacing: a disc is an ellipse in pixels, a box over its right half', () => {
		// 5 mm at (0.5, 1) mm/px: semi-axes 10 px and 5 px, area 50π px². The box x 20…30, y 15…25
		// (100 px²) holds exactly the right half (25π): IoU = 25π / (50π + 100 − 25π).
		const iou = regionIoU(on(point(20, 20, 5)), on(box(20, 15, 30, 25)), { x: 0.5, y: 1 });
		expect(iou).toBeCloseTo((25 * Math.PI) / (25 * Math.PI + 100), 4);
	});

	it('a lesion of 5 px: a disc of radius 2.5 px in its 5 × 5 box gives π/4 within 1e-4', () => {
		expect(regionIoU(on(point(10, 10, 2.5)), on(box(7.5, 7.5, 12.5, 12.5)), UNIT)).toBeCloseTo(
			Math.PI / 4,
			4
		);
	});

	it('a contour equal to a box overlaps it fully; shifted by half, 1/3', () => {
		const square = contour([0, 0], [10, 0], [10, 10], [0, 10]);
		expect(regionIoU(on(square), on(box(0, 0, 10, 10)), UNIT)).toBeCloseTo(1, 12);
		expect(regionIoU(on(square), on(box(5, 0, 15, 10)), UNIT)).toBeCloseTo(1 / 3, 12);
	});

	it('a triangle (area 50) holding a 5 × 5 box: 25 / 50', () => {
		const triangle = contour([0, 0], [10, 0], [0, 10]);
		expect(regionIoU(on(triangle), on(box(0, 0, 5, 5)), UNIT)).toBeCloseTo(0.5, 10);
	});

	it('a non-convex L (area 64) and the box 2…8 (36) share 12 + 8 = 20: 20 / 80', () => {
		const l = contour([0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10]);
		expect(regionIoU(on(l), on(box(2, 2, 8, 8)), UNIT)).toBeCloseTo(0.25, 10);
	});

	it('over several images: 100 px² on images 1–4 and on 3–6 share 2 images: 200 / 600', () => {
		const square = box(0, 0, 10, 10);
		expect(regionIoU(on(square, 1, 4), on(square, 3, 6), UNIT)).toBeCloseTo(1 / 3, 12);
		// The same, a point with a contour: each image's overlap is the disc (in the square).
		const disc = point(5, 5, 3);
		const inSquare = contour([0, 0], [10, 0], [10, 10], [0, 10]);
		const iou = regionIoU(on(disc, 2, 3), on(inSquare, 3, 5), UNIT);
		// disc volume 2·9π, square 3·100, common 1·9π.
		expect(iou).toBeCloseTo((9 * Math.PI) / (18 * Math.PI + 300 - 9 * Math.PI), 4);
	});

	it('is 0 when the lesions share no image', () => {
		expect(regionIoU(on(box(0, 0, 10, 10), 1, 2), on(box(0, 0, 10, 10), 3, 4), UNIT)).toBe(0);
	});

	it('measures a disc and a polygon area to 1e-4', () => {
		expect(regionArea(point(0, 0, 4), { x: 0.5, y: 2 })).toBeCloseTo(Math.PI * 8 * 2, 10);
		expect(regionArea(contour([0, 0], [10, 0], [0, 10]), UNIT)).toBeCloseTo(50, 6);
	});
});

describe('centreDistanceMm', () => {
	it('points 3 and 4 px apart: 5 mm at 1 mm/px, √(6² + 2²) at (2, 0.5) mm/px', () => {
		expect(centreDistanceMm(on(point(0, 0, 1)), on(point(3, 4, 1)), UNIT)).toBe(5);
		expect(centreDistanceMm(on(point(0, 0, 1)), on(point(3, 4, 1)), { x: 2, y: 0.5 })).toBeCloseTo(
			Math.sqrt(40),
			12
		);
	});

	it("takes a box's centre and a contour's area centroid", () => {
		// Triangle (0,0), (6,0), (0,6): centroid (2, 2); box 0…4 × 0…8: centre (2, 4).
		const triangle = contour([0, 0], [6, 0], [0, 6]);
		expect(centreDistanceMm(on(triangle), on(point(2, 2, 1)), UNIT)).toBeCloseTo(0, 12);
		expect(centreDistanceMm(on(triangle), on(box(0, 0, 4, 8)), UNIT)).toBeCloseTo(2, 12);
		// A concave L's centroid is not its vertices' mean: area 64, (100·(5,5) − 36·(7,7)) / 64.
		const l = contour([0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10]);
		const c = (500 - 252) / 64;
		expect(centreDistanceMm(on(l), on(point(c, c, 1)), UNIT)).toBeCloseTo(0, 12);
	});

	it('across images: in-plane when the ranges overlap, Infinity when not, 3-D with a slice spacing', () => {
		const [a, b] = [point(0, 0, 1), point(3, 4, 1)];
		expect(centreDistanceMm(on(a, 1, 3), on(b, 3, 5), UNIT)).toBe(5);
		expect(centreDistanceMm(on(a, 1, 1), on(b, 5, 5), UNIT)).toBe(Infinity);
		// Centre images 1 and 5, 2.5 mm apart each: dz = 10 mm; with 5 mm in plane, √125.
		expect(centreDistanceMm(on(a, 1, 1), on(b, 5, 5), UNIT, 2.5)).toBeCloseTo(Math.sqrt(125), 12);
		expect(centreDistanceMm(on(a, 1, 1), on(a, 5, 5), UNIT, 2.5)).toBe(10);
	});
});

const coordinate = fc.integer({ min: 0, max: 60 });
const region: fc.Arbitrary<AnnotationRegion> = fc.oneof(
	fc
		.record({ x: coordinate, y: coordinate, radiusMm: fc.integer({ min: 1, max: 20 }) })
		.map(({ x, y, radiusMm }) => point(x, y, radiusMm)),
	fc
		.record({ x: coordinate, y: coordinate, w: fc.integer({ min: 1, max: 30 }) })
		.chain(({ x, y, w }) => fc.integer({ min: 1, max: 30 }).map((h) => box(x, y, x + w, y + h))),
	fc
		.array(fc.tuple(coordinate, coordinate), { minLength: 3, maxLength: 7 })
		.map((points) => contour(...(points as Array<[number, number]>)))
);
const lesion = fc
	.record({ region, first: fc.integer({ min: 1, max: 4 }), span: fc.integer({ min: 0, max: 3 }) })
	.map(({ region, first, span }) => on(region, first, first + span));
const spacing = fc.record({
	x: fc.constantFrom(0.5, 0.7, 1),
	y: fc.constantFrom(0.5, 1, 1.3)
});

describe('regionIoU — properties (seeded)', () => {
	it('is symmetric and in [0, 1]', () => {
		fc.assert(
			fc.property(lesion, lesion, spacing, (a, b, s) => {
				const iou = regionIoU(a, b, s);
				expect(iou).toBeGreaterThanOrEqual(0);
				expect(iou).toBeLessThanOrEqual(1);
				expect(regionIoU(b, a, s)).toBe(iou);
			}),
			{ seed: 1919, numRuns: 200 }
		);
	});

	it('is 1 for a lesion with itself (any region with an area)', () => {
		fc.assert(
			fc.property(lesion, spacing, (a, s) => {
				fc.pre(regionArea(a.region, s) > 1e-6);
				expect(regionIoU(a, a, s)).toBe(1);
			}),
			{ seed: 1920, numRuns: 200 }
		);
	});
});
