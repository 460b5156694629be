// Declared perturbations of an image's pixel array, for the AI robustness check (what a scanner,
// a protocol or a viewer might change): pure functions, no framework or node imports, the same
// bytes for the same input, kind, level and seed.
//   noise     additive Gaussian noise, σ = level × (max − min of the image's values);
//   window    a contrast change about a pivot: v' = pivot + (1 + level)(v − pivot) — about the
//             model's window centre when the caller gives it (the same as narrowing that window's
//             width by 1/(1 + level)), else about the image's mean;
//   resample  down-sampling by `level` (cell means) and back up (bilinear): the size is kept;
//   rotate    a rotation by `level` degrees about the image's centre (bilinear; a sample that
//             falls outside the image takes the nearest edge pixel).
// Each is the identity at its neutral level (0, 0, 1, 0).
import { createRandom } from '../stats/random';

export const PERTURBATION_KINDS = ['noise', 'window', 'resample', 'rotate'] as const;
export type PerturbationKind = (typeof PERTURBATION_KINDS)[number];

/** The levels each kind accepts (inclusive), so a typo cannot turn a check into a demolition. */
export const PERTURBATION_LEVEL_RANGES: Record<PerturbationKind, { min: number; max: number }> = {
	noise: { min: 0, max: 0.5 },
	window: { min: -0.9, max: 2 },
	resample: { min: 0.05, max: 1 },
	rotate: { min: -45, max: 45 }
};

/** The levels run when the protocol declares none: mild, as a device or site change might be. */
export const DEFAULT_PERTURBATION_LEVELS: Record<PerturbationKind, number[]> = {
	noise: [0.0025, 0.005, 0.01],
	window: [-0.2, -0.1, 0.1, 0.2],
	resample: [0.75, 0.5],
	rotate: [-5, -2, 2, 5]
};

export interface Perturbation {
	kind: PerturbationKind;
	level: number;
	/** Seeds the noise (the other kinds are deterministic without it). */
	seed: number;
	/** The value a contrast change keeps fixed (default: the image's mean). */
	pivot?: number;
}

export interface PixelImage {
	rows: number;
	columns: number;
	/** Row-major values. */
	values: ArrayLike<number>;
}

/** The reason a perturbation cannot run, or null. */
export function perturbationProblem(perturbation: Perturbation): string | null {
	const range = PERTURBATION_LEVEL_RANGES[perturbation.kind];
	if (!range) return `unknown perturbation "${String(perturbation.kind)}"`;
	const { level } = perturbation;
	if (!Number.isFinite(level) || level < range.min || level > range.max)
		return `${perturbation.kind} level must be between ${range.min} and ${range.max}, got ${level}`;
	if (!Number.isInteger(perturbation.seed))
		return `seed must be an integer, got ${perturbation.seed}`;
	return null;
}

/** The perturbed values (a new array); throws a RangeError naming a level out of range. */
export function perturbPixels(image: PixelImage, perturbation: Perturbation): Float64Array {
	const problem = perturbationProblem(perturbation);
	if (problem) throw new RangeError(problem);
	if (image.values.length !== image.rows * image.columns)
		throw new RangeError(
			`${image.values.length} values for a ${image.rows} × ${image.columns} image`
		);
	switch (perturbation.kind) {
		case 'noise':
			return addNoise(image, perturbation.level, perturbation.seed);
		case 'window':
			return scaleContrast(image, perturbation.level, perturbation.pivot);
		case 'resample':
			return resample(image, perturbation.level);
		case 'rotate':
			return rotate(image, perturbation.level);
	}
}

function addNoise(image: PixelImage, share: number, seed: number): Float64Array {
	const out = Float64Array.from(image.values);
	if (share === 0) return out;
	let low = Infinity;
	let high = -Infinity;
	for (const value of out) {
		if (value < low) low = value;
		if (value > high) high = value;
	}
	const sigma = share * (high - low);
	const random = createRandom(seed);
	for (let index = 0; index < out.length; index++)
		out[index] = (out[index] as number) + sigma * random.nextNormal();
	return out;
}

function scaleContrast(image: PixelImage, change: number, pivot?: number): Float64Array {
	const out = Float64Array.from(image.values);
	if (change === 0) return out;
	let centre = pivot;
	if (centre === undefined) {
		let sum = 0;
		for (const value of out) sum += value;
		centre = sum / out.length;
	}
	for (let index = 0; index < out.length; index++)
		out[index] = centre + (1 + change) * ((out[index] as number) - centre);
	return out;
}

/** Bilinear sample of `values` (rows × columns) at (x, y), clamped to the edge. */
function bilinear(
	values: ArrayLike<number>,
	rows: number,
	columns: number,
	x: number,
	y: number
): number {
	const cx = Math.min(columns - 1, Math.max(0, x));
	const cy = Math.min(rows - 1, Math.max(0, y));
	const x0 = Math.floor(cx);
	const y0 = Math.floor(cy);
	const x1 = Math.min(columns - 1, x0 + 1);
	const y1 = Math.min(rows - 1, y0 + 1);
	const fx = cx - x0;
	const fy = cy - y0;
	const top =
		(values[y0 * columns + x0] as number) * (1 - fx) + (values[y0 * columns + x1] as number) * fx;
	const bottom =
		(values[y1 * columns + x0] as number) * (1 - fx) + (values[y1 * columns + x1] as number) * fx;
	return top * (1 - fy) + bottom * fy;
}

/** The image shrunk to smallRows × smallColumns: each cell the mean of the source pixels whose index falls in it. */
function areaDown(image: PixelImage, smallRows: number, smallColumns: number): Float64Array {
	const { rows, columns, values } = image;
	const sums = new Float64Array(smallRows * smallColumns);
	const counts = new Float64Array(smallRows * smallColumns);
	for (let y = 0; y < rows; y++) {
		const sy = Math.min(smallRows - 1, Math.floor((y * smallRows) / rows));
		for (let x = 0; x < columns; x++) {
			const sx = Math.min(smallColumns - 1, Math.floor((x * smallColumns) / columns));
			sums[sy * smallColumns + sx] =
				(sums[sy * smallColumns + sx] as number) + (values[y * columns + x] as number);
			counts[sy * smallColumns + sx] = (counts[sy * smallColumns + sx] as number) + 1;
		}
	}
	return sums.map((sum, index) => sum / (counts[index] as number));
}

function resample(image: PixelImage, factor: number): Float64Array {
	const { rows, columns } = image;
	const smallRows = Math.max(1, Math.round(rows * factor));
	const smallColumns = Math.max(1, Math.round(columns * factor));
	if (smallRows === rows && smallColumns === columns) return Float64Array.from(image.values);
	const small = areaDown(image, smallRows, smallColumns);
	const out = new Float64Array(rows * columns);
	// Pixel centres map to pixel centres: x_small = (x + ½)·small/size − ½.
	for (let y = 0; y < rows; y++) {
		const sy = ((y + 0.5) * smallRows) / rows - 0.5;
		for (let x = 0; x < columns; x++) {
			const sx = ((x + 0.5) * smallColumns) / columns - 0.5;
			out[y * columns + x] = bilinear(small, smallRows, smallColumns, sx, sy);
		}
	}
	return out;
}

function rotate(image: PixelImage, degrees: number): Float64Array {
	const { rows, columns, values } = image;
	if (degrees === 0) return Float64Array.from(values);
	const angle = (degrees * Math.PI) / 180;
	const cos = Math.cos(angle);
	const sin = Math.sin(angle);
	const centreX = (columns - 1) / 2;
	const centreY = (rows - 1) / 2;
	const out = new Float64Array(rows * columns);
	// Each output pixel takes the source at the inverse rotation of its position.
	for (let y = 0; y < rows; y++) {
		for (let x = 0; x < columns; x++) {
			const dx = x - centreX;
			const dy = y - centreY;
			const sx = centreX + cos * dx + sin * dy;
			const sy = centreY - sin * dx + cos * dy;
			out[y * columns + x] = bilinear(values, rows, columns, sx, sy);
		}
	}
	return out;
}
