// The one interface the schedule generators draw from, so a test can hand them a scripted source.

/** A source of uniformly distributed integers. */
export interface RandomSource {
	/** The next uniformly distributed unsigned 32-bit integer, 0 ≤ n < 2³². */
	nextUint32(): number;
	/** A uniformly distributed integer 0 ≤ n < bound, without modulo bias; 1 ≤ bound < 2³². */
	integerBelow(bound: number): number;
}
