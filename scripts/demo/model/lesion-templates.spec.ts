import { describe, expect, it } from 'vitest';
import { lesionProfile, lesionTemplate, stackTemplates, templateSize } from './lesion-templates';

describe('lesion templates', () => {
	it('draws the phantom lesion with about its geometric area (π r² in input pixels)', () => {
		// 12 mm lesion, input spacing 4 × 360/512 = 2.8125 mm: r = 6 / 2.8125 = 2.1333 px,
		// area π r² = 14.30 px². The smoothstep edge is symmetric about r, so the area is close.
		const profile = lesionProfile(12, 11, 128);
		const area = profile.reduce((sum, value) => sum + value, 0);
		expect(area).toBeGreaterThan(14.3 * 0.95);
		expect(area).toBeLessThan(14.3 * 1.05);
		expect(profile[5 * 11 + 5]).toBeCloseTo(1, 6); // full contrast at the centre
		expect(profile[0]).toBe(0); // nothing in the corner
	});

	it('sizes the support to the lesion plus its surround (odd)', () => {
		// 18 mm: r = 3.2 px; × 2.5 = 8 → 2·8 + 1 = 17.
		expect(templateSize(18, 2.5, 128)).toBe(17);
		// 5 mm: r = 0.889 px; × 2.5 = 2.22 → ceil 3 → 2·3 + 1 = 7.
		expect(templateSize(5, 2.5, 128)).toBe(7);
	});

	it('is zero-mean and unit-norm, and stacks centred in a common size', () => {
		const template = lesionTemplate(8, 2.5, 128);
		const sum = template.weights.reduce((total, value) => total + value, 0);
		const norm = Math.sqrt(template.weights.reduce((total, value) => total + value * value, 0));
		expect(Math.abs(sum)).toBeLessThan(1e-12);
		expect(norm).toBeCloseTo(1, 12);
		const stacked = stackTemplates([template, lesionTemplate(18, 2.5, 128)]);
		expect(stacked.size).toBe(17);
		const offset = (17 - template.size) / 2;
		const centre = (template.size - 1) / 2;
		expect(stacked.weights[(centre + offset) * 17 + centre + offset]).toBe(
			Math.fround(template.weights[centre * template.size + centre] as number)
		);
	});
});
