import { describe, expect, it } from 'vitest';
import { sensitivityFom } from './sensitivity';

// Five diseased cases called 1, 1, 0, 1, 1 (sensitivity 4/5); the non-diseased cases
// carry no information and are not jackknifed.
const calls = Float64Array.from([1, 0, 1, 0, 1, 1, 1]);
const truth = Uint8Array.from([1, 0, 1, 1, 1, 0, 1]);

describe('sensitivity', () => {
	it('is the fraction of diseased cases called positive', () => {
		expect(sensitivityFom.compute(calls, truth).estimate).toBe(4 / 5);
	});

	it('jackknifes over the diseased cases only: (4 − call)/4', () => {
		expect(Array.from(sensitivityFom.jackknifeCases(truth))).toEqual([0, 2, 3, 4, 6]);
		expect(Array.from(sensitivityFom.compute(calls, truth).leaveOneOut())).toEqual([
			3 / 4,
			3 / 4,
			1,
			3 / 4,
			3 / 4
		]);
	});

	it('weights diseased cases by their bootstrap multiplicity', () => {
		const weights = Float64Array.from([2, 5, 0, 1, 1, 5, 0]); // diseased: 1,1 | 0 | 1 → 3/4
		expect(sensitivityFom.compute(calls, truth).weightedEstimate(weights)).toBe(3 / 4);
	});

	it('refuses non-binary calls', () => {
		expect(() =>
			sensitivityFom.compute(Float64Array.from([0.5, 1]), Uint8Array.from([1, 0]))
		).toThrow('binary calls 0/1');
	});
});
