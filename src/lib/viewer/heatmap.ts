// The AI heatmap as colours: a value grid (row-major, `width` × `height`, covering the whole image
// of the case named by `image`, or every image when it names none)
// → RGBA for a translucent layer over the image. Values are scaled to the map's own maximum (or
// 1 if all lie in 0–1); low values are transparent so the image stays readable, high ones go
// from pink to magenta with up to 55 % opacity — the AI's colour, as its boxes, apart from the
// reader's yellow marks.

import type { AiHeatmap } from '$lib/domain/ai-output';

const FLOOR = 0.15;
const MAX_ALPHA = 0.55;

export function heatmapToRgba(heatmap: AiHeatmap): Uint8ClampedArray<ArrayBuffer> {
	const { width, height, data } = heatmap;
	const pixels = new Uint8ClampedArray(new ArrayBuffer(width * height * 4));
	let peak = 0;
	for (const value of data) if (Number.isFinite(value) && value > peak) peak = value;
	const scale = peak > 1 ? peak : 1;
	for (let index = 0; index < width * height; index += 1) {
		const raw = data[index] ?? 0;
		const value = Number.isFinite(raw) ? Math.min(Math.max(raw / scale, 0), 1) : 0;
		if (value < FLOOR) continue;
		const strength = (value - FLOOR) / (1 - FLOOR);
		pixels[index * 4] = 255;
		pixels[index * 4 + 1] = 60;
		pixels[index * 4 + 2] = Math.round(140 + 115 * strength);
		pixels[index * 4 + 3] = Math.round(255 * MAX_ALPHA * strength);
	}
	return pixels;
}
