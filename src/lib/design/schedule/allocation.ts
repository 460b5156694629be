// Allocation of readers to sequences (AB/BA) or split-plot groups by permuted blocks within a stratum
// (usually the site). Each stratum has its own stream and deals its labels to readers in enrolment
// order, one shuffled block after another; a reader's label therefore depends only on the readers
// enrolled before them in the same stratum, and appending a reader never changes an earlier one.
import type { RandomSource } from '../prng/random-source';
import { shuffled } from '../prng/shuffle';
import type { StreamFactory } from '../prng/streams';
import type { ArmSequence, ScheduleReader } from './schedule.types';

// Permuted-block randomization (Matts & Lachin 1988, Controlled Clinical Trials 9:327–344): each block
// holds every label `replicatesPerLabel` times in a random order.
export function permutedBlockLabels<Label>(
	count: number,
	labels: readonly Label[],
	replicatesPerLabel: number,
	random: RandomSource
): Label[] {
	const block = labels.flatMap((label) => Array.from({ length: replicatesPerLabel }, () => label));
	const allocated: Label[] = [];
	while (allocated.length < count) allocated.push(...shuffled(block, random));
	return allocated.slice(0, count);
}

export interface StratifiedAllocation<Label> {
	labels: readonly Label[];
	replicatesPerLabel: number;
	/** The stratum of a reader as key parts, e.g. ['site', 'A']. */
	stratumOf: (reader: ScheduleReader) => readonly string[];
	/** The stream that allocates one stratum. */
	streamFor: (stratum: readonly string[]) => RandomSource;
}

/** Label per reader id, by permuted blocks within each stratum, in the readers' enrolment order. */
export function allocateWithinStrata<Label>(
	readers: readonly ScheduleReader[],
	allocation: StratifiedAllocation<Label>
): Map<string, Label> {
	const strata = new Map<string, { stratum: readonly string[]; readerIds: string[] }>();
	for (const reader of readers) {
		const stratum = allocation.stratumOf(reader);
		const key = JSON.stringify(stratum);
		const entry = strata.get(key) ?? { stratum, readerIds: [] };
		entry.readerIds.push(reader.id);
		strata.set(key, entry);
	}
	const labelOf = new Map<string, Label>();
	for (const { stratum, readerIds } of strata.values()) {
		const random = allocation.streamFor(stratum);
		const labels = permutedBlockLabels(
			readerIds.length,
			allocation.labels,
			allocation.replicatesPerLabel,
			random
		);
		readerIds.forEach((readerId, index) => labelOf.set(readerId, labels[index] as Label));
	}
	return labelOf;
}

export const ARM_SEQUENCES: readonly ArmSequence[] = ['AB', 'BA'];

/** AB/BA by permuted blocks of `blockSize` (blockSize/2 of each) within each stratum, stream `sequence-allocation`. */
export function allocateArmSequences(
	readers: readonly ScheduleReader[],
	stratumOf: (reader: ScheduleReader) => readonly string[],
	blockSize: number,
	streams: StreamFactory
): Map<string, ArmSequence> {
	return allocateWithinStrata(readers, {
		labels: ARM_SEQUENCES,
		replicatesPerLabel: blockSize / 2,
		stratumOf,
		streamFor: (stratum) => streams('sequence-allocation', stratum)
	});
}

/** The allocated label of a reader; a missing one is a bug in the caller, not bad input. */
export function labelOf<Label>(allocation: ReadonlyMap<string, Label>, readerId: string): Label {
	const label = allocation.get(readerId);
	if (label === undefined) throw new Error(`no allocation for reader "${readerId}"`);
	return label;
}
