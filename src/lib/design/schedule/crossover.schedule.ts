// Two-period crossover with split case blocks (DES-1a). The cases are dealt into two blocks
// stratified by truth × stratum; readers get AB or BA by permuted blocks within their site. In
// period 1 a reader reads block 1 in the sequence's first arm and block 2 in the other; period 2
// swaps the arms. So every reader reads every case once per arm, each period mixes both arms, and
// no case is read twice within a period. Reads of a period are shuffled together, then sessioned.
import type { StreamFactory } from '../prng/streams';
import { allocateArmSequences, labelOf } from './allocation';
import { dealCasesStratified } from './case-partition';
import { planReaderPeriods, type ReadingUnit } from './reading-order';
import type {
	ArmSequence,
	CaseBlock,
	DesignSchedule,
	NormalizedScheduleInput
} from './schedule.types';

export type CaseBlockPair = readonly [readonly string[], readonly string[]];

/** Two stratified blocks; the `case-blocks` streams are keyed [...streamKey, 'truth', t, 'stratum', s]. */
export function dealIntoTwoBlocks(
	cases: NormalizedScheduleInput['cases'],
	streams: StreamFactory,
	streamKey: readonly string[]
): CaseBlockPair {
	const [first = [], second = []] = dealCasesStratified(cases, 2, streams, streamKey);
	return [first, second];
}

/** What one reader reads in periods 1 and 2 for a sequence; each unit is a single read. */
export function crossoverPeriodUnits(
	sequence: ArmSequence,
	blocks: CaseBlockPair,
	arms: readonly [string, string]
): ReadingUnit[][] {
	const [firstArm, secondArm] = sequence === 'AB' ? arms : [arms[1], arms[0]];
	const readsOf = (caseIds: readonly string[], arm: string) =>
		caseIds.map((caseId) => [{ arm, caseId }]);
	const [blockOne, blockTwo] = blocks;
	return [
		[...readsOf(blockOne, firstArm), ...readsOf(blockTwo, secondArm)],
		[...readsOf(blockOne, secondArm), ...readsOf(blockTwo, firstArm)]
	];
}

export function caseBlocksOf(blocks: CaseBlockPair, group: string | null): CaseBlock[] {
	return [
		{ group, block: 1, caseIds: [...blocks[0]] },
		{ group, block: 2, caseIds: [...blocks[1]] }
	];
}

export function generateCrossoverSchedule(
	input: NormalizedScheduleInput,
	streams: StreamFactory
): DesignSchedule {
	const blocks = dealIntoTwoBlocks(input.cases, streams, ['blocks']);
	const sequences = allocateArmSequences(
		input.readers,
		(reader) => ['site', reader.site],
		input.sequenceBlockSize,
		streams
	);
	const readers = input.readers.map((reader) => {
		const sequence = labelOf(sequences, reader.id);
		const periodUnits = crossoverPeriodUnits(sequence, blocks, input.arms);
		const assignments = planReaderPeriods(reader.id, periodUnits, input.sessionMaxCases, streams);
		return { readerId: reader.id, site: reader.site, sequence, group: null, assignments };
	});
	return { readers, caseBlocks: caseBlocksOf(blocks, null) };
}
