import { describe, expect, it } from 'vitest';
import { specificityFom } from './specificity';

// Non-diseased cases (truth 0) called 0, 1, 0: specificity 2/3.
const calls = Float64Array.from([0, 1, 1, 0, 1]);
const truth = Uint8Array.from([0, 1, 0, 0, 1]);

describe('specificity', () => {
	it('is the fraction of non-diseased cases called negative', () => {
		expect(specificityFom.compute(calls, truth).estimate).toBe(2 / 3);
	});

	it('jackknifes over the non-diseased cases only: (2 − correct)/2', () => {
		expect(Array.from(specificityFom.jackknifeCases(truth))).toEqual([0, 2, 3]);
		expect(Array.from(specificityFom.compute(calls, truth).leaveOneOut())).toEqual([
			1 / 2,
			1,
			1 / 2
		]);
	});
});
