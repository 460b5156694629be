// Correlated noise fields: uniform white noise smoothed by repeated separable box blurs (three
// passes approximate a Gaussian kernel — Wells 1986, "Efficient synthesis of Gaussian filters by
// cascaded uniform filters", IEEE TPAMI 8(2)), then rescaled to zero mean and unit variance.
// Running sums make each pass O(pixels) whatever the radius. Sums are kept in doubles; every
// step is an exactly rounded IEEE operation, so the result is the same on every platform.
import type { Sfc32 } from './prng';
import type { Grid } from './phantom';

const BLUR_PASSES = 3;

/** A zero-mean, unit-variance field whose grain is set by the blur radii (mm) along x and y. */
export function correlatedField(
	rng: Sfc32,
	grid: Grid,
	grainXmm: number,
	grainYmm: number
): Float32Array {
	const field = new Float32Array(grid.size * grid.size);
	for (let index = 0; index < field.length; index += 1) field[index] = rng.next() - 0.5;
	const scratch = new Float32Array(field.length);
	const radiusX = Math.max(0, Math.round(grainXmm / grid.spacingMm));
	const radiusY = Math.max(0, Math.round(grainYmm / grid.spacingMm));
	for (let pass = 0; pass < BLUR_PASSES; pass += 1)
		boxBlur(field, scratch, grid.size, radiusX, radiusY);
	standardize(field);
	return field;
}

/**
 * One separable box-blur pass over a size × size image, in place: each pixel becomes the mean of
 * the (2·radiusX + 1) × (2·radiusY + 1) box around it, edges clamped. `scratch` is a work buffer.
 */
export function boxBlur(
	image: Float32Array,
	scratch: Float32Array,
	size: number,
	radiusX: number,
	radiusY: number
): void {
	blurRows(image, scratch, size, radiusX);
	blurColumns(scratch, image, size, radiusY);
}

/** Index k clamped into 0…size−1: the border pixel repeats past the edge. */
function clamp(k: number, size: number): number {
	return k < 0 ? 0 : k >= size ? size - 1 : k;
}

/** One horizontal box-blur pass of radius `radius`: a running sum along each row. */
function blurRows(source: Float32Array, target: Float32Array, size: number, radius: number): void {
	const scale = 1 / (2 * radius + 1);
	for (let row = 0; row < size; row += 1) {
		const start = row * size;
		let sum = 0;
		for (let k = -radius; k <= radius; k += 1) sum += source[start + clamp(k, size)] as number;
		for (let k = 0; k < size; k += 1) {
			target[start + k] = sum * scale;
			const entering = source[start + clamp(k + radius + 1, size)] as number;
			sum += entering - (source[start + clamp(k - radius, size)] as number);
		}
	}
}

/**
 * One vertical box-blur pass of radius `radius`. The running sums of all columns advance
 * together row by row, so memory is read in order (much faster than walking down columns).
 */
function blurColumns(
	source: Float32Array,
	target: Float32Array,
	size: number,
	radius: number
): void {
	const scale = 1 / (2 * radius + 1);
	const sums = new Float64Array(size);
	for (let k = -radius; k <= radius; k += 1) {
		const start = clamp(k, size) * size;
		for (let column = 0; column < size; column += 1) {
			sums[column] = (sums[column] as number) + (source[start + column] as number);
		}
	}
	for (let row = 0; row < size; row += 1) {
		const out = row * size;
		const entering = clamp(row + radius + 1, size) * size;
		const leaving = clamp(row - radius, size) * size;
		for (let column = 0; column < size; column += 1) {
			const sum = sums[column] as number;
			target[out + column] = sum * scale;
			sums[column] =
				sum + (source[entering + column] as number) - (source[leaving + column] as number);
		}
	}
}

/** Rescales `field` in place to mean 0 and standard deviation 1. */
function standardize(field: Float32Array): void {
	let sum = 0;
	for (let index = 0; index < field.length; index += 1) sum += field[index] as number;
	const mean = sum / field.length;
	let squares = 0;
	for (let index = 0; index < field.length; index += 1) {
		const deviation = (field[index] as number) - mean;
		squares += deviation * deviation;
	}
	const scale = squares > 0 ? 1 / Math.sqrt(squares / field.length) : 0;
	for (let index = 0; index < field.length; index += 1) {
		field[index] = ((field[index] as number) - mean) * scale;
	}
}

/**
 * Blends two fields for slice position `t` in 0…1 so texture drifts smoothly through a stack:
 * (1 − t)·A + t·B, divided by √((1 − t)² + t²) to keep unit variance.
 */
export function blendFields(first: Float32Array, second: Float32Array, t: number): Float32Array {
	const norm = 1 / Math.sqrt((1 - t) * (1 - t) + t * t);
	const blended = new Float32Array(first.length);
	for (let index = 0; index < first.length; index += 1) {
		blended[index] = ((1 - t) * (first[index] as number) + t * (second[index] as number)) * norm;
	}
	return blended;
}
