// Checked against exact values: Γ at integers and half-integers, the recurrence
// Γ(x + 1) = xΓ(x), and incomplete-beta closed forms I_x(a, 1) = x^a, I_x(½, ½) = (2/π) asin √x.
import { describe, expect, it } from 'vitest';
import {
	logBeta,
	logGamma,
	regularizedBeta,
	regularizedGammaP,
	regularizedGammaQ
} from './special-functions';

function expectRelative(actual: number, expected: number, tolerance = 1e-12): void {
	const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
	if (!(Math.abs(actual - expected) / scale <= tolerance)) {
		throw new Error(
			`expected ${expected}, got ${actual} (relative error ${Math.abs(actual - expected) / scale})`
		);
	}
}

describe('logGamma', () => {
	it('is log((n − 1)!) at integers and log √π at ½', () => {
		let factorial = 1;
		for (let n = 1; n <= 25; n++) {
			if (n > 1) factorial *= n - 1;
			const expected = Math.log(factorial);
			if (expected === 0) expect(Math.abs(logGamma(n))).toBeLessThan(1e-14);
			else expectRelative(logGamma(n), expected, 1e-14);
		}
		expectRelative(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15);
		// Γ(3/2) = √π / 2, Γ(5/2) = 3√π / 4
		expectRelative(logGamma(1.5), Math.log(Math.sqrt(Math.PI) / 2), 1e-13);
		expectRelative(logGamma(2.5), Math.log((3 * Math.sqrt(Math.PI)) / 4), 1e-14);
	});

	it('satisfies log Γ(x + 1) − log Γ(x) = log x', () => {
		for (const x of [1e-8, 0.013, 0.77, 3.3, 14.9, 15.1, 57.25, 1234.5, 1e7]) {
			expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(
				1e-13 * Math.max(1, Math.abs(logGamma(x)))
			);
		}
	});

	it('matches Stirling at large x: log Γ(1e10) (A&S 6.1.41 leading terms)', () => {
		const x = 1e10;
		const expected = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x);
		expectRelative(logGamma(x), expected, 1e-15);
	});
});

describe('regularizedBeta', () => {
	it('I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b', () => {
		for (const x of [0.001, 0.2, 0.5, 0.93]) {
			for (const a of [0.5, 1, 2.5, 7, 40]) {
				expectRelative(regularizedBeta(x, a, 1), x ** a, 1e-13);
				expectRelative(regularizedBeta(x, 1, a), 1 - (1 - x) ** a, 1e-13);
			}
		}
	});

	it('I_x(½, ½) = (2/π) asin √x', () => {
		for (const x of [1e-6, 0.1, 0.5, 0.75, 0.999]) {
			expectRelative(regularizedBeta(x, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(x)), 1e-13);
		}
	});

	it('I_x(a, b) + I_{1−x}(b, a) = 1', () => {
		for (const [x, a, b] of [
			[0.3, 2.2, 5.1],
			[0.9, 30, 0.5],
			[0.01, 0.7, 200]
		] as const) {
			expect(Math.abs(regularizedBeta(x, a, b) + regularizedBeta(1 - x, b, a) - 1)).toBeLessThan(
				1e-14
			);
		}
	});
});

describe('logBeta', () => {
	it('B(a, 1) = 1/a and B(½, ½) = π, also with one huge argument', () => {
		for (const a of [0.5, 3, 12, 1e4, 1e9])
			expect(Math.abs(logBeta(a, 1) + Math.log(a))).toBeLessThan(1e-13 * Math.max(1, Math.log(a)));
		expectRelative(logBeta(0.5, 0.5), Math.log(Math.PI), 1e-14);
	});
});

describe('regularized gamma', () => {
	it('P(1, x) = 1 − e^(−x) and Q(1, x) = e^(−x)', () => {
		for (const x of [1e-8, 0.5, 3, 40, 700]) {
			expectRelative(regularizedGammaP(1, x), -Math.expm1(-x), 1e-14);
			expectRelative(regularizedGammaQ(1, x), Math.exp(-x), 1e-13);
		}
	});
});
