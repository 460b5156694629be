// The values of a measurement, computed from the image's geometry alone: points in image pixel
// coordinates (0-based column x and row y, pixel centres on integers, as marks), the pixel spacing
// the header gives and, for an ROI's mean and SD, the stored pixel values put through the Modality
// LUT (rescale slope and intercept). Pure: the workstation computes what it stores with these and
// the server re-checks with the same functions.

export type Point = [number, number];

/** Where a measurement's mm come from: the header attribute used, or none (pixels). */
export type Calibration = 'PixelSpacing' | 'ImagerPixelSpacing' | 'none';

export interface Spacing {
	/** Distance between the centres of adjacent rows (mm): PixelSpacing's first value. */
	row: number;
	/** Distance between the centres of adjacent columns (mm): PixelSpacing's second value. */
	column: number;
	calibration: Exclude<Calibration, 'none'>;
}

/**
 * The spacing a length is measured with: PixelSpacing (0028,0030) when the header has it, else
 * ImagerPixelSpacing (0018,1164) — at the detector, not corrected for magnification —, else none.
 */
export function spacingFrom(header: {
	pixelSpacing?: readonly number[] | null;
	imagerPixelSpacing?: readonly number[] | null;
}): Spacing | null {
	const usable = (value?: readonly number[] | null) =>
		value && value.length >= 2 && value.slice(0, 2).every((v) => Number.isFinite(v) && v > 0)
			? value
			: null;
	const pixel = usable(header.pixelSpacing);
	if (pixel) return { row: pixel[0]!, column: pixel[1]!, calibration: 'PixelSpacing' };
	const imager = usable(header.imagerPixelSpacing);
	if (imager) return { row: imager[0]!, column: imager[1]!, calibration: 'ImagerPixelSpacing' };
	return null;
}

/** Whether the Modality LUT's output is in HU: a RescaleType of HU, or CT without a RescaleType. */
export function isHounsfield(modality?: string | null, rescaleType?: string | null): boolean {
	const type = rescaleType?.trim().toUpperCase();
	return type ? type === 'HU' : modality?.trim().toUpperCase() === 'CT';
}

/** A distance in mm with a spacing, else in pixels. */
export function lengthBetween(
	a: Point,
	b: Point,
	spacing: Spacing | null
): { value: number; unit: 'mm' | 'px' } {
	const dx = (b[0] - a[0]) * (spacing?.column ?? 1);
	const dy = (b[1] - a[1]) * (spacing?.row ?? 1);
	return { value: Math.hypot(dx, dy), unit: spacing ? 'mm' : 'px' };
}

/** The angle at `vertex` between the rays to `a` and `b`, in degrees (0–180), in physical space. */
export function angleAt(a: Point, vertex: Point, b: Point, spacing: Spacing | null): number {
	const sx = spacing?.column ?? 1;
	const sy = spacing?.row ?? 1;
	const ux = (a[0] - vertex[0]) * sx;
	const uy = (a[1] - vertex[1]) * sy;
	const vx = (b[0] - vertex[0]) * sx;
	const vy = (b[1] - vertex[1]) * sy;
	if ((ux === 0 && uy === 0) || (vx === 0 && vy === 0)) return 0;
	return (Math.abs(Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)) * 180) / Math.PI;
}

export type RoiShape = 'ellipse' | 'rectangle';

/** Area of the ellipse inscribed in, or the rectangle spanned by, two opposite corners. */
export function roiArea(
	shape: RoiShape,
	a: Point,
	b: Point,
	spacing: Spacing | null
): { value: number; unit: 'mm2' | 'px2' } {
	const width = Math.abs(b[0] - a[0]) * (spacing?.column ?? 1);
	const height = Math.abs(b[1] - a[1]) * (spacing?.row ?? 1);
	const area = shape === 'rectangle' ? width * height : (Math.PI * width * height) / 4;
	return { value: area, unit: spacing ? 'mm2' : 'px2' };
}

export interface PixelGrid {
	columns: number;
	rows: number;
	/** Stored values, row by row. */
	values: ArrayLike<number>;
	/** The Modality LUT: value = stored × slope + intercept (1 and 0 when the header has none). */
	slope: number;
	intercept: number;
}

/**
 * Mean and SD (population: divided by n) after the Modality LUT of the pixels whose centres lie
 * in the ROI: inside the rectangle spanned by the corners (edges included), or inside the ellipse
 * inscribed in it. Null when no pixel centre is inside.
 */
export function roiStats(
	shape: RoiShape,
	a: Point,
	b: Point,
	grid: PixelGrid
): { mean: number; sd: number; pixels: number } | null {
	const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
	const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
	const cx = (x0 + x1) / 2;
	const cy = (y0 + y1) / 2;
	const rx = (x1 - x0) / 2;
	const ry = (y1 - y0) / 2;
	const inside = (x: number, y: number) =>
		shape === 'rectangle' ||
		(rx > 0 && ry > 0 && ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1 + 1e-12);
	let n = 0;
	let sum = 0;
	let sumSquares = 0;
	for (let y = Math.max(0, Math.ceil(y0)); y <= Math.min(grid.rows - 1, Math.floor(y1)); y++) {
		for (let x = Math.max(0, Math.ceil(x0)); x <= Math.min(grid.columns - 1, Math.floor(x1)); x++) {
			if (!inside(x, y)) continue;
			const value = grid.values[y * grid.columns + x]! * grid.slope + grid.intercept;
			n += 1;
			sum += value;
			sumSquares += value * value;
		}
	}
	if (n === 0) return null;
	const mean = sum / n;
	return { mean, sd: Math.sqrt(Math.max(0, sumSquares / n - mean * mean)), pixels: n };
}
