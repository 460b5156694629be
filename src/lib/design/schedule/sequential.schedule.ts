// Sequential reading (DES-1b): one period; each case is read in the control arm and then at once in
// the intervention arm (the reader sees the AI output and may revise; both reads are kept), so the
// two reads of a case have consecutive positions in the same session. Case order is random per
// reader; a session cap counts cases, i.e. pairs of reads. Every reader's sequence is 'AB'.
import type { StreamFactory } from '../prng/streams';
import { planReaderPeriods, type ReadingUnit } from './reading-order';
import type { DesignSchedule, NormalizedScheduleInput } from './schedule.types';

export function generateSequentialSchedule(
	input: NormalizedScheduleInput,
	streams: StreamFactory
): DesignSchedule {
	const [control, intervention] = input.arms;
	const units: ReadingUnit[] = input.cases.map(({ id }) => [
		{ arm: control, caseId: id },
		{ arm: intervention, caseId: id }
	]);
	const readers = input.readers.map((reader) => ({
		readerId: reader.id,
		site: reader.site,
		sequence: 'AB' as const,
		group: null,
		assignments: planReaderPeriods(reader.id, [units], input.sessionMaxCases, streams)
	}));
	return { readers, caseBlocks: [] };
}
