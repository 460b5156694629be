import { describe, expect, it } from 'vitest';
import { resolveHanging } from './hanging-layout';
import { hangingProtocolsSchema } from './hanging-protocol.schema';
import {
	FOUR_VIEWS_HUNG,
	MAMMOGRAPHY_FOUR_VIEW,
	fourViewImages as fourViews,
	hangingImage as image,
	hungViewport
} from '$fixtures/hanging-views.fixture';

const PROTOCOLS = hangingProtocolsSchema.parse([
	MAMMOGRAPHY_FOUR_VIEW,
	{
		id: 'mr-three-series',
		applies_to: { modality: 'MR' },
		layout: { rows: 1, columns: 3 },
		viewports: [{ series: 'T1' }, { series: 'T2' }, { series: 'DWI' }],
		synchronise: ['zoom', 'scroll']
	},
	{
		id: 'ct',
		applies_to: { modality: 'CT' },
		layout: { rows: 1, columns: 1 },
		viewports: [{}],
		series_selector: true
	}
]);

describe('resolveHanging', () => {
	it('hangs four mammography views in the declared order, right views mirrored, pinned to the chest wall', () => {
		const layout = resolveHanging(PROTOCOLS, fourViews())!;
		expect(layout).toMatchObject({
			protocol: 'mammography-4-view',
			rows: 2,
			columns: 2,
			synchronise: ['window', 'zoom'],
			series: []
		});
		expect(layout.viewports).toEqual(FOUR_VIEWS_HUNG);
	});

	it('does not flip an image already stored facing the way the mirror wants', () => {
		const views = fourViews().map((view) =>
			view.laterality === 'R' ? { ...view, patientOrientation: 'P\\L' } : view
		);
		const layout = resolveHanging(PROTOCOLS, views)!;
		expect(layout.viewports.map((viewport) => viewport.flip)).toEqual([false, false, false, false]);
		expect(layout.viewports[0]!.align).toBe('right');
	});

	it('puts the prior study beside the current one when the protocol says so, by date not by order', () => {
		const beside = PROTOCOLS.map((entry) =>
			entry.id === 'mammography-4-view'
				? { ...entry, priors: 'beside' as const, layout: { rows: 2, columns: 4 } }
				: entry
		);
		const prior = fourViews('9.9.9', '20210105101500', 1);
		const current = fourViews('1.2.3', '20240105101500', 5);
		const layout = resolveHanging(beside, [...prior, ...current])!;
		expect(
			layout.viewports.map((viewport) => [viewport.label, viewport.prior, viewport.images])
		).toEqual([
			['R CC', false, [6]],
			['R CC', true, [2]],
			['L CC', false, [4]],
			['L CC', true, [0]],
			['R MLO', false, [7]],
			['R MLO', true, [3]],
			['L MLO', false, [5]],
			['L MLO', true, [1]]
		]);
		// Without priors: beside, the prior images are not hung.
		const plain = resolveHanging(PROTOCOLS, [...prior, ...current])!;
		expect(plain.viewports.map((viewport) => viewport.images)).toEqual([[6], [4], [7], [5]]);
	});

	it('picks MR series by description, case-insensitively, each as its own stack', () => {
		const series = [
			['Ax T2 FSE', 2],
			['AX T1 pre', 1],
			['dwi b800', 3]
		] as const;
		const images = series.flatMap(([description, number], s) =>
			[1, 2].map((slice) =>
				image(s * 2 + slice, {
					modality: 'MR',
					seriesDescription: description,
					seriesNumber: number
				})
			)
		);
		const layout = resolveHanging(PROTOCOLS, images)!;
		expect(layout.protocol).toBe('mr-three-series');
		expect(layout.viewports.map((viewport) => [viewport.label, viewport.images])).toEqual([
			['T1', [2, 3]],
			['T2', [0, 1]],
			['DWI', [4, 5]]
		]);
		expect(layout.synchronise).toEqual(['zoom', 'scroll']);
	});

	it('gives a CT viewport a series selector opening on the first series', () => {
		const images = [
			image(1, { modality: 'CT', seriesNumber: 3, seriesDescription: 'Lung 1mm' }),
			image(2, { modality: 'CT', seriesNumber: 2, seriesDescription: 'Soft tissue' }),
			image(3, { modality: 'CT', seriesNumber: 2, seriesDescription: 'Soft tissue' }),
			image(4, { modality: 'CT', seriesNumber: 4 })
		];
		const layout = resolveHanging(PROTOCOLS, images)!;
		expect(layout.series).toEqual([
			{ label: 'Soft tissue', images: [1, 2] },
			{ label: 'Lung 1mm', images: [0] },
			{ label: 'Series 4', images: [3] }
		]);
		expect(layout.viewports).toEqual([{ ...hungViewport('', [1, 2]), seriesSelector: true }]);
	});

	it('returns null for a case no hanging protocol matches, or without any', () => {
		expect(resolveHanging(PROTOCOLS, [image(1, { modality: 'US' })])).toBeNull();
		expect(resolveHanging(PROTOCOLS, [image(1, { modality: null })])).toBeNull();
		expect(resolveHanging(undefined, fourViews())).toBeNull();
		expect(resolveHanging([], fourViews())).toBeNull();
	});
});
