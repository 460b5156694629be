import { describe, expect, it } from 'vitest';
import { resolveHanging, type HangingImage } from './hanging-layout';
import { hangingProtocolsSchema } from './hanging-protocol.schema';

const PROTOCOLS = hangingProtocolsSchema.parse([
	{
		id: 'mammography-4-view',
		label: 'Mammography, four views',
		applies_to: { modality: 'MG' },
		layout: { rows: 2, columns: 2 },
		viewports: [
			{ laterality: 'R', view: 'CC' },
			{ laterality: 'L', view: 'CC' },
			{ laterality: 'R', view: 'MLO' },
			{ laterality: 'L', view: 'MLO' }
		],
		mirror: true,
		align: 'chest-wall',
		synchronise: ['window', 'zoom']
	},
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

function image(position: number, values: Partial<HangingImage>): HangingImage {
	return {
		position,
		modality: null,
		laterality: null,
		view: null,
		seriesDescription: null,
		seriesNumber: null,
		patientOrientation: null,
		study: '1.2.3',
		studyDateTime: '20240105101500',
		...values
	};
}

/** Four views stored in scan order L-CC, L-MLO, R-CC, R-MLO, all with the chest wall on the left. */
function fourViews(study = '1.2.3', when = '20240105101500', first = 1): HangingImage[] {
	return [
		['L', 'CC', 'A\\R'],
		['L', 'MLO', 'A\\FR'],
		['R', 'CC', 'A\\L'],
		['R', 'MLO', 'A\\FL']
	].map(([laterality, view, patientOrientation], index) =>
		image(first + index, {
			modality: 'MG',
			laterality: laterality!,
			view: view!,
			patientOrientation: patientOrientation!,
			study,
			studyDateTime: when
		})
	);
}

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
		expect(
			layout.viewports.map(({ label, images, flip, align, prior }) => ({
				label,
				images,
				flip,
				align,
				prior
			}))
		).toEqual([
			{ label: 'R CC', images: [2], flip: true, align: 'right', prior: false },
			{ label: 'L CC', images: [0], flip: false, align: 'left', prior: false },
			{ label: 'R MLO', images: [3], flip: true, align: 'right', prior: false },
			{ label: 'L MLO', images: [1], flip: false, align: 'left', prior: false }
		]);
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
		expect(layout.viewports).toEqual([
			{
				label: '',
				prior: false,
				images: [1, 2],
				flip: false,
				align: 'centre',
				seriesSelector: true
			}
		]);
	});

	it('returns null for a case no hanging protocol matches, or without any', () => {
		expect(resolveHanging(PROTOCOLS, [image(1, { modality: 'US' })])).toBeNull();
		expect(resolveHanging(PROTOCOLS, [image(1, { modality: null })])).toBeNull();
		expect(resolveHanging(undefined, fourViews())).toBeNull();
		expect(resolveHanging([], fourViews())).toBeNull();
	});
});
