import { describe, expect, it } from 'vitest';
import {
	buildMeasurement,
	geometryProblem,
	measurementSchema,
	roiAsMark,
	type Measurement
} from './measurement';
import { spacingFrom } from './measurement-math';

const length: Measurement = {
	kind: 'length',
	image: 1,
	calibration: 'PixelSpacing',
	points: [
		[10, 10],
		[13, 14]
	],
	length: { value: 3.5, unit: 'mm' }
};

const ellipse: Measurement = {
	kind: 'ellipse',
	image: 2,
	calibration: 'PixelSpacing',
	points: [
		[0, 0],
		[4, 2]
	],
	area: { value: 1.5708, unit: 'mm2' },
	mean: { value: -864, unit: 'HU' },
	sd: { value: 58.554, unit: 'HU' },
	pixels: 7
};

const issues = (input: unknown) => {
	const parsed = measurementSchema.safeParse(input);
	return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('measurementSchema', () => {
	it('takes a length, an ROI and an angle', () => {
		expect(issues(length)).toEqual([]);
		expect(issues(ellipse)).toEqual([]);
		const angle = {
			kind: 'angle',
			image: 1,
			frame: 3,
			calibration: 'none',
			points: [
				[1, 0],
				[0, 0],
				[1, 1]
			],
			angle: { value: 45, unit: 'deg' }
		};
		expect(issues(angle)).toEqual([]);
	});

	it('refuses mm without a calibration and pixels with one, naming the field', () => {
		expect(issues({ ...length, calibration: 'none' })).toEqual([
			'length.unit: must be in pixels without a calibration'
		]);
		expect(issues({ ...ellipse, area: { value: 10, unit: 'px2' } })).toEqual([
			'area.unit: must be mm2 with calibration PixelSpacing'
		]);
	});

	it('refuses a wrong number of points, an unknown kind, an angle over 180° and extra fields', () => {
		expect(issues({ ...length, points: [[1, 1]] })[0]).toMatch(/^points/);
		expect(issues({ ...length, kind: 'polygon' })[0]).toMatch(/^kind/);
		expect(
			issues({ ...length, kind: 'angle', angle: { value: 200, unit: 'deg' } }).length
		).toBeGreaterThan(0);
		expect(issues({ ...length, note: 'x' })[0]).toMatch(/note/);
		expect(issues({ ...ellipse, sd: { value: 1, unit: 'modality' } })).toEqual([
			'sd.unit: must be the mean’s unit'
		]);
	});
});

describe('geometryProblem', () => {
	const spacing = spacingFrom({ pixelSpacing: [0.7, 0.7] });

	it('accepts values that match the points and the spacing', () => {
		expect(geometryProblem(length, spacing)).toBeNull();
		expect(geometryProblem(ellipse, spacingFrom({ pixelSpacing: [0.5, 0.5] }))).toBeNull();
	});

	it('names a length that does not match its points', () => {
		expect(geometryProblem({ ...length, length: { value: 9, unit: 'mm' } }, spacing)).toBe(
			'length: 9 mm does not match its points (3.5 mm)'
		);
	});

	it('names a calibration the image does not give', () => {
		expect(geometryProblem(length, spacingFrom({ imagerPixelSpacing: [0.7, 0.7] }))).toBe(
			'calibration: the image gives ImagerPixelSpacing, not PixelSpacing'
		);
		expect(geometryProblem(length, null)).toBe(
			'calibration: the image gives none, not PixelSpacing'
		);
	});
});

describe('roiAsMark', () => {
	it('puts an ROI with a confidence at its centre with its half extents', () => {
		expect(roiAsMark({ ...ellipse, confidence: 70 })).toEqual({
			image: 2,
			x: 2,
			y: 1,
			rx: 2,
			ry: 1,
			confidence: 70
		});
		expect(roiAsMark(ellipse)).toBeNull();
		expect(roiAsMark(length)).toBeNull();
	});
});

describe('buildMeasurement', () => {
	// 5 × 4 stored 10 … 200, CT rescale 2 / −1024, 0.5 mm pixels
	const geometry = {
		spacing: spacingFrom({ pixelSpacing: [0.5, 0.5] }),
		hounsfield: true,
		grid: {
			columns: 5,
			rows: 4,
			values: Array.from({ length: 20 }, (_, i) => 10 * (i + 1)),
			slope: 2,
			intercept: -1024
		}
	};

	it('computes every value from the points, the spacing and the pixels', () => {
		expect(
			buildMeasurement(
				'ellipse',
				{ image: 2 },
				[
					[0, 0],
					[4, 2]
				],
				geometry
			)
		).toEqual({
			...ellipse,
			sd: { value: 58.554, unit: 'HU' }
		});
		expect(
			buildMeasurement(
				'length',
				{ image: 1 },
				[
					[0.04, 0],
					[3, 4.02]
				],
				{ ...geometry, spacing: null }
			)
		).toEqual({
			kind: 'length',
			image: 1,
			calibration: 'none',
			points: [
				[0, 0],
				[3, 4]
			],
			length: { value: 5, unit: 'px' }
		});
	});

	it('gives the ROI’s values without a unit off CT, and no ROI without a pixel inside', () => {
		const mg = {
			...geometry,
			hounsfield: false,
			spacing: spacingFrom({ imagerPixelSpacing: [0.1, 0.1] })
		};
		const box = buildMeasurement(
			'rectangle',
			{ image: 1, frame: 2 },
			[
				[1, 1],
				[3, 2]
			],
			mg,
			60
		)!;
		expect(box).toMatchObject({
			frame: 2,
			calibration: 'ImagerPixelSpacing',
			area: { value: 0.02, unit: 'mm2' },
			mean: { value: -814, unit: 'modality' },
			confidence: 60
		});
		expect(
			buildMeasurement(
				'rectangle',
				{ image: 1 },
				[
					[1.2, 1.2],
					[1.8, 1.8]
				],
				mg
			)
		).toBeNull();
	});
});
