// Independent fully crossed reading without washout structure (DES-1c): every reader reads every case
// in both arms. Arm order is randomized per reader (AB/BA by permuted blocks within site). The output
// still has two "periods", but they only record arm order: period 1 = all cases in the reader's first
// arm, period 2 = all cases in the second arm; no washout is implied. Case order is random per reader
// per period.
import type { StreamFactory } from '../prng/streams';
import { allocateArmSequences, labelOf } from './allocation';
import { planReaderPeriods } from './reading-order';
import type { DesignSchedule, NormalizedScheduleInput } from './schedule.types';

export function generateFullyCrossedSchedule(
	input: NormalizedScheduleInput,
	streams: StreamFactory
): DesignSchedule {
	const sequences = allocateArmSequences(
		input.readers,
		(reader) => ['site', reader.site],
		input.sequenceBlockSize,
		streams
	);
	const readers = input.readers.map((reader) => {
		const sequence = labelOf(sequences, reader.id);
		const [firstArm, secondArm] = sequence === 'AB' ? input.arms : [input.arms[1], input.arms[0]];
		const readAllIn = (arm: string) => input.cases.map(({ id }) => [{ arm, caseId: id }]);
		const assignments = planReaderPeriods(
			reader.id,
			[readAllIn(firstArm), readAllIn(secondArm)],
			input.sessionMaxCases,
			streams
		);
		return { readerId: reader.id, site: reader.site, sequence, group: null, assignments };
	});
	return { readers, caseBlocks: [] };
}
