import { describe, expect, it } from 'vitest';
import { hasTruthLesions, protocolSchema } from './protocol.schema';

const BASE = {
	slug: 'truth-made-here',
	title: 'Truth made here',
	protocol_version: '1',
	randomization: { seed: '7' },
	design: { type: 'fully-crossed' },
	arms: [
		{ id: 'unaided', label: 'u', ai: false },
		{ id: 'aided', label: 'a', ai: true }
	],
	sites: [{ code: 'site-a', name: 'Site A', expected_readers: 1 }],
	rating: { decision: 'binary', confidence: 'percent' },
	endpoints: { primary: [{ metric: 'auc', hypothesis: 'superiority' }] },
	ai_model: { name: 'model', version: '1' },
	cases: {},
	truth: { source: 'test' }
};

describe('protocol reference_standard', () => {
	it('is optional: a study without it has none and no truth lesions', () => {
		const parsed = protocolSchema.parse(BASE);
		expect(parsed.reference_standard).toBeUndefined();
		expect(hasTruthLesions(parsed)).toBe(false);
	});

	it('takes the issue defaults when declared empty', () => {
		const parsed = protocolSchema.parse({ ...BASE, reference_standard: {} });
		expect(parsed.reference_standard).toEqual({
			annotators: 2,
			min_years: 3,
			adjudicator_min_years: 10,
			kappa_threshold: 0.8,
			iou_threshold: 0.5,
			point_acceptance_mm: 10,
			qc_fraction: 0.1,
			lesion_attributes: ['type', 'size_mm']
		});
		expect(hasTruthLesions(parsed)).toBe(true);
	});

	it.each([
		[{ annotators: 1 }, 'reference_standard.annotators'],
		[{ qc_fraction: 0.05 }, 'reference_standard.qc_fraction: the QC sample is at least 10 %'],
		[{ iou_threshold: 0 }, 'reference_standard.iou_threshold'],
		[{ kappa_threshold: 1.5 }, 'reference_standard.kappa_threshold'],
		[{ min_years: -1 }, 'reference_standard.min_years'],
		[{ colour: 'red' }, 'reference_standard']
	])('refuses %j, naming the field', (settings, field) => {
		const parsed = protocolSchema.safeParse({ ...BASE, reference_standard: settings });
		expect(parsed.success).toBe(false);
		const messages = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		expect(messages.some((message) => message.startsWith(field))).toBe(true);
	});

	it('lets a froc task go without a lesions file when the lesions are made by consensus', () => {
		const froc = { ...BASE, rating: { ...BASE.rating, task: 'froc' } };
		expect(protocolSchema.safeParse(froc).success).toBe(false);
		expect(protocolSchema.safeParse({ ...froc, reference_standard: {} }).success).toBe(true);
	});
});
