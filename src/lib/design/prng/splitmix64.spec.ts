import { describe, expect, it } from 'vitest';
import { SplitMix64 } from './splitmix64';

describe('SplitMix64', () => {
	it('reproduces the reference splitmix64.c outputs for seed 1234567', () => {
		// Rosetta Code, "Pseudo-random numbers/Splitmix64" (first five integers for seed 1234567).
		const rng = new SplitMix64(1234567n);
		expect(Array.from({ length: 5 }, () => rng.nextUint64())).toEqual([
			6457827717110365317n,
			3203168211198807973n,
			9817491932198370423n,
			4593380528125082431n,
			16408922859458223821n
		]);
	});

	it('gives 0xe220a8397b1dcdaf as the first output for seed 0', () => {
		// mix(0x9e3779b97f4a7c15), the classic first value of splitmix64.c seeded with 0.
		expect(new SplitMix64(0n).nextUint64()).toBe(0xe220a8397b1dcdafn);
	});
});
