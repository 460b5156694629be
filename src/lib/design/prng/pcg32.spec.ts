import { describe, expect, it } from 'vitest';
import { Pcg32 } from './pcg32';

// Published output of the reference pcg-c-basic demo (pcg32-demo, round 1) for
// pcg32_srandom_r(&rng, 42u, 54u): https://www.pcg-random.org/using-pcg-c-basic.html
const DEMO_FIRST_SIX = [0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e];
// …then 65 × pcg32_boundedrand_r(&rng, 2), printed H for 1 and T for 0,
const DEMO_COINS = 'HHTTTHTHHHTHTTTHHHHHTTTHHHTHTHTHTTHTTTHHHHHHTTTTHHTTTTTHTTTTTTTHT';
// …then 33 × pcg32_boundedrand_r(&rng, 6) + 1.
const DEMO_ROLLS = '3 4 1 1 2 2 3 2 4 3 2 4 3 3 5 2 3 1 3 1 5 1 4 1 5 6 4 6 6 2 6 3 3';

describe('Pcg32', () => {
	it('reproduces the pcg-c-basic demo: six outputs, 65 coins and 33 dice for seed 42, stream 54', () => {
		const rng = new Pcg32(42n, 54n);
		expect(Array.from({ length: 6 }, () => rng.nextUint32())).toEqual(DEMO_FIRST_SIX);
		const coins = Array.from({ length: 65 }, () => (rng.integerBelow(2) === 1 ? 'H' : 'T')).join(
			''
		);
		expect(coins).toBe(DEMO_COINS);
		const rolls = Array.from({ length: 33 }, () => rng.integerBelow(6) + 1).join(' ');
		expect(rolls).toBe(DEMO_ROLLS);
	});

	it('gives the same draws for the same seed and different draws for another stream selector', () => {
		const first = new Pcg32(7n, 1n);
		const again = new Pcg32(7n, 1n);
		const otherStream = new Pcg32(7n, 2n);
		const draws = (rng: Pcg32) => Array.from({ length: 8 }, () => rng.nextUint32());
		const expected = draws(first);
		expect(draws(again)).toEqual(expected);
		expect(draws(otherStream)).not.toEqual(expected);
	});

	it('rejects draws below 2^32 mod bound (pcg32_boundedrand_r) so large bounds are unbiased', () => {
		// bound 3·2^30: threshold = 2^30, so every draw below 2^30 must be rejected, never folded.
		const bound = 3 * 2 ** 30;
		const scripted = new Pcg32(0n, 0n);
		const outputs = [5, 2 ** 30 - 1, 2 ** 30 + 17];
		scripted.nextUint32 = () => outputs.shift() as number;
		expect(scripted.integerBelow(bound)).toBe((2 ** 30 + 17) % bound);
		expect(outputs).toEqual([]);
	});

	it('keeps every bounded draw inside 0..bound−1', () => {
		const rng = new Pcg32(123n, 456n);
		for (const bound of [1, 2, 3, 7, 52, 1000, 2 ** 31 + 1, 2 ** 32 - 1]) {
			for (let draw = 0; draw < 50; draw += 1) {
				const value = rng.integerBelow(bound);
				expect(Number.isInteger(value) && value >= 0 && value < bound).toBe(true);
			}
		}
	});

	it('refuses a bound that is not an integer in 1..2^32−1', () => {
		const rng = new Pcg32(1n, 1n);
		for (const bound of [0, -3, 1.5, 2 ** 32, Number.NaN]) {
			expect(() => rng.integerBelow(bound)).toThrow(RangeError);
		}
	});
});
