import { describe, expect, it } from 'vitest';
import { formatClock, presetsWithImageWindow, targetKind, typedConfidence } from './workstation';

describe('workstation helpers', () => {
	const presets = [
		{ name: 'Soft tissue', center: 40, width: 400 },
		{ name: 'Lung', center: -600, width: 1500 }
	];

	it('puts the image window first unless a preset already is it', () => {
		expect(presetsWithImageWindow(presets, { center: 40, width: 400 })).toEqual(presets);
		expect(presetsWithImageWindow(presets, { center: 50, width: 350 })[0]).toEqual({
			name: 'Image 50/350',
			center: 50,
			width: 350
		});
		expect(presetsWithImageWindow(presets, null)).toEqual(presets);
	});

	it('formats the clock as m:ss', () => {
		expect(formatClock(0)).toBe('0:00');
		expect(formatClock(61_999)).toBe('1:01');
		expect(formatClock(600_000)).toBe('10:00');
	});

	it('treats a non-element target as other', () => {
		expect(targetKind(null)).toBe('other');
	});

	it('takes a typed confidence only as a whole number from 0 to 100', () => {
		expect(typedConfidence('0')).toBe(0);
		expect(typedConfidence(' 85 ')).toBe(85);
		expect(typedConfidence('100')).toBe(100);
		for (const text of ['', '101', '-1', '8.5', '1e2', 'abc', '0100'])
			expect(typedConfidence(text), text).toBeNull();
	});
});
