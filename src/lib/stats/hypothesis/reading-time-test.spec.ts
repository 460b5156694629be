import { describe, expect, it } from 'vitest';
import { readingTimeSuperiority } from './reading-time-test';

describe('reading-time superiority', () => {
	it('works on log-ratios: Δ = −0.2, SE 0.05, df 10 (t₀.₉₇₅,₁₀ = 2.2281388519862747, P(T₁₀ < −4) = 0.0012591663123683461)', () => {
		const result = readingTimeSuperiority({ estimate: -0.2, se: 0.05, df: 10 }, 0.025);
		expect(result.ratio).toBeCloseTo(Math.exp(-0.2), 15);
		expect(result.upperBound).toBeCloseTo(Math.exp(-0.2 + 2.2281388519862747 * 0.05), 13);
		expect(result.p).toBeCloseTo(0.0012591663123683461, 15);
		expect(result.rejected).toBe(true);
		expect(result.threshold).toBe(1);
	});

	it('does not conclude when the ratio bound reaches 1', () => {
		expect(readingTimeSuperiority({ estimate: -0.05, se: 0.05, df: 10 }, 0.025).rejected).toBe(
			false
		);
	});
});
