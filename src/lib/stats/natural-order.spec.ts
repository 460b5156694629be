import { describe, expect, it } from 'vitest';
import { compareNatural, sortNatural } from './natural-order';

describe('natural order', () => {
	it('sorts numeric ids numerically', () => {
		expect(sortNatural(['10', '2', '1', '1.5', '-3'])).toEqual(['-3', '1', '1.5', '2', '10']);
	});

	it('sorts embedded numbers by value and text by code unit', () => {
		expect(sortNatural(['r10', 'r2', 'R1', 'r01', 'reader', 'r1b', 'r1'])).toEqual([
			'R1',
			'r01',
			'r1',
			'r1b',
			'r2',
			'r10',
			'reader'
		]);
	});

	it('is a consistent comparator', () => {
		expect(compareNatural('a', 'a')).toBe(0);
		expect(Math.sign(compareNatural('a2', 'a10'))).toBe(-1);
		expect(Math.sign(compareNatural('a10', 'a2'))).toBe(1);
	});
});
