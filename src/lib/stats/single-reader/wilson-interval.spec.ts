import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval';

// Newcombe RG (1998) "Two-sided confidence intervals for the single proportion: comparison
// of seven methods", Stat Med 17:857–872, Table I, method 3 (score interval, no continuity
// correction), quoted to four decimals.
describe('wilsonInterval — Newcombe 1998 Table I, method 3', () => {
	const published: Array<[number, number, number, number]> = [
		[81, 263, 0.2553, 0.3662],
		[15, 148, 0.0624, 0.1605],
		[0, 20, 0, 0.1611],
		[1, 29, 0.0061, 0.1718],
		[29, 29, 0.883, 1]
	];
	for (const [x, n, lower, upper] of published) {
		it(`${x}/${n} → ${lower}–${upper}`, () => {
			const interval = wilsonInterval(x, n);
			expect(interval.estimate).toBe(x / n);
			expect(interval.ciLower).toBeCloseTo(lower, 4);
			expect(interval.ciUpper).toBeCloseTo(upper, 4);
		});
	}

	it('is exactly 0 / 1 at the boundaries', () => {
		expect(wilsonInterval(0, 20).ciLower).toBe(0);
		expect(wilsonInterval(29, 29).ciUpper).toBe(1);
	});

	it('matches the closed form at another level (hand computation, 90 %: z = 1.6448536…)', () => {
		// x = 5, n = 10, z² = 2.7055434: centre 0.5, half = z·√(2.5 + 0.6763859)/12.7055434 = 0.2293905…
		const interval = wilsonInterval(5, 10, 0.1);
		const z = 1.6448536269514722;
		const half = (z * Math.sqrt(2.5 + (z * z) / 4)) / (10 + z * z);
		expect(interval.ciLower).toBeCloseTo(0.5 - half, 14);
		expect(interval.ciUpper).toBeCloseTo(0.5 + half, 14);
	});

	it('refuses impossible counts', () => {
		expect(() => wilsonInterval(3, 0)).toThrow(/positive whole number of trials/);
		expect(() => wilsonInterval(4, 3)).toThrow(/successes/);
		expect(() => wilsonInterval(1.5, 3)).toThrow(/successes/);
	});
});
