import { describe, expect, it } from 'vitest';
import { angleAt, lengthBetween, roiArea, roiStats, spacingFrom } from './measurement-math';

// 5 columns × 4 rows, stored value 10 × (5y + x + 1): 10 … 200, row by row.
const grid = {
	columns: 5,
	rows: 4,
	values: Array.from({ length: 20 }, (_, i) => 10 * (i + 1)),
	slope: 2,
	intercept: -1024
};

describe('spacingFrom', () => {
	it('takes PixelSpacing (row, column) over ImagerPixelSpacing, and says which', () => {
		expect(spacingFrom({ pixelSpacing: [0.5, 0.8], imagerPixelSpacing: [0.1, 0.1] })).toEqual({
			row: 0.5,
			column: 0.8,
			calibration: 'PixelSpacing'
		});
		expect(spacingFrom({ imagerPixelSpacing: [0.1, 0.2] })).toEqual({
			row: 0.1,
			column: 0.2,
			calibration: 'ImagerPixelSpacing'
		});
	});

	it('has no spacing when neither is there or a value is not positive', () => {
		expect(spacingFrom({})).toBeNull();
		expect(spacingFrom({ pixelSpacing: [0, 0.5] })).toBeNull();
		expect(spacingFrom({ pixelSpacing: [0.5] })).toBeNull();
	});
});

describe('lengthBetween', () => {
	it('measures mm with PixelSpacing: column spacing along x, row spacing along y', () => {
		const spacing = spacingFrom({ pixelSpacing: [0.5, 0.8] });
		// dx = 5 × 0.8 = 4 mm, dy = 8 × 0.5 = 4 mm → 4√2 mm
		const length = lengthBetween([0, 0], [5, 8], spacing);
		expect(length.unit).toBe('mm');
		expect(length.value).toBeCloseTo(4 * Math.SQRT2, 12);
		expect(
			lengthBetween([10, 10], [13, 14], spacingFrom({ pixelSpacing: [0.7, 0.7] })).value
		).toBeCloseTo(3.5, 12);
	});

	it('measures mm at the detector with ImagerPixelSpacing alone', () => {
		const spacing = spacingFrom({ imagerPixelSpacing: [0.1, 0.1] });
		expect(lengthBetween([0, 0], [30, 40], spacing)).toEqual({
			value: expect.closeTo(5, 12),
			unit: 'mm'
		});
	});

	it('measures pixels without a spacing', () => {
		expect(lengthBetween([0, 0], [30, 40], null)).toEqual({ value: 50, unit: 'px' });
	});
});

describe('angleAt', () => {
	it('gives the angle at the vertex in degrees', () => {
		expect(angleAt([10, 0], [0, 0], [0, 10], null)).toBeCloseTo(90, 12);
		expect(angleAt([1, 0], [0, 0], [1, 1], null)).toBeCloseTo(45, 12);
		expect(angleAt([1, 0], [0, 0], [-1, 0], null)).toBeCloseTo(180, 12);
	});

	it('measures in physical space when rows and columns are spaced differently', () => {
		// (1, 0) and (1, 1) become (1, 0) and (1, 2) mm: atan 2 = 63.4349…°
		const spacing = spacingFrom({ pixelSpacing: [2, 1] });
		expect(angleAt([1, 0], [0, 0], [1, 1], spacing)).toBeCloseTo(63.43494882292201, 10);
	});
});

describe('roiArea', () => {
	it('is π·a·b for the ellipse and w·h for the rectangle, in mm² with a spacing', () => {
		const spacing = spacingFrom({ pixelSpacing: [0.5, 0.5] });
		expect(roiArea('ellipse', [0, 0], [4, 2], spacing).value).toBeCloseTo(Math.PI / 2, 12);
		const box = roiArea('rectangle', [1, 1], [3, 2], spacingFrom({ pixelSpacing: [0.5, 0.8] }));
		expect(box).toEqual({ value: expect.closeTo(0.8, 12), unit: 'mm2' });
		expect(roiArea('rectangle', [3, 2], [1, 1], null)).toEqual({ value: 2, unit: 'px2' });
	});
});

describe('roiStats', () => {
	it('averages the rectangle’s pixels after slope and intercept (population SD)', () => {
		// stored 70 80 90 / 120 130 140: mean 105 → 2 × 105 − 1024 = −814;
		// SD of stored √(4150 / 6), doubled by the slope.
		const stats = roiStats('rectangle', [1, 1], [3, 2], grid)!;
		expect(stats.pixels).toBe(6);
		expect(stats.mean).toBeCloseTo(-814, 10);
		expect(stats.sd).toBeCloseTo(2 * Math.sqrt(4150 / 6), 10);
	});

	it('takes the pixels whose centres lie in the inscribed ellipse', () => {
		// centre (2, 1), radii 2 and 1: (2, 0), row 1 whole, (2, 2) → stored 30 60 70 80 90 100 130,
		// mean 80 → −864; squared deviations sum to 6000.
		const stats = roiStats('ellipse', [0, 0], [4, 2], grid)!;
		expect(stats.pixels).toBe(7);
		expect(stats.mean).toBeCloseTo(-864, 10);
		expect(stats.sd).toBeCloseTo(2 * Math.sqrt(6000 / 7), 10);
	});

	it('clips to the image and has no value for an ROI without a pixel centre', () => {
		const clipped = roiStats('rectangle', [3.5, 2.5], [9, 9], { ...grid, slope: 1, intercept: 0 })!;
		// only the centre (4, 3) lies in both: stored 200
		expect(clipped).toEqual({ mean: 200, sd: 0, pixels: 1 });
		expect(roiStats('rectangle', [1.2, 1.2], [1.8, 1.8], grid)).toBeNull();
	});
});
