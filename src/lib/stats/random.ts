// A small seeded pseudo-random generator for resampling (bootstrap) and the benchmark:
// xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
// ACM TOMS 2021; reference C at https://prng.di.unimi.it/xoshiro128starstar.c), seeded
// through splitmix32 so every 32-bit seed gives a well-mixed, non-zero state.
// Same seed → same stream on every platform (only 32-bit integer arithmetic is used).
import type { RandomSource } from '../design/prng/random-source';

/**
 * The schedules' integer source (design/prng) with the continuous draws resampling and
 * simulation need: one interface family, so a generator serves wherever integers suffice.
 */
export interface SimulationRandom extends RandomSource {
	/** Uniform on [0, 1) with 53 random bits. */
	nextFloat(): number;
	/** Standard normal deviate (Marsaglia polar method). */
	nextNormal(): number;
}

function rotateLeft(x: number, k: number): number {
	return ((x << k) | (x >>> (32 - k))) >>> 0;
}

// Seed expansion: a Weyl sequence (golden-ratio increment, as in Steele, Lea & Flood's
// SplitMix) whose outputs pass through MurmurHash3's fmix32 finalizer.
function splitmix32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x9e3779b9) >>> 0;
		let z = state;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
		return (z ^ (z >>> 16)) >>> 0;
	};
}

/** xoshiro128** seeded from a 32-bit integer seed. */
export function createRandom(seed: number): SimulationRandom {
	if (!Number.isInteger(seed)) throw new RangeError(`random seed must be an integer, got ${seed}`);
	const mix = splitmix32(seed);
	return createRandomFromState([mix(), mix(), mix(), mix()]);
}

/** xoshiro128** from its raw 128-bit state (four 32-bit words, not all zero). */
export function createRandomFromState(
	state: readonly [number, number, number, number]
): SimulationRandom {
	let [s0, s1, s2, s3] = state.map((word) => word >>> 0) as [number, number, number, number];
	if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
	let spareNormal: number | undefined;

	function nextUint32(): number {
		const result = Math.imul(rotateLeft(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
		const t = (s1 << 9) >>> 0;
		s2 = (s2 ^ s0) >>> 0;
		s3 = (s3 ^ s1) >>> 0;
		s1 = (s1 ^ s2) >>> 0;
		s0 = (s0 ^ s3) >>> 0;
		s2 = (s2 ^ t) >>> 0;
		s3 = rotateLeft(s3, 11);
		return result;
	}

	function nextFloat(): number {
		const high = nextUint32() >>> 5; // 27 bits
		const low = nextUint32() >>> 6; // 26 bits
		return (high * 67108864 + low) / 9007199254740992;
	}

	function integerBelow(bound: number): number {
		if (!(Number.isInteger(bound) && bound > 0 && bound <= 2 ** 32)) {
			throw new RangeError(`integerBelow bound must be an integer in [1, 2^32], got ${bound}`);
		}
		// Rejection sampling: discard draws from the incomplete top block (Lemire-style bound).
		const limit = 2 ** 32 - (2 ** 32 % bound);
		for (;;) {
			const draw = nextUint32();
			if (draw < limit) return draw % bound;
		}
	}

	function nextNormal(): number {
		if (spareNormal !== undefined) {
			const value = spareNormal;
			spareNormal = undefined;
			return value;
		}
		for (;;) {
			const u = 2 * nextFloat() - 1;
			const v = 2 * nextFloat() - 1;
			const s = u * u + v * v;
			if (s > 0 && s < 1) {
				const factor = Math.sqrt((-2 * Math.log(s)) / s);
				spareNormal = v * factor;
				return u * factor;
			}
		}
	}

	return { nextUint32, nextFloat, integerBelow, nextNormal };
}
