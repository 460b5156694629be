import { describe, expect, it } from 'vitest';
import { protocolSchema } from './protocol.schema';
import { MAMMOGRAPHY_FOUR_VIEW } from '$fixtures/hanging-views.fixture';

function protocol(hanging: unknown) {
	return {
		slug: 'hanging',
		title: 'Hanging',
		protocol_version: '1',
		randomization: { seed: '7' },
		design: { type: 'fully-crossed' },
		arms: [
			{ id: 'unaided', label: 'Unaided', ai: false },
			{ id: 'aided', label: 'Aided', ai: true }
		],
		sites: [{ code: 'site-a', name: 'Site A', expected_readers: 1 }],
		rating: { decision: 'binary', confidence: 'percent' },
		hanging_protocols: hanging,
		endpoints: { primary: [{ metric: 'auc', hypothesis: 'superiority' }] },
		ai_model: { name: 'model', version: '1' },
		cases: {},
		truth: { source: 'test' }
	};
}

function problems(hanging: unknown): string[] {
	const parsed = protocolSchema.safeParse(protocol(hanging));
	return parsed.success
		? []
		: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const MAMMOGRAPHY = { ...MAMMOGRAPHY_FOUR_VIEW, priors: 'none' };

describe('hanging_protocols', () => {
	it('takes the agreed shape and fills its defaults', () => {
		const parsed = protocolSchema.parse(
			protocol([
				MAMMOGRAPHY,
				{
					id: 'ct',
					applies_to: { modality: 'CT' },
					layout: { rows: 1, columns: 1 },
					viewports: [{}],
					series_selector: true
				}
			])
		);
		expect(parsed.hanging_protocols?.[0]?.viewports[3]).toEqual({ laterality: 'L', view: 'MLO' });
		expect(parsed.hanging_protocols?.[1]).toMatchObject({
			mirror: false,
			align: 'centre',
			synchronise: [],
			priors: 'none',
			series_selector: true
		});
	});

	it('is optional: a protocol without it has none', () => {
		expect(protocolSchema.parse(protocol(undefined)).hanging_protocols).toBeUndefined();
	});

	it('names the field of a bad view, laterality or synchronised property', () => {
		const bad = structuredClone(MAMMOGRAPHY) as Record<string, unknown> & {
			viewports: Array<Record<string, unknown>>;
		};
		bad.viewports[2]!.view = 'mlo';
		bad.viewports[1]!.laterality = 'left';
		bad.synchronise = ['window', 'brightness'];
		const found = problems([bad]);
		expect(found).toContain(
			'hanging_protocols.0.viewports.2.view: a DICOM code string: upper-case letters, digits, spaces, underscores'
		);
		expect(
			found.some((line) => line.startsWith('hanging_protocols.0.viewports.1.laterality: '))
		).toBe(true);
		expect(found.some((line) => line.startsWith('hanging_protocols.0.synchronise.1: '))).toBe(true);
	});

	it('refuses a layout whose cell count differs from the viewports declared (priors beside count twice)', () => {
		expect(problems([{ ...MAMMOGRAPHY, layout: { rows: 1, columns: 2 } }])).toEqual([
			'hanging_protocols.0.viewports: the layout has 2 viewports (1 × 2) but 4 are declared'
		]);
		expect(problems([{ ...MAMMOGRAPHY, priors: 'beside' }])).toEqual([
			'hanging_protocols.0.viewports: the layout has 4 viewports (2 × 2) but 8 are declared (each with its prior beside it)'
		]);
		expect(
			problems([{ ...MAMMOGRAPHY, priors: 'beside', layout: { rows: 2, columns: 4 } }])
		).toEqual([]);
	});

	it('refuses unknown keys, duplicate ids and properties listed twice', () => {
		expect(problems([{ ...MAMMOGRAPHY, flip: true }])).toEqual([
			'hanging_protocols.0: Unrecognized key: "flip"'
		]);
		expect(problems([MAMMOGRAPHY, MAMMOGRAPHY])).toEqual([
			'hanging_protocols.1.id: duplicate hanging protocol id "mammography-4-view"'
		]);
		expect(problems([{ ...MAMMOGRAPHY, synchronise: ['zoom', 'zoom'] }])).toEqual([
			'hanging_protocols.0.synchronise.1: listed twice'
		]);
	});
});
