// The one entry point: validate the input, open the study's named random streams from its seed, and
// hand over to the design's generator. Same input, same schedule, on any machine.
import { ALGORITHM_ID, streamFactoryForSeed, type StreamFactory } from '../prng/streams';
import { generateCrossoverSchedule } from './crossover.schedule';
import { generateFullyCrossedSchedule } from './fully-crossed.schedule';
import type {
	Design,
	DesignSchedule,
	NormalizedScheduleInput,
	Schedule,
	ScheduleInput
} from './schedule.types';
import { generateSequentialSchedule } from './sequential.schedule';
import { generateSplitPlotSchedule } from './split-plot.schedule';
import { summarizeSchedule } from './summary';
import { normalizeScheduleInput } from './validate-input';

const GENERATORS: Record<
	Design,
	(input: NormalizedScheduleInput, streams: StreamFactory) => DesignSchedule
> = {
	crossover: generateCrossoverSchedule,
	sequential: generateSequentialSchedule,
	'fully-crossed': generateFullyCrossedSchedule,
	'split-plot': generateSplitPlotSchedule
};

/** Throws ScheduleInputError (with the offending path) for input it cannot schedule. */
export function generateSchedule(input: ScheduleInput): Schedule {
	const normalized = normalizeScheduleInput(input);
	const result = GENERATORS[normalized.design](normalized, streamFactoryForSeed(normalized.seed));
	return {
		algorithm: ALGORITHM_ID,
		design: normalized.design,
		seed: normalized.seed,
		arms: normalized.arms,
		readers: result.readers,
		summary: summarizeSchedule(normalized, result)
	};
}
