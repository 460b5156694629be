// A measurement the reader made on an image (length, ellipse or rectangle ROI, angle), stored with
// the read, its draft and its corrections. Points are in image pixel coordinates (0-based column x
// and row y, pixel centres on integers, as marks); each value carries its unit and the header
// attribute its mm come from. The geometric values are a function of the points and the image's
// pixel spacing (measurement-math.ts): the workstation computes them so, the server re-checks them.
import { z } from 'zod';
import {
	angleAt,
	roiStats,
	type PixelGrid,
	lengthBetween,
	roiArea,
	type Calibration,
	type Point,
	type RoiShape,
	type Spacing
} from './measurement-math';

const coordinate = z.number().min(0).max(100_000);
const point = z.tuple([coordinate, coordinate]);
const finite = z.number().min(-1e9).max(1e9);

const placed = {
	/** Image (1-based, within the case), as a mark's. */
	image: z.int().min(1),
	/** Frame (1-based) of a multi-frame image. */
	frame: z.int().min(1).optional(),
	calibration: z.enum(['PixelSpacing', 'ImagerPixelSpacing', 'none'])
};

const lengthSchema = z.strictObject({
	kind: z.literal('length'),
	...placed,
	points: z.tuple([point, point]),
	length: z.strictObject({ value: z.number().min(0).max(1e6), unit: z.enum(['mm', 'px']) })
});

const angleSchema = z.strictObject({
	kind: z.literal('angle'),
	...placed,
	/** First arm's end, vertex, second arm's end. */
	points: z.tuple([point, point, point]),
	angle: z.strictObject({ value: z.number().min(0).max(180), unit: z.literal('deg') })
});

/** The ROI's pixel statistics after the Modality LUT: HU on CT, else the LUT's output (`modality`). */
const pixelValue = z.strictObject({ value: finite, unit: z.enum(['HU', 'modality']) });

const roi = <K extends RoiShape>(kind: K) =>
	z.strictObject({
		kind: z.literal(kind),
		...placed,
		/** Two opposite corners of the rectangle, or of the box the ellipse is inscribed in. */
		points: z.tuple([point, point]),
		area: z.strictObject({ value: z.number().min(0).max(1e12), unit: z.enum(['mm2', 'px2']) }),
		mean: pixelValue,
		sd: z.strictObject({ value: z.number().min(0).max(1e9), unit: z.enum(['HU', 'modality']) }),
		/** Pixels whose centres lie in the ROI. */
		pixels: z.int().min(1),
		/** Its confidence as a lesion mark, when the protocol counts ROIs as marks (FROC). */
		confidence: z.int().min(0).max(100).optional()
	});

export const measurementSchema = z
	.discriminatedUnion('kind', [lengthSchema, angleSchema, roi('ellipse'), roi('rectangle')])
	.superRefine((measurement, ctx) => {
		const calibrated = measurement.calibration !== 'none';
		const unit =
			measurement.kind === 'length'
				? { path: 'length', value: measurement.length.unit, mm: 'mm' }
				: measurement.kind === 'angle'
					? null
					: { path: 'area', value: measurement.area.unit, mm: 'mm2' };
		if (unit && (unit.value === unit.mm) !== calibrated)
			ctx.addIssue({
				code: 'custom',
				path: [unit.path, 'unit'],
				message: calibrated
					? `must be ${unit.mm} with calibration ${measurement.calibration}`
					: 'must be in pixels without a calibration'
			});
		if (
			(measurement.kind === 'ellipse' || measurement.kind === 'rectangle') &&
			measurement.mean.unit !== measurement.sd.unit
		)
			ctx.addIssue({ code: 'custom', path: ['sd', 'unit'], message: 'must be the mean’s unit' });
	});

export type Measurement = z.infer<typeof measurementSchema>;
export type MeasurementKind = Measurement['kind'];
export const MEASUREMENTS_MAX = 50;
export const measurementsSchema = z.array(measurementSchema).max(MEASUREMENTS_MAX);

/** Values are kept to 4 decimals; a re-check allows that rounding. */
export function roundValue(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}

/** The geometric value a measurement must carry for its points and the image's spacing. */
export function geometricValue(
	measurement: Measurement,
	spacing: Spacing | null
): { field: 'length' | 'angle' | 'area'; value: number; unit: string } {
	const [a, b, c] = measurement.points as Point[];
	if (measurement.kind === 'length') return { field: 'length', ...lengthBetween(a!, b!, spacing) };
	if (measurement.kind === 'angle')
		return { field: 'angle', value: angleAt(a!, b!, c!, spacing), unit: 'deg' };
	return { field: 'area', ...roiArea(measurement.kind, a!, b!, spacing) };
}

/**
 * Why a measurement does not agree with its image's spacing (null when it does): the calibration
 * it names must be the one the header gives, and its length, angle or area what its points make.
 */
export function geometryProblem(measurement: Measurement, spacing: Spacing | null): string | null {
	const calibration = spacing?.calibration ?? 'none';
	if (measurement.calibration !== calibration)
		return `calibration: the image gives ${calibration}, not ${measurement.calibration}`;
	const expected = geometricValue(measurement, spacing);
	const stored = (measurement as Record<string, unknown>)[expected.field] as {
		value: number;
		unit: string;
	};
	if (stored.unit !== expected.unit)
		return `${expected.field}.unit: must be ${expected.unit}, not ${stored.unit}`;
	if (Math.abs(stored.value - expected.value) > 1e-4 + 1e-9 * Math.abs(expected.value))
		return `${expected.field}: ${stored.value} ${stored.unit} does not match its points (${roundValue(expected.value)} ${expected.unit})`;
	return null;
}

export interface ImageGeometry {
	spacing: Spacing | null;
	/** The Modality LUT gives HU (isHounsfield). */
	hounsfield: boolean;
	/** The image's pixels, for an ROI's mean and SD. */
	grid: PixelGrid;
}

/** Points are kept to a tenth of a pixel, as marks. */
const roundPoint = ([x, y]: Point): [number, number] => [
	Math.round(x * 10) / 10,
	Math.round(y * 10) / 10
];

/**
 * The measurement of `kind` through `points` (image pixel coordinates) on an image of this
 * geometry: every value computed here, from the points (rounded to 0.1 px) and the pixels. Null
 * for an ROI that holds no pixel centre.
 */
export function buildMeasurement(
	kind: MeasurementKind,
	place: { image: number; frame?: number },
	points: Point[],
	geometry: ImageGeometry,
	confidence?: number
): Measurement | null {
	const at = points.map(roundPoint);
	const calibration: Calibration = geometry.spacing?.calibration ?? 'none';
	const base = { image: place.image, ...(place.frame ? { frame: place.frame } : {}), calibration };
	const [a, b, c] = at as [Point, Point, Point];
	if (kind === 'length') {
		const { value, unit } = lengthBetween(a, b, geometry.spacing);
		return { kind, ...base, points: [a, b], length: { value: roundValue(value), unit } };
	}
	if (kind === 'angle') {
		const value = roundValue(angleAt(a, b, c, geometry.spacing));
		return { kind, ...base, points: [a, b, c], angle: { value, unit: 'deg' } };
	}
	const stats = roiStats(kind, a, b, geometry.grid);
	if (!stats) return null;
	const area = roiArea(kind, a, b, geometry.spacing);
	const unit = geometry.hounsfield ? 'HU' : 'modality';
	return {
		kind,
		...base,
		points: [a, b],
		area: { value: roundValue(area.value), unit: area.unit },
		mean: { value: roundValue(stats.mean), unit },
		sd: { value: roundValue(stats.sd), unit },
		pixels: stats.pixels,
		...(confidence === undefined ? {} : { confidence })
	} as Measurement;
}

/** An ROI as a lesion mark (FROC): its centre and extent (half-width, half-height, in pixels). */
export function roiAsMark(
	measurement: Measurement
): { image: number; x: number; y: number; rx: number; ry: number; confidence: number } | null {
	if (measurement.kind !== 'ellipse' && measurement.kind !== 'rectangle') return null;
	if (measurement.confidence === undefined) return null;
	const [[x0, y0], [x1, y1]] = measurement.points;
	return {
		image: measurement.image,
		x: (x0 + x1) / 2,
		y: (y0 + y1) / 2,
		rx: Math.abs(x1 - x0) / 2,
		ry: Math.abs(y1 - y0) / 2,
		confidence: measurement.confidence
	};
}
