import { describe, expect, it } from 'vitest';
import { peakRegion, regionToImageBox } from './candidate-box';

/** A width × height heatmap of `background` with the given pixels set. */
function heatmap(
	width: number,
	height: number,
	background: number,
	set: Array<[number, number, number]>
) {
	const data = new Float32Array(width * height).fill(background);
	for (const [x, y, value] of set) data[y * width + x] = value;
	return { width, height, data };
}

describe('peakRegion', () => {
	it('grows the half-maximum-above-background region around the peak, 4-connected', () => {
		// Background (median) 0.1, peak 0.9 at (2, 1): level 0.5. (3, 1) and (2, 2) are ≥ 0.5 and join;
		// (4, 3) is ≥ 0.5 but only touches the region diagonally; (1, 1) at 0.4 stays out.
		const map = heatmap(6, 5, 0.1, [
			[2, 1, 0.9],
			[3, 1, 0.5],
			[2, 2, 0.6],
			[1, 1, 0.4],
			[3, 3, 0.2],
			[4, 3, 0.7]
		]);
		expect(peakRegion(map)).toEqual({ peakIndex: 1 * 6 + 2, left: 2, top: 1, right: 3, bottom: 2 });
	});

	it('finds no candidate on a flat heatmap', () => {
		expect(peakRegion(heatmap(4, 4, 0.2, []))).toBeNull();
	});

	it('maps heatmap pixels to original pixels (128 → 512 is × 4)', () => {
		const region = { peakIndex: 0, left: 10, top: 20, right: 12, bottom: 20 };
		expect(
			regionToImageBox(region, { width: 128, height: 128 }, { columns: 512, rows: 512 })
		).toEqual({
			x: 40,
			y: 80,
			width: 12,
			height: 4
		});
	});
});
