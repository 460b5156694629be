import { describe, expect, it } from 'vitest';
import { caseImage, paneUrls, panesOf } from './hanging-panes';
import type { ReadingView } from '$lib/domain/reading-view';

const images = ['/a/1', '/a/2', '/a/3', '/a/4'];

describe('panesOf', () => {
	it('gives a case without a hanging layout one pane of all its images, unflipped', () => {
		const panes = panesOf({ images, hanging: null } as unknown as ReadingView);
		expect(panes).toEqual([
			{
				label: '',
				prior: false,
				images: [0, 1, 2, 3],
				presentation: { flip: false, align: 'centre' },
				seriesSelector: false
			}
		]);
		expect(caseImage(panes[0], 2)).toBe(3);
	});

	it('follows the layout: each pane its own stack, flip and alignment; marks name the case image', () => {
		const view = {
			images,
			hanging: {
				protocol: 'mg',
				label: null,
				rows: 1,
				columns: 2,
				synchronise: [],
				series: [],
				viewports: [
					{
						label: 'R CC',
						prior: false,
						images: [2],
						flip: true,
						align: 'right',
						seriesSelector: false
					},
					{
						label: 'L MLO',
						prior: false,
						images: [1],
						flip: false,
						align: 'left',
						seriesSelector: false
					}
				]
			}
		} as unknown as ReadingView;
		const panes = panesOf(view);
		expect(panes.map((pane) => pane.presentation)).toEqual([
			{ flip: true, align: 'right' },
			{ flip: false, align: 'left' }
		]);
		expect(paneUrls(view, panes[1]!.images)).toEqual(['/a/2']);
		expect(caseImage(panes[1], 0)).toBe(2);
	});
});
