// Which annotators annotate which case (issue 19): each case gets `perCase` distinct annotators,
// balanced over the annotators (each new case goes to those with the fewest cases so far, ties
// broken at random), reproducible from the seed and independent of the order cases and annotators
// are given in. With exactly `perCase` annotators, every case goes to all of them.
//
// Derivation: the random stream is PCG32 seeded through SplitMix64 from the FNV-1a 64 hash of
// "tandem-annotation/v1\0<seed>" (as prng/streams.ts seeds its streams). Cases are taken in a
// shuffled order (of their keys sorted), and for each case the annotators are shuffled (from their
// keys sorted) and then stably sorted by their load, the first `perCase` chosen. An annotator's
// tasks come in the order they were assigned: that order is their worklist.
import { fnv1a64OfText } from '../prng/fnv1a64';
import { Pcg32 } from '../prng/pcg32';
import { SplitMix64 } from '../prng/splitmix64';
import { shuffled } from '../prng/shuffle';
import type { RandomSource } from '../prng/random-source';

export function assignmentStream(seed: string): RandomSource {
	const mixer = new SplitMix64(fnv1a64OfText(`tandem-annotation/v1\0${seed}`));
	const initialState = mixer.nextUint64();
	return new Pcg32(initialState, mixer.nextUint64());
}

export interface AnnotationAssignment {
	caseKey: string;
	annotators: string[];
}

/**
 * Assigns each of `caseKeys` to `perCase` of `annotators`; `load` counts the cases an annotator
 * already has (a later assignment balances over it). Returns the cases in the order assigned.
 */
export function assignAnnotators(
	caseKeys: readonly string[],
	annotators: readonly string[],
	perCase: number,
	seed: string,
	load: ReadonlyMap<string, number> = new Map()
): AnnotationAssignment[] {
	if (!Number.isInteger(perCase) || perCase < 1)
		throw new Error(`perCase must be a whole number ≥ 1, got ${perCase}`);
	const people = [...new Set(annotators)].sort();
	if (people.length < perCase)
		throw new Error(`each case needs ${perCase} annotators, only ${people.length} given`);
	const random = assignmentStream(seed);
	const counts = new Map(people.map((person) => [person, load.get(person) ?? 0]));
	const order = shuffled([...new Set(caseKeys)].sort(), random);
	return order.map((caseKey) => {
		const chosen = shuffled(people, random)
			.map((person, index) => ({ person, index, count: counts.get(person)! }))
			.sort((a, b) => a.count - b.count || a.index - b.index)
			.slice(0, perCase)
			.map((entry) => entry.person);
		for (const person of chosen) counts.set(person, counts.get(person)! + 1);
		return { caseKey, annotators: chosen.sort() };
	});
}
