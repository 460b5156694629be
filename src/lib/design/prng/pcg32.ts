// PCG32 — PCG-XSH-RR with 64-bit state and 32-bit output (O'Neill 2014, "PCG: A Family of Simple
// Fast Space-Efficient Statistically Good Algorithms for Random Number Generation", HMC-CS-2014-0905),
// written to match the reference pcg-c-basic (pcg32_srandom_r, pcg32_random_r, pcg32_boundedrand_r)
// bit for bit. BigInt carries the 64-bit state; draws are few (one per shuffled item), so that is fast enough.
import type { RandomSource } from './random-source';

const PCG_MULTIPLIER = 6364136223846793005n;
const TWO_TO_THE_32 = 0x1_0000_0000;

export class Pcg32 implements RandomSource {
	#state = 0n;
	readonly #increment: bigint;

	/** pcg32_srandom_r(initialState, streamSelector): the selector picks one of 2⁶³ sequences. */
	constructor(initialState: bigint, streamSelector: bigint) {
		this.#increment = BigInt.asUintN(64, (streamSelector << 1n) | 1n);
		this.nextUint32();
		this.#state = BigInt.asUintN(64, this.#state + BigInt.asUintN(64, initialState));
		this.nextUint32();
	}

	/** pcg32_random_r: advance the LCG, output the xorshifted high bits rotated by the top 5 bits. */
	nextUint32(): number {
		const previous = this.#state;
		this.#state = BigInt.asUintN(64, previous * PCG_MULTIPLIER + this.#increment);
		const xorshifted = Number(BigInt.asUintN(32, ((previous >> 18n) ^ previous) >> 27n));
		const rotation = Number(previous >> 59n);
		return ((xorshifted >>> rotation) | (xorshifted << ((32 - rotation) & 31))) >>> 0;
	}

	/** pcg32_boundedrand_r: reject draws below 2³² mod bound so every residue is equally likely. */
	integerBelow(bound: number): number {
		if (!Number.isInteger(bound) || bound < 1 || bound >= TWO_TO_THE_32) {
			throw new RangeError(
				`integerBelow needs an integer bound with 1 ≤ bound < 2^32, got ${bound}`
			);
		}
		const threshold = (TWO_TO_THE_32 - bound) % bound;
		for (;;) {
			const draw = this.nextUint32();
			if (draw >= threshold) return draw % bound;
		}
	}
}
