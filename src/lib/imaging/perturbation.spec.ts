// The perturbations, against values worked by hand: each kind is the identity at its neutral
// level, keeps the image's size, and gives the same bytes for the same seed.
import { describe, expect, it } from 'vitest';
import { perturbPixels, perturbationProblem, type PixelImage } from './perturbation';

/** A 16 × 16 image with structure (a ramp plus a bright square). */
function testImage(): PixelImage {
	const values = new Int32Array(256);
	for (let y = 0; y < 16; y++)
		for (let x = 0; x < 16; x++)
			values[y * 16 + x] = 10 * x + (x > 4 && x < 9 && y > 5 && y < 11 ? 500 : 0);
	return { rows: 16, columns: 16, values };
}

describe('perturbPixels', () => {
	it('is the identity at each neutral level, and keeps the size', () => {
		const image = testImage();
		for (const [kind, level] of [
			['noise', 0],
			['window', 0],
			['resample', 1],
			['rotate', 0]
		] as const) {
			const out = perturbPixels(image, { kind, level, seed: 7 });
			expect(out).toEqual(Float64Array.from(image.values));
			expect(out).not.toBe(image.values);
		}
		for (const [kind, level] of [
			['noise', 0.05],
			['window', 0.2],
			['resample', 0.5],
			['rotate', 5]
		] as const)
			expect(perturbPixels(image, { kind, level, seed: 7 })).toHaveLength(256);
	});

	it('changes contrast about a pivot: [0, 2, 4] at +50 % about 4 is [−2, 1, 4]', () => {
		const out = perturbPixels(
			{ rows: 1, columns: 3, values: [0, 2, 4] },
			{ kind: 'window', level: 0.5, seed: 1, pivot: 4 }
		);
		expect([...out]).toEqual([-2, 1, 4]);
	});

	it('changes contrast about the mean: [0, 2, 4] at +50 % is [−1, 2, 5]', () => {
		const out = perturbPixels(
			{ rows: 1, columns: 3, values: [0, 2, 4] },
			{ kind: 'window', level: 0.5, seed: 1 }
		);
		expect([...out]).toEqual([-1, 2, 5]);
	});

	// Down to 2 pixels: means 0.5 and 2.5 at small-pixel centres 0 and 1; back up, the 4 output
	// centres fall at small positions −0.25, 0.25, 0.75, 1.25 (clamped at the edges).
	it('resamples a ramp 0 1 2 3 by ½ to 0.5 1 2 2.5', () => {
		const out = perturbPixels(
			{ rows: 1, columns: 4, values: [0, 1, 2, 3] },
			{ kind: 'resample', level: 0.5, seed: 1 }
		);
		expect([...out]).toEqual([0.5, 1, 2, 2.5]);
	});

	// Output (x, y) samples the source at the inverse rotation about the centre (1, 1). By 45°,
	// output (0, 1) samples (1 − cos 45°, 1 + sin 45°) = (0.2929, 1.7071): bilinear between
	// 4 5 / 7 8 gives 4 + 0.2929 + 3 × 0.7071 = 5 + √2; the centre stays 5.
	it('rotates a 3 × 3 image by 45° as worked by hand', () => {
		const out = perturbPixels(
			{ rows: 3, columns: 3, values: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
			{ kind: 'rotate', level: 45, seed: 1 }
		);
		expect(out[3]).toBeCloseTo(5 + Math.SQRT2, 12);
		expect(out[4]).toBeCloseTo(5, 12);
	});

	it('rotates by a small angle keeping the centre pixel and a constant image', () => {
		const flat = { rows: 9, columns: 9, values: new Float64Array(81).fill(42) };
		for (const value of perturbPixels(flat, { kind: 'rotate', level: 5, seed: 1 }))
			expect(value).toBeCloseTo(42, 12);
		const image = { rows: 9, columns: 9, values: Float64Array.from({ length: 81 }, (_, k) => k) };
		expect(perturbPixels(image, { kind: 'rotate', level: -3, seed: 1 })[40]).toBeCloseTo(40, 12);
	});

	it('adds noise of σ = level × range, the same for the same seed and different for another', () => {
		const values = new Float64Array(40_000);
		values[0] = 1000; // range 0…1000, so σ = 0.05 × 1000 = 50
		const image = { rows: 200, columns: 200, values };
		const once = perturbPixels(image, { kind: 'noise', level: 0.05, seed: 11 });
		const again = perturbPixels(image, { kind: 'noise', level: 0.05, seed: 11 });
		const other = perturbPixels(image, { kind: 'noise', level: 0.05, seed: 12 });
		expect(Buffer.from(again.buffer).equals(Buffer.from(once.buffer))).toBe(true);
		expect(Buffer.from(other.buffer).equals(Buffer.from(once.buffer))).toBe(false);
		const noise = once.slice(1);
		const mean = noise.reduce((sum, value) => sum + value, 0) / noise.length;
		const sd = Math.sqrt(
			noise.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (noise.length - 1)
		);
		// 40 000 draws: the sample sd is within ±2 % of σ, the mean within ±1.5 of 0 (≈ 6 SE).
		expect(sd).toBeGreaterThan(49);
		expect(sd).toBeLessThan(51);
		expect(Math.abs(mean)).toBeLessThan(1.5);
	});

	it('refuses a level out of range and a size that does not match, by name', () => {
		expect(perturbationProblem({ kind: 'rotate', level: 90, seed: 1 })).toBe(
			'rotate level must be between -45 and 45, got 90'
		);
		expect(() => perturbPixels(testImage(), { kind: 'noise', level: -0.1, seed: 1 })).toThrow(
			'noise level must be between 0 and 0.5, got -0.1'
		);
		expect(() =>
			perturbPixels(
				{ rows: 2, columns: 2, values: [1, 2, 3] },
				{ kind: 'window', level: 0.1, seed: 1 }
			)
		).toThrow('3 values for a 2 × 2 image');
	});
});
