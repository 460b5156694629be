// The one random-source interface of the project: the schedule generators draw from it (so a test can
// hand them a scripted source), and stats/random extends it with the draws simulation needs.

/** A source of uniformly distributed integers. */
export interface RandomSource {
	/** The next uniformly distributed unsigned 32-bit integer, 0 ≤ n < 2³². */
	nextUint32(): number;
	/** A uniformly distributed integer 0 ≤ n < bound, without modulo bias; 1 ≤ bound < 2³². */
	integerBelow(bound: number): number;
}
