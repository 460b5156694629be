import { describe, expect, it } from 'vitest';
import { caseImage, panesOf, sliceAt } from './hanging-panes';
import type { ReadingView } from '$lib/domain/reading-view';
import { hungLayout, hungViewport } from '$fixtures/hanging-views.fixture';

const images = ['/a/1', '/a/2', '/a/3', '/a/4'];
const frames = [1, 1, 1, 1];

describe('panesOf', () => {
	it('gives a case without a hanging layout one pane of all its images, unflipped', () => {
		const panes = panesOf({ images, frames, hanging: null } as unknown as ReadingView);
		expect(panes).toEqual([
			{
				label: '',
				prior: false,
				images: [0, 1, 2, 3],
				slices: images.map((url, index) => ({ image: index + 1, frame: null, url })),
				presentation: { flip: false, align: 'centre' },
				seriesSelector: false
			}
		]);
		expect(caseImage(panes[0], 2)).toBe(3);
	});

	it('follows the layout: each pane its own stack, flip and alignment; marks name the case image', () => {
		const view = {
			images,
			frames,
			hanging: hungLayout([
				hungViewport('R CC', [2], true, 'right'),
				hungViewport('L MLO', [1], false, 'left')
			])
		} as unknown as ReadingView;
		const panes = panesOf(view);
		expect(panes.map((pane) => pane.presentation)).toEqual([
			{ flip: true, align: 'right' },
			{ flip: false, align: 'left' }
		]);
		expect(panes[1]!.slices.map((slice) => slice.url)).toEqual(['/a/2']);
		expect(caseImage(panes[1], 0)).toBe(2);
	});

	it('gives a pane one slice per frame of a multi-frame image, each naming its image and frame', () => {
		const view = {
			images: ['/a/1', '/a/2'],
			frames: [1, 3],
			hanging: hungLayout([hungViewport('cine', [1])])
		} as unknown as ReadingView;
		const [pane] = panesOf(view);
		expect(pane!.slices.map((slice) => slice.url)).toEqual([
			'/a/2?frame=1',
			'/a/2?frame=2',
			'/a/2?frame=3'
		]);
		expect(sliceAt(pane, 2)).toMatchObject({ image: 2, frame: 3 });
	});
});
