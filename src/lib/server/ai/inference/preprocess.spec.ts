import { beforeAll, describe, expect, it } from 'vitest';
import { tinyDicom } from '$fixtures/inference/tiny-dicom.fixture';
import { readStoredPixels, type StoredPixels } from './dicom-pixels';
import type { ModelManifest } from './manifest';
import { areaTaps, maximumIntensity, modelInputs, preprocessImage } from './preprocess';

const input = (overrides: Partial<ModelManifest['input']> = {}): ModelManifest['input'] => ({
	name: 'image',
	width: 2,
	height: 2,
	layout: 'NCHW',
	window: { center: 40, width: 400 }, // HU −160 … 240
	normalisation: { min: 0, max: 1 },
	slices: 'each',
	...overrides
});

// HU of a 4 × 4 image; each 2 × 2 quadrant becomes one input pixel.
const HU = [
	[-160, -60, 240, 640],
	[40, 140, -1000, 240],
	[0, 0, 90, 90],
	[0, 0, 90, 190]
].flat();
const stored = HU.map((hu) => hu + 1024); // RescaleIntercept −1024, slope 1, as CT stores it

describe('preprocessImage', () => {
	let pixels: StoredPixels;
	beforeAll(async () => {
		pixels = await readStoredPixels(
			tinyDicom({
				rows: 4,
				columns: 4,
				values: stored,
				bitsStored: 12,
				rescaleSlope: 1,
				rescaleIntercept: -1024
			})
		);
	});

	it('windows HU to 0…1 and box-averages 4 × 4 → 2 × 2 (hand computed)', () => {
		// window: t = (HU + 160) / 400 clamped to 0…1
		// top-left  −160, −60, 40, 140 → 0, 0.25, 0.5, 0.75 → mean 0.375
		// top-right  240, 640, −1000, 240 → 1, 1 (clipped), 0 (clipped), 1 → 0.75
		// bottom-left 0 × 4 → 0.4
		// bottom-right 90, 90, 90, 190 → 0.625 × 3, 0.875 → 0.6875
		expect(Array.from(preprocessImage(pixels, input()))).toEqual(
			[0.375, 0.75, 0.4, 0.6875].map(Math.fround)
		);
	});

	it('maps the window onto the normalisation range', () => {
		// value = −1 + 2t: 0.375 → −0.25, 0.75 → 0.5, 0.4 → −0.2, 0.6875 → 0.375
		const plane = preprocessImage(pixels, input({ normalisation: { min: -1, max: 1 } }));
		expect(Array.from(plane)).toEqual([-0.25, 0.5, -0.2, 0.375].map(Math.fround));
	});

	it('applies a signed pixel representation with slope and intercept', async () => {
		// stored −5, 20, 40, 90 → HU = 2 × stored − 10 = −20, 30, 70, 170 → t = 0.35, 0.475, 0.575, 0.825
		const signed = await readStoredPixels(
			tinyDicom({
				rows: 2,
				columns: 2,
				values: [-5, 20, 40, 90],
				pixelRepresentation: 1,
				rescaleSlope: 2,
				rescaleIntercept: -10
			})
		);
		expect(Array.from(signed.values)).toEqual([-5, 20, 40, 90]);
		const plane = preprocessImage(signed, input({ width: 1, height: 1 }));
		expect(plane[0]).toBe(Math.fround((0.35 + 0.475 + 0.575 + 0.825) / 4));
	});

	it('weights partly covered pixels for a non-integer ratio (3 → 2)', async () => {
		// Output pixel 0 covers source [0, 1.5): pixel 0 fully, pixel 1 half → (1·a + ½·b) / 1.5.
		expect(areaTaps(3, 2).map((tap) => [tap.first, ...tap.weights])).toEqual([
			[0, 1 / 1.5, 0.5 / 1.5],
			[1, 0.5 / 1.5, 1 / 1.5]
		]);
		// HU −160, 40, 240 → 0, 0.5, 1 → (0 + 0.25) / 1.5 = 1/6 and (0.25 + 1) / 1.5 = 5/6
		const row = await readStoredPixels(
			tinyDicom({ rows: 1, columns: 3, values: [864, 1064, 1264], rescaleIntercept: -1024 })
		);
		const plane = preprocessImage(row, input({ width: 2, height: 1 }));
		expect(plane[0]).toBeCloseTo(1 / 6, 7);
		expect(plane[1]).toBeCloseTo(5 / 6, 7);
	});

	it('keeps images apart for "each" and projects their maximum for "max-intensity"', () => {
		const first = Float32Array.from([0.1, 0.9, 0.3]);
		const second = Float32Array.from([0.5, 0.2, 0.3]);
		expect(Array.from(maximumIntensity([first, second]))).toEqual([0.5, 0.9, 0.3].map(Math.fround));
		expect(modelInputs([first, second], input({ slices: 'each' }))).toEqual([first, second]);
		expect(modelInputs([first, second], input({ slices: 'max-intensity' }))).toHaveLength(1);
	});
});
