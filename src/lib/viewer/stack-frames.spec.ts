import { describe, expect, it } from 'vitest';
import { aiImageIndex, onSlice, stackSlices } from './stack-frames';

describe('stackSlices', () => {
	it('gives a single-frame image one slice and a multi-frame image one slice per frame', () => {
		const slices = stackSlices(['/i/1', '/i/2', '/i/3'], [1, 3, 1]);
		expect(slices).toEqual([
			{ image: 1, frame: null, url: '/i/1' },
			{ image: 2, frame: 1, url: '/i/2?frame=1' },
			{ image: 2, frame: 2, url: '/i/2?frame=2' },
			{ image: 2, frame: 3, url: '/i/2?frame=3' },
			{ image: 3, frame: null, url: '/i/3' }
		]);
	});

	it('appends the frame to a URL that already has a query, and reads a missing count as 1', () => {
		expect(stackSlices(['/i?a=1', '/j'], [2]).map((slice) => slice.url)).toEqual([
			'/i?a=1&frame=1',
			'/i?a=1&frame=2',
			'/j'
		]);
	});
});

describe('onSlice', () => {
	it('matches an image and frame, a frameless mark to a frame-1 or single-frame slice', () => {
		const [single, first, second] = stackSlices(['/a', '/b'], [1, 2]);
		expect(onSlice(single, 1, undefined)).toBe(true);
		expect(onSlice(first, 2, undefined)).toBe(true);
		expect(onSlice(first, 2, 1)).toBe(true);
		expect(onSlice(second, 2, 1)).toBe(false);
		expect(onSlice(second, 2, 2)).toBe(true);
		expect(onSlice(second, 1, 2)).toBe(false);
		expect(onSlice(undefined, 1, undefined)).toBe(false);
	});

	it('numbers frames as the AI does: each frame an image, in image then frame order', () => {
		const frames = [1, 3, 0, 2];
		expect(aiImageIndex(frames, 1, null)).toBe(1);
		expect([1, 2, 3].map((frame) => aiImageIndex(frames, 2, frame))).toEqual([2, 3, 4]);
		expect(aiImageIndex(frames, 3, null)).toBe(5);
		expect(aiImageIndex(frames, 4, 2)).toBe(7);
	});
});
