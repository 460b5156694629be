// Split-plot (DES-1d): readers are split into G groups and the cases into G disjoint groups; reader
// group g reads only case group g, in both arms, with the crossover period structure inside the group.
//   readers → groups: permuted blocks of G (one of each group) within site, stream `group-allocation`;
//   readers → AB/BA:  permuted blocks within site × group, stream `sequence-allocation`;
//   cases → groups:   stratified deal into G (case-blocks key ['groups', …]);
//   group → blocks:   stratified deal into 2 (case-blocks key ['group', g, 'blocks', …]).
// So each site's group counts differ by at most one, and AB/BA are balanced within site × group.
import type { StreamFactory } from '../prng/streams';
import { allocateArmSequences, allocateWithinStrata, labelOf } from './allocation';
import { dealCasesStratified } from './case-partition';
import {
	caseBlocksOf,
	crossoverPeriodUnits,
	dealIntoTwoBlocks,
	type CaseBlockPair
} from './crossover.schedule';
import { planReaderPeriods } from './reading-order';
import type { DesignSchedule, NormalizedScheduleInput } from './schedule.types';

/** 'G1', 'G2', … */
export function splitPlotGroupLabels(groupCount: number): string[] {
	return Array.from({ length: groupCount }, (_, index) => `G${index + 1}`);
}

function blocksByGroup(
	input: NormalizedScheduleInput,
	groupLabels: readonly string[],
	streams: StreamFactory
): Map<string, CaseBlockPair> {
	const caseGroups = dealCasesStratified(input.cases, groupLabels.length, streams, ['groups']);
	const blocks = new Map<string, CaseBlockPair>();
	groupLabels.forEach((group, index) => {
		const inGroup = new Set(caseGroups[index]);
		const groupCases = input.cases.filter((readingCase) => inGroup.has(readingCase.id));
		blocks.set(group, dealIntoTwoBlocks(groupCases, streams, ['group', group, 'blocks']));
	});
	return blocks;
}

export function generateSplitPlotSchedule(
	input: NormalizedScheduleInput,
	streams: StreamFactory
): DesignSchedule {
	if (input.splitPlotGroups === null)
		throw new Error('split-plot needs splitPlotGroups (checked in validation)');
	const groupLabels = splitPlotGroupLabels(input.splitPlotGroups);
	const blocks = blocksByGroup(input, groupLabels, streams);
	const groups = allocateWithinStrata(input.readers, {
		labels: groupLabels,
		replicatesPerLabel: 1,
		stratumOf: (reader) => ['site', reader.site],
		streamFor: (stratum) => streams('group-allocation', stratum)
	});
	const sequences = allocateArmSequences(
		input.readers,
		(reader) => ['site', reader.site, 'group', labelOf(groups, reader.id)],
		input.sequenceBlockSize,
		streams
	);
	const readers = input.readers.map((reader) => {
		const group = labelOf(groups, reader.id);
		const sequence = labelOf(sequences, reader.id);
		const periodUnits = crossoverPeriodUnits(sequence, labelOf(blocks, group), input.arms);
		const assignments = planReaderPeriods(reader.id, periodUnits, input.sessionMaxCases, streams);
		return { readerId: reader.id, site: reader.site, sequence, group, assignments };
	});
	const caseBlocks = groupLabels.flatMap((group) => caseBlocksOf(labelOf(blocks, group), group));
	return { readers, caseBlocks };
}
