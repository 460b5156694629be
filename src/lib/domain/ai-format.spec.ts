import { describe, expect, it } from 'vitest';
import { formatAiValue } from './ai-format';

describe('formatAiValue', () => {
	it('writes a threshold as the model card states it, not rounded to two decimals', () => {
		expect(formatAiValue(0.4451)).toBe('0.4451');
		expect(formatAiValue(0.5)).toBe('0.5000');
		expect(formatAiValue(0)).toBe('0.0000');
		expect(formatAiValue(1)).toBe('1.0000');
	});

	it('writes a score at the same precision, so a score and the threshold compare as shown', () => {
		expect(formatAiValue(0.13)).toBe('0.1300');
		expect(formatAiValue(0.44514)).toBe('0.4451');
		expect(formatAiValue(0.44516)).toBe('0.4452');
		expect(formatAiValue(-0.00001)).toBe('0.0000');
	});

	it('refuses what is not a number', () => {
		expect(() => formatAiValue(Number.NaN)).toThrow('not a finite AI value');
		expect(() => formatAiValue(Number.POSITIVE_INFINITY)).toThrow('not a finite AI value');
	});
});
