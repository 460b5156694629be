import { describe, expect, it } from 'vitest';
import { heatmapToRgba } from './heatmap';

describe('heatmap colours', () => {
	it('leaves values under the floor transparent and maps the top to opaque-ish magenta', () => {
		const pixels = heatmapToRgba({ width: 3, height: 1, data: [0.1, 0.575, 1] });
		expect([...pixels.slice(0, 4)]).toEqual([0, 0, 0, 0]);
		// 0.575: strength (0.575 − 0.15) / 0.85 = 0.5 → blue 140 + 57.5, alpha 255 · 0.55 · 0.5
		expect([...pixels.slice(4, 8)]).toEqual([255, 60, 198, 70]);
		expect([...pixels.slice(8, 12)]).toEqual([255, 60, 255, 140]);
	});

	it('scales a map whose values exceed 1 by its maximum, and ignores non-numbers', () => {
		const pixels = heatmapToRgba({ width: 2, height: 1, data: [20, Number.NaN] });
		expect(pixels[3]).toBe(140);
		expect(pixels[7]).toBe(0);
	});
});
