// The top candidate of a heatmap as a box in original image pixels: the peak, and the 4-connected
// region around it that stays at or above half-way between the heatmap's median (its background)
// and the peak — a "full width at half maximum" above background. peakRegions gives several such
// candidates, one per local maximum, for models whose manifest asks for them. Pure and
// deterministic: ties go to the first pixel in row-major order.
import type { AiBox } from '../../../domain/ai-output';

export interface HeatmapPlane {
	width: number;
	height: number;
	data: Float32Array;
}

export interface HeatmapRegion {
	peakIndex: number;
	/** Inclusive bounds in heatmap pixels. */
	left: number;
	top: number;
	right: number;
	bottom: number;
}

function median(values: Float32Array): number {
	const sorted = Float64Array.from(values).sort();
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1
		? (sorted[middle] as number)
		: ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The half-maximum region around the peak, or null when the heatmap is flat (no candidate). */
export function peakRegion(heatmap: HeatmapPlane): HeatmapRegion | null {
	const { data } = heatmap;
	let peakIndex = 0;
	for (let index = 1; index < data.length; index += 1) {
		if ((data[index] as number) > (data[peakIndex] as number)) peakIndex = index;
	}
	const peak = data[peakIndex] as number;
	const background = median(data);
	if (!(peak > background)) return null;
	return growRegion(heatmap, peakIndex, (peak + background) / 2, new Uint8Array(data.length));
}

/**
 * Several candidates: every local maximum (at least each of its 8 neighbours, above the median
 * background) whose value is at or above `minimum`, highest first (ties in row-major order), each
 * with its half-maximum region as peakRegion grows it. A maximum inside an earlier candidate's
 * region is no new candidate, and regions do not overlap. At most `limit`; the first is
 * peakRegion's whenever the peak reaches `minimum`.
 */
export function peakRegions(
	heatmap: HeatmapPlane,
	options: { limit: number; minimum: number }
): HeatmapRegion[] {
	const { width, height, data } = heatmap;
	const background = median(data);
	const maxima: number[] = [];
	for (let index = 0; index < data.length; index += 1) {
		const value = data[index] as number;
		if (!(value > background) || value < options.minimum) continue;
		const x = index % width;
		const y = (index - x) / width;
		let highest = true;
		for (let dy = -1; dy <= 1 && highest; dy += 1) {
			for (let dx = -1; dx <= 1; dx += 1) {
				const nx = x + dx;
				const ny = y + dy;
				if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
				if ((data[ny * width + nx] as number) > value) {
					highest = false;
					break;
				}
			}
		}
		if (highest) maxima.push(index);
	}
	maxima.sort((a, b) => (data[b] as number) - (data[a] as number) || a - b);
	const claimed = new Uint8Array(data.length);
	const regions: HeatmapRegion[] = [];
	for (const peakIndex of maxima) {
		if (regions.length >= options.limit) break;
		if (claimed[peakIndex]) continue;
		const level = ((data[peakIndex] as number) + background) / 2;
		regions.push(growRegion(heatmap, peakIndex, level, claimed));
	}
	return regions;
}

/** The 4-connected region around `peakIndex` at or above `level`, not entering claimed pixels (which it claims). */
function growRegion(
	heatmap: HeatmapPlane,
	peakIndex: number,
	level: number,
	claimed: Uint8Array
): HeatmapRegion {
	const { width, height, data } = heatmap;
	const stack = [peakIndex];
	claimed[peakIndex] = 1;
	const region = { peakIndex, left: width, top: height, right: -1, bottom: -1 };
	while (stack.length > 0) {
		const index = stack.pop() as number;
		const x = index % width;
		const y = (index - x) / width;
		region.left = Math.min(region.left, x);
		region.right = Math.max(region.right, x);
		region.top = Math.min(region.top, y);
		region.bottom = Math.max(region.bottom, y);
		const neighbours = [
			x > 0 ? index - 1 : -1,
			x < width - 1 ? index + 1 : -1,
			y > 0 ? index - width : -1,
			y < height - 1 ? index + width : -1
		];
		for (const next of neighbours) {
			if (next < 0 || claimed[next] || (data[next] as number) < level) continue;
			claimed[next] = 1;
			stack.push(next);
		}
	}
	return region;
}

/** A heatmap region → original pixel coordinates of an image of columns × rows. */
export function regionToImageBox(
	region: HeatmapRegion,
	heatmap: Pick<HeatmapPlane, 'width' | 'height'>,
	image: { columns: number; rows: number }
): Omit<AiBox, 'image' | 'score'> {
	const scaleX = image.columns / heatmap.width;
	const scaleY = image.rows / heatmap.height;
	const round = (value: number): number => Math.round(value * 100) / 100;
	return {
		x: round(region.left * scaleX),
		y: round(region.top * scaleY),
		width: round((region.right - region.left + 1) * scaleX),
		height: round((region.bottom - region.top + 1) * scaleY)
	};
}
