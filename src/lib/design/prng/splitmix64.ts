// SplitMix64 (Steele, Lea & Flood 2014, "Fast Splittable Pseudorandom Number Generators", OOPSLA;
// constants from Vigna's reference splitmix64.c). Used only to turn a 64-bit hash into PCG32 seeds.

const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;

export class SplitMix64 {
	#state: bigint;

	constructor(seed: bigint) {
		this.#state = BigInt.asUintN(64, seed);
	}

	/** next(): add the golden gamma, then the variant-13 mix (xor-shift 30/27/31, two multiplies). */
	nextUint64(): bigint {
		this.#state = BigInt.asUintN(64, this.#state + GOLDEN_GAMMA);
		let mixed = this.#state;
		mixed = BigInt.asUintN(64, (mixed ^ (mixed >> 30n)) * 0xbf58476d1ce4e5b9n);
		mixed = BigInt.asUintN(64, (mixed ^ (mixed >> 27n)) * 0x94d049bb133111ebn);
		return mixed ^ (mixed >> 31n);
	}
}
