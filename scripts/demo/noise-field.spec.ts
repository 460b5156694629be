import { describe, expect, it } from 'vitest';
import { blendFields, boxBlur, correlatedField } from './noise-field';
import { Sfc32 } from './prng';

/** The box mean written out directly: average of the clamped neighbourhood of every pixel. */
function bruteForceBoxMean(
	image: Float32Array,
	size: number,
	radiusX: number,
	radiusY: number
): number[] {
	const clamp = (k: number): number => Math.min(size - 1, Math.max(0, k));
	const result: number[] = [];
	for (let row = 0; row < size; row += 1) {
		for (let column = 0; column < size; column += 1) {
			let sum = 0;
			for (let dy = -radiusY; dy <= radiusY; dy += 1) {
				for (let dx = -radiusX; dx <= radiusX; dx += 1) {
					sum += image[clamp(row + dy) * size + clamp(column + dx)] as number;
				}
			}
			result.push(sum / ((2 * radiusX + 1) * (2 * radiusY + 1)));
		}
	}
	return result;
}

describe('boxBlur', () => {
	it('equals the direct box mean with clamped edges, including radii near the image size', () => {
		const size = 7;
		for (const [radiusX, radiusY] of [
			[1, 1],
			[2, 0],
			[0, 3],
			[4, 2],
			[6, 6]
		] as const) {
			const rng = new Sfc32(radiusX * 10 + radiusY);
			const image = Float32Array.from({ length: size * size }, () => rng.uniform(-100, 100));
			const expected = bruteForceBoxMean(image, size, radiusX, radiusY);
			boxBlur(image, new Float32Array(size * size), size, radiusX, radiusY);
			Array.from(image).forEach((value, index) =>
				expect(value).toBeCloseTo(expected[index] as number, 3)
			);
		}
	});

	it('turns a single bright pixel into a flat box of 1/(box area)', () => {
		const size = 9;
		const image = new Float32Array(size * size);
		image[4 * size + 4] = 15;
		boxBlur(image, new Float32Array(size * size), size, 1, 2);
		expect(image[4 * size + 4]).toBeCloseTo(1, 6); // 15 / (3 × 5)
		expect(image[2 * size + 3]).toBeCloseTo(1, 6); // corner of the 3 × 5 box
		expect(image[1 * size + 4]).toBe(0); // just outside it
	});
});

describe('correlatedField', () => {
	it('has mean 0 and standard deviation 1', () => {
		const field = correlatedField(new Sfc32(7), { size: 64, spacingMm: 1 }, 2, 2);
		const mean = field.reduce((sum, value) => sum + value, 0) / field.length;
		const variance = field.reduce((sum, value) => sum + (value - mean) ** 2, 0) / field.length;
		expect(mean).toBeCloseTo(0, 5);
		expect(variance).toBeCloseTo(1, 4);
	});

	it('blends two fields without changing the variance of independent unit fields', () => {
		const grid = { size: 128, spacingMm: 1 };
		const first = correlatedField(new Sfc32(1), grid, 1, 1);
		const blended = blendFields(first, correlatedField(new Sfc32(2), grid, 1, 1), 0.5);
		const variance = blended.reduce((sum, value) => sum + value * value, 0) / blended.length;
		expect(variance).toBeGreaterThan(0.9);
		expect(variance).toBeLessThan(1.1);
	});
});
