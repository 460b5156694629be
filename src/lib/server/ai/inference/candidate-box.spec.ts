import { describe, expect, it } from 'vitest';
import { peakRegion, peakRegions, regionToImageBox } from './candidate-box';

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

describe('peakRegions', () => {
	// Background (median) 0.1. Peaks: 0.9 at (1, 1) with a 0.6 shoulder at (2, 1); a plateau of
	// two 0.7 pixels at (6, 1) and (7, 1); 0.5 at (4, 5); 0.3 at (8, 6), below the minimum 0.4.
	const map = heatmap(10, 8, 0.1, [
		[1, 1, 0.9],
		[2, 1, 0.6],
		[6, 1, 0.7],
		[7, 1, 0.7],
		[4, 5, 0.5],
		[8, 6, 0.3]
	]);

	it('reports each local maximum at or above the minimum, highest first, with its region', () => {
		expect(peakRegions(map, { limit: 5, minimum: 0.4 })).toEqual([
			{ peakIndex: 1 * 10 + 1, left: 1, top: 1, right: 2, bottom: 1 },
			// A plateau is one candidate (its first pixel), its region both pixels.
			{ peakIndex: 1 * 10 + 6, left: 6, top: 1, right: 7, bottom: 1 },
			{ peakIndex: 5 * 10 + 4, left: 4, top: 5, right: 4, bottom: 5 }
		]);
	});

	it('keeps at most `limit`, and its first is the single peak region', () => {
		const [first, ...rest] = peakRegions(map, { limit: 1, minimum: 0 });
		expect(rest).toEqual([]);
		expect(first).toEqual(peakRegion(map));
		expect(peakRegions(map, { limit: 10, minimum: 0 })).toHaveLength(4);
	});

	it('finds none on a flat heatmap or below the minimum', () => {
		expect(peakRegions(heatmap(4, 4, 0.2, []), { limit: 3, minimum: 0 })).toEqual([]);
		expect(peakRegions(map, { limit: 3, minimum: 0.95 })).toEqual([]);
	});
});

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
