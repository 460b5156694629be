// sfc32 — Chris Doty-Humphrey's "Small Fast Chaotic" generator, 32-bit variant, as in PractRand
// pre0.95 (src/RNGs/sfc.cpp): tmp = a + b + counter; a = b ^ (b >> 9); b = c + (c << 3);
// c = rotl(c, 21) + tmp; counter += 1; output tmp. Seeding is PractRand's sfc32::seed(Uint64):
// a = 0, b = low 32 bits, c = high 32 bits, counter = 1, then 12 outputs discarded.
// Chosen over the app's BigInt PCG32 (src/lib/design/prng) because the phantom draws millions of
// numbers per image; only 32-bit integer arithmetic, so every platform gives the same stream.

const TWO_TO_THE_32 = 0x1_0000_0000;

export class Sfc32 {
	#a: number;
	#b: number;
	#c: number;
	#counter = 1;

	/** seed: a non-negative safe integer, read as PractRand's 64-bit seed. */
	constructor(seed: number) {
		if (!Number.isSafeInteger(seed) || seed < 0) {
			throw new RangeError(`sfc32 needs a non-negative safe integer seed, got ${seed}`);
		}
		this.#a = 0;
		this.#b = seed >>> 0;
		this.#c = Math.floor(seed / TWO_TO_THE_32) >>> 0;
		for (let round = 0; round < 12; round += 1) this.nextUint32();
	}

	/** The 64-bit seed high × 2³² + low, for seeds past Number.MAX_SAFE_INTEGER. */
	static fromWords(high: number, low: number): Sfc32 {
		const rng = new Sfc32(0);
		rng.#a = 0;
		rng.#b = low >>> 0;
		rng.#c = high >>> 0;
		rng.#counter = 1;
		for (let round = 0; round < 12; round += 1) rng.nextUint32();
		return rng;
	}

	/** The next unsigned 32-bit output. */
	nextUint32(): number {
		const output = (((this.#a + this.#b) | 0) + this.#counter) | 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) | 0;
		this.#c = (((this.#c << 21) | (this.#c >>> 11)) + output) | 0;
		this.#counter = (this.#counter + 1) | 0;
		return output >>> 0;
	}

	/** Uniform in [0, 1), with 32 bits of resolution. */
	next(): number {
		return this.nextUint32() / TWO_TO_THE_32;
	}

	/** Uniform in [min, max). */
	uniform(min: number, max: number): number {
		return min + (max - min) * this.next();
	}

	/** Uniform integer in [min, max], both ends included, without modulo bias (rejection). */
	integer(min: number, max: number): number {
		const span = max - min + 1;
		if (!Number.isInteger(span) || span < 1 || span > TWO_TO_THE_32) {
			throw new RangeError(`integer(${min}, ${max}) is not a valid range`);
		}
		const threshold = (TWO_TO_THE_32 - span) % span;
		for (;;) {
			const draw = this.nextUint32();
			if (draw >= threshold) return min + (draw % span);
		}
	}

	/** One of `items`, each equally likely. */
	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new RangeError('pick() needs at least one item');
		return items[this.integer(0, items.length - 1)] as T;
	}

	/** A shuffled copy (Fisher–Yates, Durstenfeld's in-place form; Knuth TAOCP 2, §3.4.2, Algorithm P). */
	shuffled<T>(items: readonly T[]): T[] {
		const result = [...items];
		for (let index = result.length - 1; index > 0; index -= 1) {
			const chosen = this.integer(0, index);
			const item = result[index] as T;
			result[index] = result[chosen] as T;
			result[chosen] = item;
		}
		return result;
	}
}
