// The top candidate of a heatmap as a box in original image pixels: the peak, and the 4-connected
// region around it that stays at or above half-way between the heatmap's median (its background)
// and the peak — a "full width at half maximum" above background. Pure and deterministic: ties
// go to the first pixel in row-major order.
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
	const { width, height, data } = heatmap;
	let peakIndex = 0;
	for (let index = 1; index < data.length; index += 1) {
		if ((data[index] as number) > (data[peakIndex] as number)) peakIndex = index;
	}
	const peak = data[peakIndex] as number;
	const background = median(data);
	if (!(peak > background)) return null;
	const level = (peak + background) / 2;
	const seen = new Uint8Array(data.length);
	const stack = [peakIndex];
	seen[peakIndex] = 1;
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
			if (next < 0 || seen[next] || (data[next] as number) < level) continue;
			seen[next] = 1;
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
