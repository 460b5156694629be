import { describe, expect, it } from 'vitest';
import type { AnnotationLesion } from '$lib/domain/annotation';
import type { Measurement } from '$lib/domain/measurement';
import {
	contourFrom,
	copyLesion,
	DEFAULT_RADIUS_MM,
	mmPerPixel,
	nextLesionId,
	regionCentre,
	regionFromDrag,
	sizeFromLength,
	spansImage,
	withSpanEdge
} from './annotation-lesions';

const lesion = (id: string, firstImage = 2, lastImage = 4): AnnotationLesion => ({
	id,
	firstImage,
	lastImage,
	region: { kind: 'box', box: { x0: 10, y0: 20, x1: 30, y1: 60 } },
	attributes: { type: 'mass' }
});

describe('annotation lesions', () => {
	it('labels a new lesion one past the highest L-number in use', () => {
		expect(nextLesionId([])).toBe('L1');
		expect(nextLesionId([lesion('L1'), lesion('L3'), lesion('X9')])).toBe('L4');
	});

	it('moves either end of a lesion span to the current image, the other end following', () => {
		expect(spansImage(lesion('L1'), 4)).toBe(true);
		expect(spansImage(lesion('L1'), 5)).toBe(false);
		expect(withSpanEdge(lesion('L1'), 'first', 3)).toMatchObject({ firstImage: 3, lastImage: 4 });
		expect(withSpanEdge(lesion('L1'), 'first', 6)).toMatchObject({ firstImage: 6, lastImage: 6 });
		expect(withSpanEdge(lesion('L1'), 'last', 1)).toMatchObject({ firstImage: 1, lastImage: 1 });
	});

	it('turns a drag into a point with its radius in mm, or a box', () => {
		// 3-4-5 triangle: 5 px at 0.5 mm per pixel (spacing 0.4 × 0.6) = 2.5 mm.
		const spacing = mmPerPixel({ row: 0.4, column: 0.6 });
		expect(spacing).toBe(0.5);
		expect(regionFromDrag('point', [10, 10], [13, 14], spacing)).toEqual({
			kind: 'point',
			x: 10,
			y: 10,
			radiusMm: 2.5
		});
		expect(regionFromDrag('point', [10, 10], [10.5, 10], spacing)).toMatchObject({
			radiusMm: DEFAULT_RADIUS_MM
		});
		expect(regionFromDrag('box', [30, 5], [10, 25], 1)).toEqual({
			kind: 'box',
			box: { x0: 10, y0: 5, x1: 30, y1: 25 }
		});
		expect(regionFromDrag('box', [30, 5], [30.4, 25], 1)).toBeNull();
		expect(mmPerPixel(null)).toBe(1);
	});

	it('keeps a freehand path as a contour of points at least a pixel apart', () => {
		expect(
			contourFrom([
				[0, 0],
				[0.2, 0.2],
				[5, 0],
				[5, 5]
			])
		).toEqual({
			kind: 'contour',
			points: [
				[0, 0],
				[5, 0],
				[5, 5]
			]
		});
		expect(
			contourFrom([
				[0, 0],
				[5, 0],
				[5.5, 0.5]
			])
		).toBeNull();
		const long = Array.from({ length: 5000 }, (_, i): [number, number] => [i, 0]);
		const region = contourFrom(long);
		expect(region?.kind === 'contour' && region.points.length).toBe(1667);
	});

	it('reads the size from a length measured in mm only', () => {
		const length = (unit: 'mm' | 'px'): Measurement => ({
			kind: 'length',
			image: 1,
			calibration: unit === 'mm' ? 'PixelSpacing' : 'none',
			points: [
				[0, 0],
				[10, 0]
			],
			length: { value: 12.345, unit }
		});
		expect(sizeFromLength(length('mm'))).toBe('12.3');
		expect(sizeFromLength(length('px'))).toBeNull();
	});

	it('takes over a lesion as a copy under its own label', () => {
		const original = lesion('L1');
		const copy = copyLesion(original, 'L2');
		copy.attributes.type = 'cyst';
		expect(copy).toMatchObject({ id: 'L2', firstImage: 2, lastImage: 4 });
		expect(original.attributes.type).toBe('mass');
		expect(original.id).toBe('L1');
	});

	it('finds the centre of each shape', () => {
		expect(regionCentre(lesion('L1').region)).toEqual([20, 40]);
		expect(regionCentre({ kind: 'point', x: 3, y: 4, radiusMm: 2 })).toEqual([3, 4]);
		expect(
			regionCentre({
				kind: 'contour',
				points: [
					[0, 0],
					[10, 2],
					[4, 8]
				]
			})
		).toEqual([5, 4]);
	});
});
